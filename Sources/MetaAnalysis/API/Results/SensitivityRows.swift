/// The analysis repeated without one study (metafor leave1out).
public struct LeaveOneOutRow: Sendable, Encodable {
    /// The label of the omitted study.
    public var omitted: String
    /// The pooled result of the remaining studies.
    public var pooled: PooledEstimate
    /// Heterogeneity of the remaining studies.
    public var heterogeneity: Heterogeneity

    enum CodingKeys: String, CodingKey { case omitted }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(omitted, forKey: .omitted)
        try encodeRowNumbers(pooled: pooled, heterogeneity: heterogeneity, to: encoder)
    }
}

/// One step of a cumulative meta-analysis: the studies up to and including `added` (metafor cumul).
public struct CumulativeRow: Sendable, Encodable {
    /// The label of the study added at this step.
    public var added: String
    /// Its order value (e.g. the year), if it has one.
    public var order: Double?
    /// The pooled result of the studies so far.
    public var pooled: PooledEstimate
    /// Heterogeneity of the studies so far.
    public var heterogeneity: Heterogeneity

    enum CodingKeys: String, CodingKey { case added, order }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(added, forKey: .added)
        try c.encodeNumber(order, forKey: .order)
        try encodeRowNumbers(pooled: pooled, heterogeneity: heterogeneity, to: encoder)
    }
}

private enum RowKeys: String, CodingKey { case k, yi, se, ci_lower, ci_upper, p, z, t, df, Q, Qp, I2, H2, tau2, tau }

/// The flat row layout shared by leave-one-out, cumulative and subgroup rows.
func encodeRowNumbers(pooled: PooledEstimate, heterogeneity: Heterogeneity, to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: RowKeys.self)
    try c.encode(pooled.k, forKey: .k)
    try c.encodeNumber(pooled.yi, forKey: .yi)
    try c.encodeNumber(pooled.se, forKey: .se)
    try c.encodeNumber(pooled.ciLower, forKey: .ci_lower)
    try c.encodeNumber(pooled.ciUpper, forKey: .ci_upper)
    try c.encodeNumber(pooled.p, forKey: .p)
    if let df = pooled.df {
        try c.encodeNumber(pooled.statistic, forKey: .t)
        try c.encode(df, forKey: .df)
    } else {
        try c.encodeNumber(pooled.statistic, forKey: .z)
    }
    try c.encodeNumber(heterogeneity.Q, forKey: .Q)
    try c.encodeNumber(heterogeneity.p, forKey: .Qp)
    try c.encodeNumber(heterogeneity.I2, forKey: .I2)
    try c.encodeNumber(heterogeneity.H2, forKey: .H2)
    try c.encodeNumber(heterogeneity.tau2, forKey: .tau2)
    try c.encodeNumber(heterogeneity.tau, forKey: .tau)
}
