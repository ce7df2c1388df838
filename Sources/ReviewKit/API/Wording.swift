import Foundation
import MetaAnalysis

/// Numbers and sentences in the wording reviewers know from RevMan, shared by figures, the CLI
/// summary and the report. All formatting is locale-independent.
public struct Wording: Sendable {
    /// Decimals of estimates and confidence limits.
    public var decimals: Int
    /// Write negative numbers with U+2212.
    public var trueMinus: Bool

    /// Wording with `decimals` decimals and, optionally, true minus signs.
    public init(decimals: Int = 2, trueMinus: Bool = false) {
        self.decimals = decimals
        self.trueMinus = trueMinus
    }

    /// Wording with the theme's decimals and minus sign.
    public init(theme: Theme) {
        self.init(decimals: theme.decimals, trueMinus: theme.trueMinus)
    }

    // MARK: Numbers

    /// A number with a fixed number of decimals ("0.41", "−1.83"); no "-0.00".
    public func number(_ value: Double, decimals: Int? = nil) -> String {
        guard value.isFinite else { return value.isNaN ? "NA" : (value > 0 ? "∞" : "-∞") }
        let places = decimals ?? self.decimals
        var text = Self.fixed(value, places)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        return trueMinus && text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    /// A value as written in data columns: up to `maximumDecimals`, trailing zeros dropped ("12.73", "2.2", "50").
    public func plain(_ value: Double, maximumDecimals: Int = 4) -> String {
        // Whole numbers (events, totals) are most of a forest plot's cells: the same text, directly.
        if value == value.rounded(), abs(value) < 1e15 {
            let text = String(Int64(value))
            return trueMinus && value < 0 ? "\u{2212}" + text.dropFirst() : text
        }
        var text = number(value, decimals: maximumDecimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// An estimate with its CI, RevMan style: "0.41 [0.13, 1.26]".
    public func estimate(_ estimate: Double, _ lower: Double, _ upper: Double) -> String {
        "\(number(estimate)) [\(number(lower)), \(number(upper))]"
    }

    /// A percentage weight: "5.1%".
    public func weight(_ percent: Double) -> String { "\(number(percent, decimals: 1))%" }

    /// A p-value RevMan style, without "P": "< 0.00001", "< 0.0001", "= 0.0004", "= 0.007", "= 0.39".
    public func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "= NA" }
        if p < 0.00001 { return "< 0.00001" }
        if p < 0.0001 { return "< 0.0001" }
        if p < 0.001 { return "= " + Self.fixed(p, 4) }
        if p < 0.01 { return "= " + Self.fixed(p, 3) }
        return "= " + Self.fixed(p, 2)
    }

    /// A reported p-value: exact, or a bound.
    public func pValue(_ p: ReportedP) -> String {
        switch p {
        case .exact(let value): return pValue(value)
        case .below(let bound): return "< " + plain(bound, maximumDecimals: 6)
        }
    }

    /// τ² with two decimals, or two significant digits when smaller than 0.01.
    public func tau2(_ value: Double) -> String {
        if value > 0, value < 0.01 {
            let digits = Int((-log10(value)).rounded(.up)) + 1
            return number(value, decimals: min(digits, 8))
        }
        return number(value, decimals: 2)
    }

    /// I² as a whole percentage.
    public func percent(_ value: Double) -> String { "\(Self.fixed(value, 0))%" }

    // MARK: Sentences

    /// "Heterogeneity: Tau² = 0.31; Chi² = 152.23, df = 12 (P < 0.00001); I² = 92%".
    public func heterogeneity(tau2: Double?, Q: Double?, df: Double?, p: ReportedP?, I2: Double?) -> String? {
        let parts = (tau2.map { ["Tau\u{00B2} = \(self.tau2($0))"] } ?? []) + chiSquaredParts(Q: Q, df: df, p: p, I2: I2)
        return parts.isEmpty ? nil : "Heterogeneity: " + parts.joined(separator: "; ")
    }

    /// The heterogeneity sentence of a computed analysis (τ² only for random effects);
    /// "Heterogeneity: Not applicable" for a single study (df = 0), as RevMan prints it.
    public func heterogeneity(_ h: Heterogeneity, random: Bool) -> String {
        guard h.df > 0 else { return "Heterogeneity: Not applicable" }
        return heterogeneity(tau2: random ? h.tau2 : nil, Q: h.Q, df: Double(h.df), p: .exact(h.p), I2: h.I2) ?? ""
    }

    /// "Test for overall effect: Z = 4.00 (P < 0.0001)", or with t and df for HKSJ.
    public func overallEffect(z: Double?, t: Double?, df: Double?, p: ReportedP?) -> String? {
        var text = "Test for overall effect: "
        if let t {
            text += "t = \(number(abs(t), decimals: 2))"
            if let df { text += ", df = \(Self.fixed(df, 0))" }
        } else if let z {
            text += "Z = \(number(abs(z), decimals: 2))"
        } else if p == nil {
            return nil
        }
        if let p { text += (z == nil && t == nil ? "P \(pValue(p))" : " (P \(pValue(p)))") }
        return text
    }

    /// "Test for overall effect: Z = 4.00 (P < 0.0001)" for a computed estimate (t and df under HKSJ).
    public func overallEffect(_ pooled: PooledEstimate) -> String {
        overallEffect(z: pooled.z, t: pooled.t, df: pooled.df.map(Double.init), p: .exact(pooled.p)) ?? ""
    }

    /// "Test for subgroup differences: Chi² = 1.86, df = 2 (P = 0.39), I² = 0%".
    public func subgroupDifferences(Q: Double?, df: Double?, p: ReportedP?, I2: Double?) -> String? {
        let parts = chiSquaredParts(Q: Q, df: df, p: p, I2: I2)
        return parts.isEmpty ? nil : "Test for subgroup differences: " + parts.joined(separator: ", ")
    }

    /// "Chi² = 1.86, df = 2 (P = 0.39)" (or "P = 0.39" alone) and "I² = 0%": the parts the
    /// heterogeneity and subgroup-differences sentences share.
    private func chiSquaredParts(Q: Double?, df: Double?, p: ReportedP?, I2: Double?) -> [String] {
        var parts: [String] = []
        if let Q {
            var chi = "Chi\u{00B2} = \(number(Q, decimals: 2))"
            if let df { chi += ", df = \(Self.fixed(df, 0))" }
            if let p { chi += " (P \(pValue(p)))" }
            parts.append(chi)
        } else if let p {
            parts.append("P \(pValue(p))")
        }
        if let I2 { parts.append("I\u{00B2} = \(percent(I2))") }
        return parts
    }

    /// "M-H, Random, 95% CI" — the method part of RevMan's column header for these settings
    /// (RevMan's Mantel–Haenszel random-effects analysis reads "M-H, Random").
    public static func methodLabel(_ settings: AnalysisSettings) -> String {
        methodLabel(measure: settings.measure, method: settings.method, hksj: settings.hksj,
                    mantelHaenszel: settings.mantelHaenszelRandomEffects)
    }

    /// "M-H, Random, 95% CI" — the method part of RevMan's column header.
    public static func methodLabel(measure: EffectMeasure, method: PoolingMethod, hksj: Bool, mantelHaenszel: Bool = false) -> String {
        let name: String
        switch method {
        case .MH: name = "M-H"
        case .PETO: name = "Peto"
        default: name = mantelHaenszel ? "M-H" : "IV"
        }
        let model = method.isRandomEffects ? "Random" : "Fixed"
        let interval = hksj ? "95% CI (HKSJ)" : "95% CI"
        return "\(name), \(model), \(interval)"
    }

    /// Fixed decimals with a dot, whatever the locale.
    static func fixed(_ value: Double, _ places: Int) -> String {
        let places = max(0, min(places, 12))
        // DecimalText gives Foundation's text for finite values without its (slow, locked) formatter.
        guard value.isFinite else {
            return String(format: "%.\(places)f", locale: Locale(identifier: "en_US_POSIX"), value)
        }
        return DecimalText.fixed(value, places: places)
    }
}
