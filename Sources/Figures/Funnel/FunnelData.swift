import Foundation
import MetaAnalysis
import ReviewKit

/// What a funnel plot shows, taken from the engine's result: each estimable study's effect and
/// standard error, the pooled estimate and the small-study tests. Values are on the analysis scale
/// (logs for ratios).
public struct FunnelData: Sendable {
    /// One estimable study.
    public struct Study: Sendable {
        /// The study's label.
        public var label: String
        /// Its effect (analysis scale).
        public var yi: Double
        /// Its standard error.
        public var se: Double
        /// Participants in both arms, when the data has arm totals.
        public var sampleSize: Double?
        /// The study's subgroup, when the analysis has subgroups.
        public var subgroup: String?
    }

    /// The analysis title.
    public var title: String
    /// "Odds Ratio".
    public var effectName: String
    /// "IV, Random, 95% CI".
    public var methodLabel: String
    /// Whether the effect is a ratio (log axis, exponentiated labels).
    public var isRatio: Bool
    /// Estimable studies, in input order.
    public var studies: [Study]
    /// Studies without an estimate (not drawn).
    public var notEstimable: Int
    /// The pooled estimate the funnel is centred on.
    public var pooled: PooledEstimate
    /// Whether the analysis is a random-effects one.
    public var isRandomEffects: Bool
    /// Egger's and Begg's tests and trim-and-fill (nil with fewer than three studies).
    public var smallStudy: SmallStudyTests?
    /// The subgroup variable's name and its groups in order of first appearance; empty without subgroups.
    public var subgroupColumn: String?
    /// The subgroups in order of first appearance; empty without subgroups.
    public var subgroups: [String]

    /// Converts an analysis-scale value to the natural scale for text.
    public func natural(_ value: Double) -> Double { isRatio ? exp(value) : value }

    /// The funnel data of an analysis computed from study data.
    public init(outcome: AnalysisOutcome) throws {
        guard let result = outcome.result else {
            throw FigureError("a funnel plot needs study-level data; analysis '\(outcome.analysis.id)' gives only results as reported")
        }
        let analysis = outcome.analysis
        title = analysis.title
        effectName = analysis.effectName
        methodLabel = Wording.methodLabel(result.settings)
        isRatio = analysis.isRatio
        pooled = result.pooled
        isRandomEffects = result.settings.method.isRandomEffects
        smallStudy = result.smallStudy
        subgroupColumn = result.subgroups?.column ?? analysis.subgroupColumn
        studies = result.studies.compactMap { study in
            guard study.estimable, let yi = study.yi, let se = study.se, se > 0, yi.isFinite, se.isFinite else { return nil }
            return Study(label: study.label, yi: yi, se: se, sampleSize: Self.sampleSize(study.data), subgroup: study.subgroup)
        }
        notEstimable = result.studies.count - studies.count
        var order: [String] = []
        for name in studies.compactMap(\.subgroup) where !order.contains(name) { order.append(name) }
        subgroups = order
    }

    /// Participants in both arms (arm data only; generic estimates carry no sample size).
    static func sampleSize(_ data: StudyData) -> Double? {
        switch data {
        case let .binary(_, n1, _, n2): return n1 + n2
        case let .continuous(_, _, n1, _, _, n2): return n1 + n2
        default: return nil
        }
    }
}
