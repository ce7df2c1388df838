import Foundation
import MetaAnalysis
import ReviewKit

/// The forest data of a sensitivity analysis (leave-one-out, cumulative): one row per pooled subset
/// of the studies, with the estimate and CI as text and a marker on the effect axis, then the
/// analysis of all studies as a diamond for reference. Laid out by `ForestLayout`, exactly as the
/// forest plot's rows are.
struct SensitivityForest {
    /// One pooled subset.
    struct Step {
        var label: String
        var pooled: PooledEstimate
        var heterogeneity: Heterogeneity
        /// Texts of leading extra columns (e.g. the order value of a cumulative step).
        var leading: [String] = []
    }

    var outcome: AnalysisOutcome
    var result: AnalysisResult
    /// The label column's header.
    var labelHeader: String
    /// Headers of the leading extra columns.
    var leadingHeaders: [String] = []
    /// Show τ² (random effects) and I² of each row.
    var heterogeneity: Bool

    func data(_ steps: [Step], wording: Wording) -> ForestData {
        let analysis = outcome.analysis
        let settings = result.settings
        let random = settings.method.isRandomEffects
        func columns(_ h: Heterogeneity) -> [String] {
            guard heterogeneity else { return [] }
            // One study has no heterogeneity to speak of.
            guard h.df > 0 else { return (random ? ["–"] : []) + ["–"] }
            return (random ? [Self.tau2(h.tau2 ?? 0, wording)] : []) + [wording.percent(h.I2)]
        }
        let rows = steps.map { step in
            ForestData.StudyRow(label: step.label, data: nil,
                                estimate: ForestData.Estimate(step.pooled.yi, step.pooled.ciLower, step.pooled.ciUpper),
                                weight: nil, note: nil, judgements: nil, overall: nil, year: nil,
                                extra: step.leading + columns(step.heterogeneity))
        }
        let k = result.pooled.k
        let overall = ForestData.PooledRow(label: "All \(k) studies (95% CI)",
                                           estimate: ForestData.Estimate(result.pooled.yi, result.pooled.ciLower, result.pooled.ciUpper),
                                           weight: nil, totals: nil, prediction: nil, isTotal: true,
                                           extra: leadingHeaders.map { _ in "" } + columns(result.heterogeneity))
        var data = ForestData(title: analysis.title, effectName: analysis.effectName,
                              methodLabel: Wording.methodLabel(settings),
                              isRatio: analysis.isRatio, arms: analysis.arms, favours: analysis.favours, armColumns: .none,
                              hasWeights: false, groups: [ForestData.Group(title: nil, studies: rows, pooled: [], notes: [])],
                              overall: [overall], overallNotes: [], riskOfBiasTool: nil)
        data.labelHeader = labelHeader
        data.extraHeaders = leadingHeaders + (heterogeneity ? (random ? ["Tau\u{00B2}"] : []) + ["I\u{00B2}"] : [])
        return data
    }

    /// τ² for a column: two decimals, two significant digits below 0.01, and no more than four
    /// decimals (a τ² of 0.00000024 is nil for any reader).
    static func tau2(_ value: Double, _ wording: Wording) -> String {
        if value == 0 { return wording.number(0) }
        if value < 0.0001 { return "< 0.0001" }
        return wording.tau2(value)
    }

    /// Layout settings from the options the sensitivity figures share with the forest plot.
    static func settings(_ options: FigureOptions, style: FigureStyle, ratio: Bool) throws -> ForestLayout.Settings {
        try ForestPlot.settings(options, style: style, ratio: ratio)
    }

    /// The options every sensitivity figure takes.
    static let options: [FigureOptionSpec] = [
        FigureOptionSpec("heterogeneity", .flag, default: "true",
                         help: "Show each row's Tau² (random effects) and I² as text columns."),
        FigureOptionSpec("xlim", .range, help: "Axis limits on the natural scale, e.g. [0.1, 10]; default automatic."),
        FigureOptionSpec("label_width", .number(20...400),
                         help: "Widest row label before it wraps, in millimetres; default automatic."),
    ]
}
