/// One study's effect and weight in an analysis.
public struct StudyResult: Sendable, Encodable {
    /// The study label.
    public var label: String
    /// The input data.
    public var data: StudyData
    /// The study's subgroup, if any.
    public var subgroup: String?
    /// The effect on the analysis scale (log scale for ratios); nil when not estimable.
    public var yi: Double?
    /// Its sampling variance; nil when not estimable.
    public var vi: Double?
    /// Its standard error √vi.
    public var se: Double?
    /// The study's confidence interval on the analysis scale (yi ± z·se).
    public var ciLower: Double?
    /// The upper limit of that interval.
    public var ciUpper: Double?
    /// The study's weight in the pooled estimate, in percent (0 when not estimable).
    public var weight: Double
    /// False when the study gives no estimate for this measure (e.g. no events in either arm for RR/OR).
    public var estimable: Bool
    /// True when ½ was added to each cell because of a zero cell.
    public var continuityCorrected: Bool
    /// Why the study is not estimable, or a remark on how its effect was computed.
    public var note: String?

    enum CodingKeys: String, CodingKey {
        case study, yi, vi, se, ci_lower, ci_upper, weight, estimable, continuity_corrected, note, subgroup, data
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(label, forKey: .study)
        try c.encodeNumber(yi, forKey: .yi)
        try c.encodeNumber(vi, forKey: .vi)
        try c.encodeNumber(se, forKey: .se)
        try c.encodeNumber(ciLower, forKey: .ci_lower)
        try c.encodeNumber(ciUpper, forKey: .ci_upper)
        try c.encodeNumber(weight, forKey: .weight)
        try c.encode(estimable, forKey: .estimable)
        if continuityCorrected { try c.encode(true, forKey: .continuity_corrected) }
        try c.encodeIfPresent(note, forKey: .note)
        try c.encodeIfPresent(subgroup, forKey: .subgroup)
        try c.encode(data, forKey: .data)
    }
}

extension StudyData: Encodable {
    enum CodingKeys: String, CodingKey {
        case kind, exp_events, exp_total, ctrl_events, ctrl_total, exp_mean, exp_sd, ctrl_mean, ctrl_sd
        case yi, vi, se, estimate, ci_lower, ci_upper
    }

    /// Encodes the data with the canonical column names of the project's CSV files.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case let .binary(expEvents, expTotal, ctrlEvents, ctrlTotal):
            try c.encode("binary", forKey: .kind)
            try c.encodeNumber(expEvents, forKey: .exp_events)
            try c.encodeNumber(expTotal, forKey: .exp_total)
            try c.encodeNumber(ctrlEvents, forKey: .ctrl_events)
            try c.encodeNumber(ctrlTotal, forKey: .ctrl_total)
        case let .continuous(expMean, expSD, expTotal, ctrlMean, ctrlSD, ctrlTotal):
            try c.encode("continuous", forKey: .kind)
            try c.encodeNumber(expMean, forKey: .exp_mean)
            try c.encodeNumber(expSD, forKey: .exp_sd)
            try c.encodeNumber(expTotal, forKey: .exp_total)
            try c.encodeNumber(ctrlMean, forKey: .ctrl_mean)
            try c.encodeNumber(ctrlSD, forKey: .ctrl_sd)
            try c.encodeNumber(ctrlTotal, forKey: .ctrl_total)
        case let .generic(yi, vi):
            try c.encode("generic", forKey: .kind)
            try c.encodeNumber(yi, forKey: .yi)
            try c.encodeNumber(vi, forKey: .vi)
        case let .genericSE(yi, se):
            try c.encode("generic", forKey: .kind)
            try c.encodeNumber(yi, forKey: .yi)
            try c.encodeNumber(se, forKey: .se)
        case let .genericCI(estimate, lower, upper):
            try c.encode("generic_ci", forKey: .kind)
            try c.encodeNumber(estimate, forKey: .estimate)
            try c.encodeNumber(lower, forKey: .ci_lower)
            try c.encodeNumber(upper, forKey: .ci_upper)
        }
    }
}
