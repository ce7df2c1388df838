/// What to do with a study that has no events (or only events) in both arms, for RR and OR.
public enum DoubleZeroPolicy: String, Sendable, Codable, CaseIterable {
    /// Cochrane/RevMan: the study is listed as not estimable and given no weight (the default).
    case excludeAsNotEstimable
    /// metafor: ½ is added to every cell and the study is pooled like any other (rma.uni); MH and
    /// Peto give it no weight and leave it out of Q, as rma.mh and rma.peto do.
    case includeWithCorrection
}

/// Which prediction interval a random-effects analysis reports.
public enum PredictionIntervalMethod: String, Sendable, Codable, CaseIterable {
    /// θ ± t(k−2) · √(τ² + SE²) (Higgins, Thompson & Spiegelhalter 2009; Cochrane Handbook), k ≥ 3.
    case higginsTkMinus2
    /// metafor 3.8's `predict()`: the normal quantile for z tests, t(k−1) with Hartung–Knapp.
    case metafor
}

/// When an iterative τ² estimator (REML, ML, EB, PM) has converged.
public enum Convergence: Sendable, Codable, Equatable {
    /// metafor 3.8-1's own stopping rules, so that results agree with it digit for digit: Fisher
    /// scoring (REML, ML, EB) from the Hedges starting value until |Δτ²| < 1e-5, at most 100
    /// iterations; PM by Brent's root search on [0, max(100, 10·mad(y)²)] with tolerance 2⁻¹³.
    /// These rules are absolute in τ², so a small τ² (e.g. for risk differences) is only accurate
    /// to about 1e-4 relative — exactly as in metafor.
    case metafor
    /// Iterate to the exact optimum: until |Δτ²| ≤ `tolerance` · τ² (or τ² is exactly 0), at most
    /// `maxIterations` steps; PM's root to machine precision.
    case precise(tolerance: Double, maxIterations: Int)

    /// `precise` with tolerance 1e-12 and at most 1,000 iterations.
    public static let tight = Convergence.precise(tolerance: 1e-12, maxIterations: 1000)
}

/// Whose conventions an analysis follows where RevMan 5 and metafor compute differently.
public enum Compatibility: String, Sendable, Codable, CaseIterable {
    /// metafor 3.8-1 (the default).
    case metafor
    /// Review Manager 5 (Deeks & Higgins 2010), so that imported reviews reproduce RevMan's numbers:
    /// Hedges' adjusted g with RevMan's variance for SMD; Mantel–Haenszel with ½ added to every cell
    /// of a table with a zero cell, and Greenland & Robins' variance for the RD; Peto's per-study odds
    /// ratios; I² from Q for random-effects models. See docs/statistics.md, "RevMan compatibility".
    case revman
}

/// How an analysis is computed.
public struct AnalysisSettings: Sendable, Codable, Equatable {
    /// The effect measure.
    public var measure: EffectMeasure
    /// The pooling method or τ² estimator.
    public var method: PoolingMethod
    /// Hartung–Knapp–Sidik–Jonkman: t tests with k−1 df and metafor's (untruncated) variance
    /// adjustment. Random-effects methods only.
    public var hksj: Bool
    /// For GEN: whether the effect is a ratio, so `genericCI` values are logged before pooling.
    public var genericIsRatio: Bool
    /// How RR/OR studies with no events (or only events) in both arms are handled.
    public var doubleZeroStudies: DoubleZeroPolicy
    /// Which prediction interval to report for random-effects analyses.
    public var predictionInterval: PredictionIntervalMethod
    /// The convergence rule of the iterative τ² estimators.
    public var convergence: Convergence
    /// The confidence level of all intervals (0.95 by default).
    public var confidenceLevel: Double
    /// metafor's conventions (the default) or RevMan 5's.
    public var compatibility: Compatibility
    /// RevMan 5's "M-H, Random": with method DL and a binary measure, Cochran's Q is taken around
    /// the Mantel–Haenszel estimate and DerSimonian–Laird's τ² from that Q. Needs method DL.
    public var mantelHaenszelRandomEffects: Bool

    enum CodingKeys: String, CodingKey {
        case measure, method, hksj
        case genericIsRatio = "generic_is_ratio"
        case doubleZeroStudies = "double_zero_studies"
        case predictionInterval = "prediction_interval"
        case convergence
        case confidenceLevel = "confidence_level"
        case compatibility
        case mantelHaenszelRandomEffects = "mantel_haenszel_random_effects"
    }

    /// Settings for `measure` pooled with `method`. By default: no Hartung–Knapp adjustment,
    /// double-zero studies not estimable (as RevMan), the Higgins t(k − 2) prediction interval,
    /// metafor's convergence rules, 95% confidence intervals and metafor's conventions.
    public init(measure: EffectMeasure, method: PoolingMethod, hksj: Bool = false, genericIsRatio: Bool = false,
                doubleZeroStudies: DoubleZeroPolicy = .excludeAsNotEstimable,
                predictionInterval: PredictionIntervalMethod = .higginsTkMinus2,
                convergence: Convergence = .metafor, confidenceLevel: Double = 0.95,
                compatibility: Compatibility = .metafor, mantelHaenszelRandomEffects: Bool = false) {
        self.measure = measure
        self.method = method
        self.hksj = hksj
        self.genericIsRatio = genericIsRatio
        self.doubleZeroStudies = doubleZeroStudies
        self.predictionInterval = predictionInterval
        self.convergence = convergence
        self.confidenceLevel = confidenceLevel
        self.compatibility = compatibility
        self.mantelHaenszelRandomEffects = mantelHaenszelRandomEffects
    }

    /// True when the analysis scale is logarithmic (RR, OR, or a generic ratio).
    public var isLogScale: Bool { measure.isRatio || (measure == .GEN && genericIsRatio) }
}
