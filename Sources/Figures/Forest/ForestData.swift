import Foundation
import MetaAnalysis
import ReviewKit

/// What a forest-style figure shows, independent of where the numbers came from (the engine, a
/// paper, a sensitivity analysis). Estimates are on the analysis scale (log for ratios).
public struct ForestData: Sendable {
    /// The per-arm columns beside the labels.
    public enum ArmColumns: Sendable { case binary, continuous, none }

    /// An estimate with its 95% CI on the analysis scale.
    public struct Estimate: Sendable, Hashable {
        /// The estimate.
        public var value: Double
        /// The lower confidence limit.
        public var lower: Double
        /// The upper confidence limit.
        public var upper: Double

        /// An estimate with its lower and upper limits (analysis scale).
        public init(_ value: Double, _ lower: Double, _ upper: Double) {
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    /// Participants and events per arm.
    public struct Totals: Sendable, Hashable {
        /// Participants in the experimental arm(s).
        public var experimental: Double
        /// Participants in the control arm(s).
        public var control: Double
        /// Events in the experimental arm(s), for binary data.
        public var experimentalEvents: Double?
        /// Events in the control arm(s), for binary data.
        public var controlEvents: Double?

        /// Participants in both arms.
        public var participants: Double { experimental + control }
    }

    /// One study (or one leave-one-out / cumulative step).
    public struct StudyRow: Sendable {
        /// The study's label.
        public var label: String
        /// The study's data, shown in the per-arm columns; nil when given results have none.
        public var data: StudyData?
        /// nil when the study is not estimable.
        public var estimate: Estimate?
        /// Weight in percent; nil when there are no weights (markers then have one size).
        public var weight: Double?
        /// Shown in place of the estimate text, e.g. "Not estimable".
        public var note: String?
        /// Risk-of-bias judgements per domain, and overall, when the review has them.
        public var judgements: [Judgement?]?
        /// The overall risk-of-bias judgement.
        public var overall: Judgement?
        /// The study's year, for sorting by year.
        public var year: Int?
        /// Texts of the extra columns (`ForestData.extraHeaders`), in order.
        public var extra: [String] = []
    }

    /// A pooled result drawn as a diamond.
    public struct PooledRow: Sendable {
        /// The row's label, e.g. "Total (95% CI)" or "Subtotal (95% CI)".
        public var label: String
        /// The pooled estimate with its CI.
        public var estimate: Estimate
        /// The pooled studies' share of the weight, in percent.
        public var weight: Double?
        /// Participants and events, for the total rows under the diamond.
        public var totals: Totals?
        /// The prediction interval, drawn on its own row under the diamond.
        public var prediction: (lower: Double, upper: Double)?
        /// Bold labels for totals, regular for subtotals.
        public var isTotal: Bool
        /// Texts of the extra columns (`ForestData.extraHeaders`), in order.
        public var extra: [String] = []
    }

    /// A subgroup (or the whole analysis when there are none).
    public struct Group: Sendable {
        /// The subgroup's name; nil when the analysis has no subgroups.
        public var title: String?
        /// The subgroup's studies.
        public var studies: [StudyRow]
        /// The subgroup's diamonds (one per model shown).
        public var pooled: [PooledRow]
        /// Heterogeneity and test lines under the subtotal.
        public var notes: [String]
    }

    /// The analysis title.
    public var title: String
    /// "Risk Ratio".
    public var effectName: String
    /// "M-H, Random, 95% CI".
    public var methodLabel: String
    /// Whether the effect is a ratio (log axis, exponentiated text).
    public var isRatio: Bool
    /// The labels of the two arms, over the per-arm columns.
    public var arms: Arms
    /// The labels under the axis.
    public var favours: Favours?
    /// Which per-arm columns to show.
    public var armColumns: ArmColumns
    /// Whether studies carry weights (a weight column is shown).
    public var hasWeights: Bool
    /// The subgroups (one group without a title when there are none).
    public var groups: [Group]
    /// The overall diamonds (one per model shown).
    public var overall: [PooledRow]
    /// Heterogeneity, test and subgroup-difference lines under the total.
    public var overallNotes: [String]
    /// The tool whose judgements fill the risk-of-bias columns.
    public var riskOfBiasTool: RiskOfBiasTool?
    /// The first column's header ("Study or Subgroup", "Study omitted").
    public var labelHeader: String = "Study or Subgroup"
    /// Headers of extra right-aligned text columns between the effect and the plot (e.g. τ² and I²
    /// of sensitivity rows); none in the forest plot.
    public var extraHeaders: [String] = []

    /// Converts an analysis-scale value to the natural scale for text.
    public func natural(_ value: Double) -> Double { isRatio ? exp(value) : value }

    /// All study rows of all groups.
    public var allStudies: [StudyRow] { groups.flatMap(\.studies) }
}

/// How study rows are ordered within their group.
public enum ForestSort: String, CaseIterable, Sendable {
    case given, effect, weight, year, label
}

/// Which pooled estimates are drawn.
public enum ForestModel: String, CaseIterable, Sendable {
    /// The analysis's own model.
    case analysis
    /// Common and random effects (random-effects analyses).
    case both
}

extension ForestData {
    /// The forest data of an analysis outcome, with the review's risk-of-bias judgements.
    public init(outcome: AnalysisOutcome, review: Review?, wording: Wording, sort: ForestSort = .given,
                model: ForestModel = .analysis, prediction: Bool = true, riskOfBias: Bool = true) throws {
        let analysis = outcome.analysis
        let columns: ArmColumns = analysis.measure.isBinary ? .binary : (analysis.measure.isContinuous ? .continuous : .none)
        let rob = riskOfBias ? review?.riskOfBias : nil
        let lookup = rob.map(RiskOfBiasLookup.init)
        if let result = outcome.result {
            self = Self.computed(result, analysis: analysis, columns: columns, wording: wording,
                                 common: model == .both ? outcome.commonEffect : nil, prediction: prediction, rob: lookup)
        } else if let given = outcome.given {
            self = Self.given(given, analysis: analysis, columns: columns, wording: wording, rob: lookup)
        } else {
            throw FigureError("analysis '\(analysis.id)' has no results to draw")
        }
        riskOfBiasTool = lookup == nil ? nil : rob?.tool
        if riskOfBiasTool != nil, !allStudies.contains(where: { $0.judgements != nil }) { riskOfBiasTool = nil }
        if sort == .year, !allStudies.isEmpty, !allStudies.contains(where: { $0.year != nil }) {
            // Sorting by a year no study has would silently keep the order given.
            let columns = analysis.dataColumns
            let source = columns.isEmpty ? "no study has a year"
                : "the data has no 'year' column (its columns: \(columns.joined(separator: ", ")))"
            throw FigureError("sort year needs the studies' years, but \(source); add a year, or sort by given, effect, weight or label",
                              option: "sort")
        }
        sortStudies(sort)
    }

