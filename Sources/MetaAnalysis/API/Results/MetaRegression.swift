/// Meta-regression on one numeric moderator (metafor rma with mods), same τ² estimator as the
/// analysis (common-effect inverse variance for IV, MH and Peto analyses).
public struct MetaRegression: Sendable, Encodable {
    /// The moderator's name, if the request gave one.
    public var moderator: String?
    /// The number of studies in the regression (estimable studies with a moderator value).
    public var k: Int
    /// The fitted effect at a moderator value of 0 (analysis scale).
    public var intercept: Double
    /// The change in effect per unit of the moderator (analysis scale).
    public var slope: Double
    /// Standard errors of intercept and slope.
    public var se: [Double]
    /// z statistics (or t under Hartung–Knapp) of intercept and slope.
    public var statistic: [Double]
    /// t degrees of freedom under Hartung–Knapp; nil for z tests.
    public var df: Int?
    /// p-values of intercept and slope.
    public var p: [Double]
    /// Lower confidence limits of intercept and slope.
    public var ciLower: [Double]
    /// Upper confidence limits of intercept and slope.
    public var ciUpper: [Double]
    /// The omnibus test of the moderator: QM (χ²₁; F(1, k−2) under Hartung–Knapp) and its p-value.
    public var QM: Double
    /// The p-value of QM.
    public var QMp: Double
    /// Residual heterogeneity: QE with k − 2 df, its p-value, I² and H².
    public var QE: Double
    /// Degrees of freedom of QE (k − 2).
    public var QEdf: Int
    /// The p-value of QE.
    public var QEp: Double
    /// Residual I², in percent.
    public var I2: Double
    /// Residual H².
    public var H2: Double
    /// Residual τ², for random-effects models.
    public var tau2: Double?
    /// The proportion of τ² explained, in percent (metafor's pseudo-R², truncated at 0); for
    /// common-effect models the adjusted R² of the weighted regression, as metafor.
    public var R2: Double?
    /// The covariance of intercept and slope; with `se` it gives the fitted line's confidence band.
    public var covariance: Double
    /// The quantile of the confidence intervals: the normal's, or t's with `df` df under Hartung–Knapp.
    public var critical: Double
    /// The studies in the regression, in input order (for bubble plots).
    public var studies: [Point]

    /// A study in the regression: its moderator value, effect and weight in the regression model.
    public struct Point: Sendable {
        /// The study's label.
        public var label: String
        /// The study's moderator value.
        public var moderator: Double
        /// The effect and its sampling variance (analysis scale).
        public var yi: Double
        /// The sampling variance of `yi`.
        public var vi: Double
        /// The study's share of the model weights 1/(vᵢ + τ²), in percent.
        public var weight: Double
    }

    /// The fitted effect at moderator value `x`, intercept + slope·x, with its confidence interval
    /// (analysis scale), from the coefficients' covariance.
    public func fitted(at x: Double) -> (estimate: Double, lower: Double, upper: Double) {
        let estimate = intercept + slope * x
        let variance = se[0] * se[0] + 2 * x * covariance + x * x * se[1] * se[1]
        let half = critical * max(0, variance).squareRoot()
        return (estimate, estimate - half, estimate + half)
    }

    enum CodingKeys: String, CodingKey {
        case moderator, k, intercept, slope, se, z, t, df, p, ci_lower, ci_upper, QM, QMp, QE, QE_df, QEp, I2, H2, tau2, tau, R2
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(moderator, forKey: .moderator)
        try c.encode(k, forKey: .k)
        try c.encodeNumber(intercept, forKey: .intercept)
        try c.encodeNumber(slope, forKey: .slope)
        try c.encodeNumbers(se, forKey: .se)
        if let df {
            try c.encodeNumbers(statistic, forKey: .t)
            try c.encode(df, forKey: .df)
        } else {
            try c.encodeNumbers(statistic, forKey: .z)
        }
        try c.encodeNumbers(p, forKey: .p)
        try c.encodeNumbers(ciLower, forKey: .ci_lower)
        try c.encodeNumbers(ciUpper, forKey: .ci_upper)
        try c.encodeNumber(QM, forKey: .QM)
        try c.encodeNumber(QMp, forKey: .QMp)
        try c.encodeNumber(QE, forKey: .QE)
        try c.encode(QEdf, forKey: .QE_df)
        try c.encodeNumber(QEp, forKey: .QEp)
        try c.encodeNumber(I2, forKey: .I2)
        try c.encodeNumber(H2, forKey: .H2)
        try c.encodeNumber(tau2, forKey: .tau2)
        try c.encodeNumber(tau2.map { $0.squareRoot() }, forKey: .tau)
        try c.encodeNumber(R2, forKey: .R2)
    }
}
