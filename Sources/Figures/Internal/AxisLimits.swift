import Foundation
import ReviewKit

/// Axis limits a user gives (`xlim`), checked against the axis they are for: the upper limit above
/// the lower, and both above 0 on a ratio's logarithmic axis. Limits that cannot be drawn are an
/// error naming the option, never silently replaced by automatic ones.
enum AxisLimits {
    /// The limits of option `name` on the natural scale, or nil when not given.
    static func checked(_ options: FigureOptions, _ name: String = "xlim", ratio: Bool) throws -> (Double, Double)? {
        guard let (low, high) = options.range(name) else { return nil }
        let wording = Wording()
        let shown = "\(name) \(wording.plain(low, maximumDecimals: 6)),\(wording.plain(high, maximumDecimals: 6))"
        guard high > low else {
            throw FigureError("\(shown): the upper limit must be greater than the lower one", option: name)
        }
        if ratio, low <= 0 {
            throw FigureError("\(shown): a ratio is drawn on a logarithmic axis, so both limits must be greater than 0 (for example \(name) 0.1,10)",
                              option: name)
        }
        return (low, high)
    }
}
