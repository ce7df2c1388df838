/// Heterogeneity statistics of an analysis, as metafor computes them for its method.
public struct Heterogeneity: Sendable, Encodable {
    /// Cochran's Q.
    public var Q: Double
    /// Q's degrees of freedom.
    public var df: Int
    /// Q's p-value (χ² with df degrees of freedom).
    public var p: Double
    /// I² in percent: from Q for common-effect models, from τ² for random-effects models.
    public var I2: Double
    /// H².
    public var H2: Double
    /// τ², for random-effects models.
    public var tau2: Double?
    /// τ = √τ², for random-effects models.
    public var tau: Double? { tau2.map { $0.squareRoot() } }

    enum CodingKeys: String, CodingKey { case Q, df, p, I2, H2, tau2, tau }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(Q, forKey: .Q)
        try c.encode(df, forKey: .df)
        try c.encodeNumber(p, forKey: .p)
        try c.encodeNumber(I2, forKey: .I2)
        try c.encodeNumber(H2, forKey: .H2)
        try c.encodeNumber(tau2, forKey: .tau2)
        try c.encodeNumber(tau, forKey: .tau)
    }
}

extension Heterogeneity {
    init(_ fit: PoolFit) {
        self.init(Q: fit.Q, df: fit.Qdf, p: fit.Qp, I2: fit.I2, H2: fit.H2, tau2: fit.tau2)
    }
}
