import Foundation

/// GRADEpro's anticipated absolute effects: from an assumed comparator risk and a relative effect
/// with its CI, the risk with the intervention and the difference per 1000.
public struct AbsoluteEffect: Sendable, Equatable {
    /// Risk with the comparator, per 1000.
    public var comparatorPer1000: Double
    /// Risk with the intervention, per 1000 (estimate, lower, upper).
    public var interventionPer1000: (Double, Double, Double)
    /// Difference per 1000 (estimate, lower, upper); positive means more.
    public var differencePer1000: (Double, Double, Double)

    public static func == (a: AbsoluteEffect, b: AbsoluteEffect) -> Bool {
        a.comparatorPer1000 == b.comparatorPer1000 && a.interventionPer1000 == b.interventionPer1000
            && a.differencePer1000 == b.differencePer1000
    }

    /// The absolute effect of a relative effect (`RR`, `OR`, `HR`; or `RD` as a risk difference)
    /// at `comparatorPer1000`; nil for measures that are not relative effects on risks.
    public init?(measure: String, estimate: Double, lower: Double, upper: Double, comparatorPer1000: Double) {
        let risk = comparatorPer1000 / 1000
        let convert: (Double) -> Double
        switch measure.uppercased() {
        case "RR": convert = { min(1, risk * $0) }
        case "OR": convert = { $0 * risk / (1 - risk + $0 * risk) }
        case "HR": convert = { 1 - pow(1 - risk, $0) }
        case "RD": convert = { min(1, max(0, risk + $0)) }
        default: return nil
        }
        self.comparatorPer1000 = comparatorPer1000
        let values = [estimate, lower, upper].map { convert($0) * 1000 }
        interventionPer1000 = (values[0], values[1], values[2])
        differencePer1000 = (values[0] - comparatorPer1000, values[1] - comparatorPer1000, values[2] - comparatorPer1000)
    }

    /// "788 more per 1000 (from 352 more to 800 more)", as GRADEpro words it.
    public var differenceText: String {
        let (d, l, u) = differencePer1000
        return "\(Self.amount(d)) per 1000 (from \(Self.amount(l)) to \(Self.amount(u)))"
    }

    /// "200 per 1000".
    public var comparatorText: String { "\(Self.whole(comparatorPer1000)) per 1000" }

    static func amount(_ value: Double) -> String {
        let rounded = value.rounded()
        if rounded == 0 { return "0 fewer" }
        return "\(Self.whole(abs(rounded))) \(rounded > 0 ? "more" : "fewer")"
    }

    static func whole(_ value: Double) -> String { String(Int(value.rounded())) }
}
