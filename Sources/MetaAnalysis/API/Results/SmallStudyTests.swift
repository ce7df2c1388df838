/// Tests and adjustments for small-study effects (funnel-plot asymmetry).
public struct SmallStudyTests: Sendable, Encodable {
    /// Egger's regression test; nil when the standard errors do not vary.
    public var egger: EggerTest?
    /// Begg & Mazumdar's rank correlation test; nil when it cannot be computed.
    public var begg: BeggTest?
    /// Duval & Tweedie's trim-and-fill; nil when it cannot be computed.
    public var trimAndFill: TrimAndFill?

    enum CodingKeys: String, CodingKey { case egger, begg, trimfill }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(egger, forKey: .egger)
        try c.encodeIfPresent(begg, forKey: .begg)
        try c.encodeIfPresent(trimAndFill, forKey: .trimfill)
    }
}

/// Egger's test: weighted regression of yᵢ on its standard error (weights 1/vᵢ, residual variance
/// estimated), a t test of the slope with k − 2 df (metafor regtest, model = "lm", predictor = "sei").
public struct EggerTest: Sendable, Encodable {
    /// The t statistic of the slope.
    public var t: Double
    /// Degrees of freedom of the t test (k − 2).
    public var df: Int
    /// The two-sided p-value.
    public var p: Double
    /// The coefficient of the standard error (the asymmetry).
    public var slope: Double
    /// The standard error of the slope.
    public var slopeSE: Double
    /// The intercept: the effect extrapolated to a study with SE 0.
    public var intercept: Double

    enum CodingKeys: String, CodingKey { case t, df, p, slope, slope_se, intercept }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(t, forKey: .t)
        try c.encode(df, forKey: .df)
        try c.encodeNumber(p, forKey: .p)
        try c.encodeNumber(slope, forKey: .slope)
        try c.encodeNumber(slopeSE, forKey: .slope_se)
        try c.encodeNumber(intercept, forKey: .intercept)
    }
}

/// Begg & Mazumdar's test: Kendall's τ between the standardized effects and their variances.
public struct BeggTest: Sendable, Encodable {
    /// Kendall's τ_b.
    public var tau: Double
    /// The two-sided p-value.
    public var p: Double
    /// Whether the p-value is exact (k < 50, no ties) or from the normal approximation.
    public var exact: Bool

    enum CodingKeys: String, CodingKey { case tau, p, exact }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(tau, forKey: .tau)
        try c.encodeNumber(p, forKey: .p)
        try c.encode(exact, forKey: .exact)
    }
}

/// Trim-and-fill (Duval & Tweedie 2000), estimator L0, as metafor's trimfill.
public struct TrimAndFill: Sendable, Encodable {
    /// The side of the funnel plot on which studies are missing.
    public enum Side: String, Sendable, Codable { case left, right }

    /// The estimated number of missing studies.
    public var k0: Int
    /// The side on which studies were filled.
    public var side: Side
    /// The estimator of k0 (always "L0").
    public var estimator: String
    /// The filled-in studies (analysis scale).
    public var filled: [FilledStudy]
    /// The pooled estimate after filling (same method as the analysis).
    public var yi: Double
    /// The standard error of the adjusted estimate.
    public var se: Double
    /// The adjusted estimate's lower confidence limit (analysis scale).
    public var ciLower: Double
    /// The adjusted estimate's upper confidence limit (analysis scale).
    public var ciUpper: Double
    /// The p-value of the adjusted estimate.
    public var p: Double
    /// τ² after filling, for random-effects analyses.
    public var tau2: Double?

    enum CodingKeys: String, CodingKey { case k0, side, estimator, yi, se, ci_lower, ci_upper, p, tau2, filled }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(k0, forKey: .k0)
        try c.encode(side, forKey: .side)
        try c.encode(estimator, forKey: .estimator)
        try c.encodeNumber(yi, forKey: .yi)
        try c.encodeNumber(se, forKey: .se)
        try c.encodeNumber(ciLower, forKey: .ci_lower)
        try c.encodeNumber(ciUpper, forKey: .ci_upper)
        try c.encodeNumber(p, forKey: .p)
        try c.encodeNumber(tau2, forKey: .tau2)
        try c.encode(filled, forKey: .filled)
    }
}

/// A study imputed by trim-and-fill: the mirror image of an observed study.
public struct FilledStudy: Sendable, Encodable {
    /// The filled study's effect: the mirror image 2θ̂ − yᵢ of an observed study.
    public var yi: Double
    /// Its sampling variance (that of the mirrored study).
    public var vi: Double

    enum CodingKeys: String, CodingKey { case yi, vi }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(yi, forKey: .yi)
        try c.encodeNumber(vi, forKey: .vi)
    }
}
