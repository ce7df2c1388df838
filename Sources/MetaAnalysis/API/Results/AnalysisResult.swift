/// Everything computed for one analysis. Encodes (JSONEncoder) to the layout of the reference
/// cases' `expected` object; no NaN or infinity is ever encoded.
public struct AnalysisResult: Sendable, Encodable {
    /// The settings the analysis was computed with.
    public var settings: AnalysisSettings
    /// Every input study, in input order, estimable or not.
    public var studies: [StudyResult]
    /// The pooled estimate with the analysis' method.
    public var pooled: PooledEstimate
    /// Q, its p-value, I², H² and τ².
    public var heterogeneity: Heterogeneity
    /// The prediction interval (random effects; k ≥ 3 for the default Higgins interval).
    public var prediction: PredictionInterval?
    /// Egger's and Begg's tests and trim-and-fill (k ≥ 3, when requested).
    public var smallStudy: SmallStudyTests?
    /// The analysis without each estimable study in turn (when requested and k is within the limit).
    public var leaveOneOut: [LeaveOneOutRow]?
    /// The analysis of the first 1, 2, …, k studies in their order (when requested and k is within the limit).
    public var cumulative: [CumulativeRow]?
    /// Each subgroup pooled alone and the test for subgroup differences, when studies have subgroups.
    public var subgroups: SubgroupAnalysis?
    /// The meta-regression on the studies' moderator, when they have one.
    public var metaRegression: MetaRegression?
    /// Participants and events per arm (binary and continuous data).
    public var totals: Totals?
    /// Remarks on what was skipped or adjusted, in plain words.
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case settings, studies, pooled, heterogeneity, prediction, small_study, leave_one_out, cumulative,
             subgroups, meta_regression, totals, notes
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(settings, forKey: .settings)
        try c.encode(studies, forKey: .studies)
        try c.encode(pooled, forKey: .pooled)
        try c.encode(heterogeneity, forKey: .heterogeneity)
        try c.encodeIfPresent(prediction, forKey: .prediction)
        try c.encodeIfPresent(smallStudy, forKey: .small_study)
        try c.encodeIfPresent(leaveOneOut, forKey: .leave_one_out)
        try c.encodeIfPresent(cumulative, forKey: .cumulative)
        try c.encodeIfPresent(subgroups, forKey: .subgroups)
        try c.encodeIfPresent(metaRegression, forKey: .meta_regression)
        try c.encodeIfPresent(totals, forKey: .totals)
        try c.encode(notes, forKey: .notes)
    }
}
