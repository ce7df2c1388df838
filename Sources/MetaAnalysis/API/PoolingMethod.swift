import Foundation

/// How studies are pooled: a common-effect method (IV, MH, PETO) or a random-effects model with
/// one of metafor's τ² estimators.
public enum PoolingMethod: String, CaseIterable, Sendable, Codable {
    /// Common-effect inverse variance (metafor "FE"/"EE").
    case IV
    /// Mantel–Haenszel (RR, OR, RD).
    case MH
    /// Peto's one-step odds ratio (OR only).
    case PETO
    /// Random effects, DerSimonian–Laird τ².
    case DL
    /// Random effects, restricted maximum likelihood τ².
    case REML
    /// Random effects, Paule–Mandel τ².
    case PM
    /// Random effects, Sidik–Jonkman τ².
    case SJ
    /// Random effects, Hunter–Schmidt τ².
    case HS
    /// Random effects, maximum likelihood τ².
    case ML
    /// Random effects, empirical Bayes (Morris) τ².
    case EB

    /// Parses a method name case-insensitively; "FE", "CE", "EE", "fixed" and "common" mean IV.
    public init?(parsing text: String) {
        let key = text.trimmingCharacters(in: .whitespaces).uppercased()
        switch key {
        case "FE", "CE", "EE", "FIXED", "COMMON", "INVERSE-VARIANCE", "INVERSE VARIANCE": self = .IV
        case "MANTEL-HAENSZEL", "MANTEL HAENSZEL": self = .MH
        default:
            guard let method = PoolingMethod(rawValue: key) else { return nil }
            self = method
        }
    }

    /// True for the random-effects estimators (DL, REML, PM, SJ, HS, ML, EB).
    public var isRandomEffects: Bool {
        switch self {
        case .IV, .MH, .PETO: false
        default: true
        }
    }

    /// Whether the method can pool this measure: MH needs RR, OR or RD; Peto needs OR.
    public func fits(_ measure: EffectMeasure) -> Bool {
        switch self {
        case .MH: measure.isBinary
        case .PETO: measure == .OR
        default: true
        }
    }

    /// A human-readable name for reports.
    public var displayName: String {
        switch self {
        case .IV: "Inverse variance (common effect)"
        case .MH: "Mantel–Haenszel (common effect)"
        case .PETO: "Peto (common effect)"
        case .DL: "Random effects, DerSimonian–Laird"
        case .REML: "Random effects, REML"
        case .PM: "Random effects, Paule–Mandel"
        case .SJ: "Random effects, Sidik–Jonkman"
        case .HS: "Random effects, Hunter–Schmidt"
        case .ML: "Random effects, maximum likelihood"
        case .EB: "Random effects, empirical Bayes"
        }
    }
}
