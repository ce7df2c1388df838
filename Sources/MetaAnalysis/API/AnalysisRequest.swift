/// Which analyses to run besides the pooled estimate. Each runs only where it applies: subgroups
/// when studies carry a subgroup, meta-regression when they carry a moderator, cumulative when they
/// carry an order, small-study tests when k ≥ 3, leave-one-out when k ≥ 2 (k = estimable studies).
/// Leave-one-out and cumulative analyses refit the model k times, so their work grows with k²; they
/// are skipped (with a note) when k exceeds `sensitivityStudyLimit`.
public struct AnalysisRequest: Sendable, Equatable {
    /// Pool each subgroup and test for subgroup differences.
    public var subgroups: Bool
    /// Regress the effect on the studies' moderator.
    public var metaRegression: Bool
    /// Cumulative meta-analysis in order of the studies' `order` values.
    public var cumulative: Bool
    /// Egger's test, Begg's test and trim-and-fill.
    public var smallStudy: Bool
    /// Leave-one-out sensitivity analysis.
    public var leaveOneOut: Bool
    /// The name of the subgroup variable, echoed in the result (e.g. "allocation").
    public var subgroupColumn: String?
    /// The name of the moderator, echoed in the result (e.g. "latitude").
    public var moderatorName: String?
    /// The largest k for which leave-one-out and cumulative analyses are run (1,000 by default:
    /// about a second for iterative estimators; such tables are unreadable long before that).
    public var sensitivityStudyLimit: Int

    /// A request; by default everything that applies is computed.
    public init(subgroups: Bool = true, metaRegression: Bool = true, cumulative: Bool = true,
                smallStudy: Bool = true, leaveOneOut: Bool = true,
                subgroupColumn: String? = nil, moderatorName: String? = nil, sensitivityStudyLimit: Int = 1000) {
        self.subgroups = subgroups
        self.metaRegression = metaRegression
        self.cumulative = cumulative
        self.smallStudy = smallStudy
        self.leaveOneOut = leaveOneOut
        self.subgroupColumn = subgroupColumn
        self.moderatorName = moderatorName
        self.sensitivityStudyLimit = sensitivityStudyLimit
    }

    /// Everything that applies (the default).
    public static let all = AnalysisRequest()
    /// Only the study effects, the pooled estimate, heterogeneity and the prediction interval.
    public static let pooledOnly = AnalysisRequest(subgroups: false, metaRegression: false, cumulative: false,
                                                   smallStudy: false, leaveOneOut: false)
}