    mutating func sortStudies(_ sort: ForestSort) {
        for index in groups.indices {
            // Stable sorts: ties keep the order given.
            let rows = groups[index].studies.enumerated()
            let key: (EnumeratedSequence<[StudyRow]>.Element) -> (Double, Int) = { pair in
                let row = pair.element
                switch sort {
                case .given: return (0, pair.offset)
                case .effect: return (row.estimate?.value ?? .infinity, pair.offset)
                case .weight: return (-(row.weight ?? 0), pair.offset)
                case .year: return (Double(row.year ?? Int.max), pair.offset)
                case .label: return (0, pair.offset)
                }
            }
            if sort == .label {
                groups[index].studies = rows.sorted {
                    ($0.element.label.lowercased(), $0.offset) < ($1.element.label.lowercased(), $1.offset)
                }.map(\.element)
            } else {
                groups[index].studies = rows.sorted { key($0) < key($1) }.map(\.element)
            }
        }
    }

    // MARK: Computed analyses

    private static func computed(_ result: AnalysisResult, analysis: Analysis, columns: ArmColumns, wording: Wording,
                                 common: AnalysisResult?, prediction: Bool, rob: RiskOfBiasLookup?) -> ForestData {
        let settings = result.settings
        let random = settings.method.isRandomEffects
        var rows: [(subgroup: String?, row: StudyRow)] = []
        for study in result.studies {
            var estimate: Estimate?
            if study.estimable, let yi = study.yi, let lower = study.ciLower, let upper = study.ciUpper {
                estimate = Estimate(yi, lower, upper)
            }
            let judgement = rob?.judgements(for: study.label)
            rows.append((study.subgroup, StudyRow(label: study.label, data: study.data, estimate: estimate,
                                                  weight: study.weight, note: estimate == nil ? "Not estimable" : nil,
                                                  judgements: judgement?.judgements, overall: judgement?.overall,
                                                  year: analysis.years[study.label])))
        }
        var groups: [Group] = []
        if let subgroups = result.subgroups {
            for group in subgroups.groups {
                let members = rows.filter { $0.subgroup == group.subgroup }.map(\.row)
                let pooled = PooledRow(label: "Subtotal (95% CI)",
                                       estimate: Estimate(group.pooled.yi, group.pooled.ciLower, group.pooled.ciUpper),
                                       weight: members.reduce(0) { $0 + ($1.weight ?? 0) },
                                       totals: totals(members.compactMap(\.data)), prediction: nil, isTotal: false)
                // One study: "Heterogeneity: Not applicable", as for the whole analysis.
                let notes = [group.k < 2 ? "Heterogeneity: Not applicable" : wording.heterogeneity(group.heterogeneity, random: random),
                             wording.overallEffect(group.pooled)]
                groups.append(Group(title: group.subgroup, studies: members, pooled: [pooled], notes: notes))
            }
            // Subgroups whose studies are all not estimable still show their studies.
            for name in subgroups.notEstimableGroups {
                let members = rows.filter { $0.subgroup == name }.map(\.row)
                groups.append(Group(title: name, studies: members, pooled: [], notes: ["Not estimable"]))
            }
        } else {
            groups = [Group(title: nil, studies: rows.map(\.row), pooled: [], notes: [])]
        }

        let allData = rows.compactMap(\.row.data)
        var overall: [PooledRow] = []
        if let common, random {
            overall.append(PooledRow(label: "Total (common effect, 95% CI)",
                                     estimate: Estimate(common.pooled.yi, common.pooled.ciLower, common.pooled.ciUpper),
                                     weight: nil, totals: nil, prediction: nil, isTotal: true))
        }
        var predictionInterval: (Double, Double)?
        if prediction, random, let pi = result.prediction { predictionInterval = (pi.lower, pi.upper) }
        overall.append(PooledRow(label: common != nil && random ? "Total (random effects, 95% CI)" : "Total (95% CI)",
                                 estimate: Estimate(result.pooled.yi, result.pooled.ciLower, result.pooled.ciUpper),
                                 weight: 100, totals: totals(allData), prediction: predictionInterval, isTotal: true))
        var notes = [wording.heterogeneity(result.heterogeneity, random: random), wording.overallEffect(result.pooled)]
        if let test = result.subgroups?.testForSubgroupDifferences,
           let line = wording.subgroupDifferences(Q: test.Q, df: Double(test.df), p: .exact(test.p), I2: test.I2) {
            notes.append(line)
        }
        return ForestData(title: analysis.title, effectName: analysis.effectName,
                          methodLabel: Wording.methodLabel(settings),
                          isRatio: analysis.isRatio, arms: analysis.arms, favours: analysis.favours, armColumns: columns,
                          hasWeights: true, groups: groups, overall: overall, overallNotes: notes, riskOfBiasTool: nil)
    }

