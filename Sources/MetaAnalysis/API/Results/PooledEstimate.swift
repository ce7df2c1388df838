/// The pooled effect of an analysis (analysis scale: log scale for ratios).
public struct PooledEstimate: Sendable, Encodable {
    /// Common-effect or random-effects model.
    public enum Model: String, Sendable, Codable {
        case common, random
    }

    /// Whether the estimate is from a common-effect or a random-effects model.
    public var model: Model
    /// The method it was pooled with.
    public var method: PoolingMethod
    /// The number of studies pooled.
    public var k: Int
    /// The pooled effect.
    public var yi: Double
    /// The standard error of `yi` (Hartung–Knapp-adjusted under HKSJ).
    public var se: Double
    /// The lower confidence limit (analysis scale).
    public var ciLower: Double
    /// The upper confidence limit (analysis scale).
    public var ciUpper: Double
    /// The test statistic: z, or t under Hartung–Knapp.
    public var statistic: Double
    /// The t statistic's degrees of freedom (Hartung–Knapp); nil for a z test.
    public var df: Int?
    /// The two-sided p-value.
    public var p: Double

    /// The z statistic, if this is a z test.
    public var z: Double? { df == nil ? statistic : nil }
    /// The t statistic, if this is a t test.
    public var t: Double? { df == nil ? nil : statistic }

    enum CodingKeys: String, CodingKey { case yi, se, ci_lower, ci_upper, p, z, t, df, model, method, k }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(yi, forKey: .yi)
        try c.encodeNumber(se, forKey: .se)
        try c.encodeNumber(ciLower, forKey: .ci_lower)
        try c.encodeNumber(ciUpper, forKey: .ci_upper)
        try c.encodeNumber(p, forKey: .p)
        if let df {
            try c.encodeNumber(statistic, forKey: .t)
            try c.encode(df, forKey: .df)
        } else {
            try c.encodeNumber(statistic, forKey: .z)
        }
        try c.encode(model, forKey: .model)
        try c.encode(method, forKey: .method)
        try c.encode(k, forKey: .k)
    }
}

extension PooledEstimate {
    init(_ fit: PoolFit, method: PoolingMethod) {
        self.init(model: fit.isRandomEffects ? .random : .common, method: method, k: fit.k, yi: fit.estimate,
                  se: fit.se, ciLower: fit.ciLower, ciUpper: fit.ciUpper, statistic: fit.statistic,
                  df: fit.tDF, p: fit.p)
    }
}
