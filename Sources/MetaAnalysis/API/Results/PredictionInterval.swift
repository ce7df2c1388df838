/// The prediction interval of a random-effects analysis (analysis scale).
public struct PredictionInterval: Sendable, Encodable {
    /// The lower limit (analysis scale).
    public var lower: Double
    /// The upper limit (analysis scale).
    public var upper: Double
    /// How it was computed.
    public var method: PredictionIntervalMethod
    /// The t distribution's degrees of freedom; nil when the normal quantile was used.
    public var df: Int?

    enum CodingKeys: String, CodingKey { case lower, upper, method, df }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(lower, forKey: .lower)
        try c.encodeNumber(upper, forKey: .upper)
        try c.encode(method, forKey: .method)
        try c.encodeIfPresent(df, forKey: .df)
    }
}
