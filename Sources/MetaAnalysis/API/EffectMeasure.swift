/// The effect measure of an analysis. Ratios (RR, OR) are analysed on the log scale.
public enum EffectMeasure: String, CaseIterable, Sendable, Codable {
    /// Risk ratio (analysed as log RR).
    case RR
    /// Odds ratio (analysed as log OR).
    case OR
    /// Risk difference.
    case RD
    /// Mean difference.
    case MD
    /// Standardized mean difference, as Hedges' g.
    case SMD
    /// Generic inverse variance: each study gives its own estimate and variance (or SE, or CI).
    case GEN

    /// True for measures computed from events and totals (RR, OR, RD).
    public var isBinary: Bool { self == .RR || self == .OR || self == .RD }

    /// True for measures computed from means, SDs and totals (MD, SMD).
    public var isContinuous: Bool { self == .MD || self == .SMD }

    /// True for RR and OR, which are pooled on the log scale and shown exponentiated. (A generic
    /// analysis may also be a ratio: see `AnalysisSettings.genericIsRatio`.)
    public var isRatio: Bool { self == .RR || self == .OR }

    /// The name used in figure axes and tables.
    public var displayName: String {
        switch self {
        case .RR: "Risk Ratio"
        case .OR: "Odds Ratio"
        case .RD: "Risk Difference"
        case .MD: "Mean Difference"
        case .SMD: "Std. Mean Difference"
        case .GEN: "Generic"
        }
    }
}