    /// Sums participants (and events) over studies' arm data.
    static func totals(_ data: [StudyData]) -> Totals? {
        var totals = Totals(experimental: 0, control: 0, experimentalEvents: nil, controlEvents: nil)
        var any = false
        for item in data {
            switch item {
            case let .binary(e1, n1, e2, n2):
                totals.experimental += n1
                totals.control += n2
                totals.experimentalEvents = (totals.experimentalEvents ?? 0) + e1
                totals.controlEvents = (totals.controlEvents ?? 0) + e2
                any = true
            case let .continuous(_, _, n1, _, _, n2):
                totals.experimental += n1
                totals.control += n2
                any = true
            default:
                break
            }
        }
        return any ? totals : nil
    }

    // MARK: Given results

    private static func given(_ given: GivenResults, analysis: Analysis, columns: ArmColumns, wording: Wording,
                              rob: RiskOfBiasLookup?) -> ForestData {
        let ratio = analysis.isRatio
        func scale(_ value: Double) -> Double { ratio ? log(value) : value }
        func estimate(_ e: Double, _ l: Double, _ u: Double) -> Estimate { Estimate(scale(e), scale(l), scale(u)) }

        // Subgroups in order of first appearance among studies, then among pooled rows.
        var order: [String] = []
        for name in given.studies.compactMap(\.subgroup) + given.pooled.compactMap(\.subgroup) where !order.contains(name) {
            order.append(name)
        }
        let hasWeights = given.studies.contains { $0.weight != nil }
        func row(_ study: GivenStudy) -> StudyRow {
            let judgement = rob?.judgements(for: study.label)
            return StudyRow(label: study.label, data: study.data, estimate: estimate(study.estimate, study.lower, study.upper),
                            weight: study.weight, note: nil, judgements: judgement?.judgements, overall: judgement?.overall,
                            year: study.year)
        }
        func pooledRow(_ p: GivenPooled, total: Bool) -> PooledRow {
            var label = p.label ?? (total ? "Total (95% CI)" : "Subtotal (95% CI)")
            if p.label == nil, given.studies.isEmpty {
                // Without study rows, say what was pooled.
                var parts: [String] = []
                if let k = p.k { parts.append("\(k) stud\(k == 1 ? "y" : "ies")") }
                if let n = p.participants { parts.append("\(n) participants") }
                if !parts.isEmpty { label = (total ? "Total" : "Subtotal") + " (" + parts.joined(separator: ", ") + "; 95% CI)" }
            }
            var totals: Totals?
            if let events = p.events {
                totals = Totals(experimental: events.experimentalTotal, control: events.controlTotal,
                                experimentalEvents: events.experimentalEvents, controlEvents: events.controlEvents)
            }
            return PooledRow(label: label, estimate: estimate(p.estimate, p.lower, p.upper), weight: nil,
                             totals: totals, prediction: nil, isTotal: total)
        }
        func notes(_ p: GivenPooled) -> [String] {
            var lines: [String] = []
            if let h = p.heterogeneity,
               let line = wording.heterogeneity(tau2: h.tau2, Q: h.Q, df: h.df, p: h.p, I2: h.I2) { lines.append(line) }
            if let line = wording.overallEffect(z: p.z, t: p.t, df: nil, p: p.p) { lines.append(line) }
            return lines
        }
        var groups: [Group] = []
        if order.isEmpty {
            groups = [Group(title: nil, studies: given.studies.map(row), pooled: [], notes: [])]
        } else {
            for name in order {
                let pooled = given.pooled.filter { $0.subgroup == name }
                groups.append(Group(title: name, studies: given.studies.filter { $0.subgroup == name }.map(row),
                                    pooled: pooled.map { pooledRow($0, total: false) }, notes: pooled.flatMap(notes)))
            }
            // Studies without a subgroup in an analysis with subgroups.
            let loose = given.studies.filter { $0.subgroup == nil }
            if !loose.isEmpty { groups.append(Group(title: nil, studies: loose.map(row), pooled: [], notes: [])) }
        }
        let overallRows = given.pooled.filter { $0.subgroup == nil }
        var overallNotes = overallRows.flatMap(notes)
        if let d = given.subgroupDifferences,
           let line = wording.subgroupDifferences(Q: d.Q, df: d.df, p: d.p, I2: d.I2) { overallNotes.append(line) }
        let method = given.method.map { $0 + ", " } ?? ""
        let model = given.model == .random ? "Random" : "Fixed"
        return ForestData(title: analysis.title, effectName: analysis.effectName, methodLabel: "\(method)\(model), 95% CI",
                          isRatio: ratio, arms: analysis.arms, favours: analysis.favours,
                          armColumns: given.studies.contains { $0.data != nil } ? columns : .none,
                          hasWeights: hasWeights, groups: groups,
                          overall: overallRows.map { pooledRow($0, total: true) }, overallNotes: overallNotes,
                          riskOfBiasTool: nil)
    }
}

/// Finds a study's risk-of-bias judgements by its label, tolerating case, spaces and punctuation
/// ("Aronson 1948" matches "Aronson, 1948").
struct RiskOfBiasLookup {
    private var byKey: [String: RiskOfBiasStudy] = [:]

    init(_ assessment: RiskOfBiasAssessment) {
        for study in assessment.studies { byKey[Self.key(study.study)] = study }
    }

    func judgements(for label: String) -> RiskOfBiasStudy? { byKey[Self.key(label)] }

    static func key(_ label: String) -> String {
        label.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
