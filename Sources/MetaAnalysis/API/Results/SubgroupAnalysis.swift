/// Subgroup analysis: each subgroup pooled alone, then a test for subgroup differences.
public struct SubgroupAnalysis: Sendable, Encodable {
    /// The name of the subgroup variable, if the request gave one.
    public var column: String?
    /// The subgroups with at least one estimable study, in order of first appearance.
    public var groups: [SubgroupResult]
    /// Subgroups none of whose studies is estimable.
    public var notEstimableGroups: [String]
    /// The test for subgroup differences; nil with fewer than two subgroups.
    public var testForSubgroupDifferences: SubgroupDifferenceTest?

    enum CodingKeys: String, CodingKey { case column, groups, not_estimable_groups, test_for_subgroup_differences }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(column, forKey: .column)
        try c.encode(groups, forKey: .groups)
        if !notEstimableGroups.isEmpty { try c.encode(notEstimableGroups, forKey: .not_estimable_groups) }
        try c.encodeIfPresent(testForSubgroupDifferences, forKey: .test_for_subgroup_differences)
    }
}

/// One subgroup pooled alone with the analysis' method (a subgroup of one study is that study).
public struct SubgroupResult: Sendable, Encodable {
    /// The subgroup's name, as in the data.
    public var subgroup: String
    /// The subgroup's pooled estimate.
    public var pooled: PooledEstimate
    /// Heterogeneity within the subgroup.
    public var heterogeneity: Heterogeneity
    /// The subgroup's prediction interval (random effects, as the analysis' setting).
    public var prediction: PredictionInterval?

    /// The number of studies pooled in the subgroup.
    public var k: Int { pooled.k }

    enum CodingKeys: String, CodingKey {
        case subgroup, k, yi, se, ci_lower, ci_upper, p, z, t, df, model, Q, Q_df, Qp, I2, H2, tau2, tau, prediction
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subgroup, forKey: .subgroup)
        try c.encode(pooled.model, forKey: .model)
        try c.encode(heterogeneity.df, forKey: .Q_df)
        // k, the estimate and its test, and heterogeneity: the same keys as sensitivity rows.
        try encodeRowNumbers(pooled: pooled, heterogeneity: heterogeneity, to: encoder)
        try c.encodeIfPresent(prediction, forKey: .prediction)
    }
}

/// The test for subgroup differences: a common-effect Q across the subgroup estimates.
public struct SubgroupDifferenceTest: Sendable, Encodable {
    /// Q across the subgroup estimates, weighted by 1/SE².
    public var Q: Double
    /// Degrees of freedom: the number of subgroups − 1.
    public var df: Int
    /// The χ² p-value of Q.
    public var p: Double
    /// I² of the subgroup differences, max(0, (Q − df)/Q), in percent.
    public var I2: Double

    enum CodingKeys: String, CodingKey { case Q, df, p, I2 }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(Q, forKey: .Q)
        try c.encode(df, forKey: .df)
        try c.encodeNumber(p, forKey: .p)
        try c.encodeNumber(I2, forKey: .I2)
    }
}
