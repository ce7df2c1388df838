/// The data one study contributes to an analysis.
public enum StudyData: Sendable, Equatable {
    /// Events and totals in each arm (for RR, OR, RD).
    case binary(expEvents: Double, expTotal: Double, ctrlEvents: Double, ctrlTotal: Double)
    /// Mean, SD and total in each arm (for MD, SMD).
    case continuous(expMean: Double, expSD: Double, expTotal: Double, ctrlMean: Double, ctrlSD: Double, ctrlTotal: Double)
    /// An estimate and its variance on the analysis scale (log scale for ratios).
    case generic(yi: Double, vi: Double)
    /// An estimate and its standard error on the analysis scale (log scale for ratios).
    case genericSE(yi: Double, se: Double)
    /// An estimate with its 95% confidence interval on the natural scale; logged when
    /// `AnalysisSettings.genericIsRatio` is set.
    case genericCI(estimate: Double, lower: Double, upper: Double)
}

/// One study of an analysis.
public struct Study: Sendable, Equatable {
    /// The label shown in figures and tables (e.g. "Aronson, 1948").
    public var label: String
    /// The study's data.
    public var data: StudyData
    /// The subgroup the study belongs to, if the analysis has subgroups.
    public var subgroup: String?
    /// The value of the moderator for meta-regression, if any.
    public var moderator: Double?
    /// The sort key of cumulative meta-analysis (e.g. the year), if any.
    public var order: Double?

    /// A study with its label and data, and optionally its subgroup, moderator value and order.
    public init(label: String, data: StudyData, subgroup: String? = nil, moderator: Double? = nil, order: Double? = nil) {
        self.label = label
        self.data = data
        self.subgroup = subgroup
        self.moderator = moderator
        self.order = order
    }
}
