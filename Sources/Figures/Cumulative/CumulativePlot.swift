import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// `cumulative`: the cumulative meta-analysis, studies added one at a time in the order of the
/// analysis's `order` column, or without one in the order the rows are given (as metafor's
/// `cumul()` does without `order`), as a forest-style figure.
public struct CumulativePlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "cumulative"
    public let name = "Cumulative meta-analysis"
    public let summary = "The pooled estimate as studies are added in order (by an order column such as year, else as given), with its CI, Tau² and I² at each step."
    public let scope = FigureScope.analysis
    public let example = "metareport figure cumulative examples/bcg-vaccine/data/bcg.csv --measure RR --method DL --order year -o cumulative.png"
    public let options = SensitivityForest.options

    public func unsuitability(for input: FigureInput) -> String? {
        guard let outcome = input.outcome else { return "a cumulative meta-analysis draws an analysis" }
        guard let result = outcome.result else { return "it needs study-level data, not results as reported" }
        if let rows = result.cumulative, !rows.isEmpty { return nil }
        if let skipped = result.notes.first(where: { $0.hasPrefix("Leave-one-out and cumulative") }) { return skipped }
        // Without an order column the studies are added in the order given (computed when drawn).
        if outcome.analysis.orderColumn == nil, case .studies(let studies) = outcome.analysis.content, !studies.isEmpty { return nil }
        return "the cumulative analysis could not be computed"
    }

    /// The steps in the order of the order column, or in the order given when there is none.
    static func steps(_ outcome: AnalysisOutcome, _ result: AnalysisResult) throws -> (rows: [CumulativeRow], order: String?) {
        if let rows = result.cumulative, !rows.isEmpty { return (rows, outcome.analysis.orderColumn ?? "order") }
        guard outcome.analysis.orderColumn == nil, case .studies(let studies) = outcome.analysis.content else {
            throw FigureError("a cumulative plot needs a cumulative analysis")
        }
        // The position of each row is its order value: the engine's cumulative analysis, as given.
        let positioned = studies.enumerated().map { index, study in
            var study = study
            study.order = Double(index)
            return study
        }
        let request = AnalysisRequest(subgroups: false, metaRegression: false, cumulative: true, smallStudy: false, leaveOneOut: false)
        let computed: AnalysisResult
        do {
            computed = try MetaAnalysis.analyze(positioned, settings: result.settings, request: request)
        } catch {
            throw FigureError("the cumulative analysis could not be computed: \(error)")
        }
        guard let rows = computed.cumulative, !rows.isEmpty else {
            throw FigureError(computed.notes.first ?? "the cumulative analysis could not be computed")
        }
        return (rows, nil)
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try forestLayout(input, options: options, style: style).scene
    }

    /// The forest layout with its rows, for tests.
    public func forestLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> ForestLayout {
        if let reason = unsuitability(for: input) { throw FigureError("cannot draw a cumulative meta-analysis: \(reason)") }
        guard let outcome = input.outcome, let result = outcome.result else {
            throw FigureError("a cumulative plot needs a cumulative analysis")
        }
        let (rows, order) = try Self.steps(outcome, result)
        // The order value gets its own column, unless every label already shows it ("Morton, 1984");
        // in the order given there is none.
        let values = rows.map { row in row.order.map { style.wording.plain($0) } ?? "–" }
        let shown = order == nil || zip(rows, values).allSatisfy { $0.0.added.contains($0.1) }
        let builder = SensitivityForest(outcome: outcome, result: result,
                                        labelHeader: order.map { "Cumulative, by \($0)" } ?? "Cumulative, in the order given",
                                        leadingHeaders: shown ? [] : [Self.header(order ?? "order")], heterogeneity: options.flag("heterogeneity"))
        let steps = zip(rows, values).map { row, value in
            SensitivityForest.Step(label: "Adding \(row.added)", pooled: row.pooled, heterogeneity: row.heterogeneity,
                                   leading: shown ? [] : [value])
        }
        let data = builder.data(steps, wording: style.wording)
        var settings = try SensitivityForest.settings(options, style: style, ratio: data.isRatio)
        settings.title = options.text("title")
        settings.figureName = name
        return ForestLayout(data, style: style, settings: settings,
                            description: Self.describe(rows, order: order, result: result, data: data, wording: style.wording))
    }

    /// "year" → "Year".
    static func header(_ column: String) -> String {
        column.prefix(1).uppercased() + column.dropFirst()
    }

    /// The caption: the order, and where the estimate started and ended.
    static func describe(_ rows: [CumulativeRow], order: String?, result: AnalysisResult, data: ForestData, wording: Wording) -> String {
        let effect = data.effectName.lowercased()
        func estimate(_ p: PooledEstimate) -> String {
            wording.estimate(data.natural(p.yi), data.natural(p.ciLower), data.natural(p.ciUpper))
        }
        let sequence = order.map { "in order of \($0)" } ?? "in the order given"
        var text = "Cumulative meta-analysis of \(data.title): the \(effect) pooled as studies are added \(sequence) (\(data.methodLabel))."
        if let first = rows.first, let last = rows.last {
            text += " After the first study (\(first.added)): \(estimate(first.pooled)); after all \(last.pooled.k): \(estimate(last.pooled))."
        }
        // The first step at which the CI excludes no effect and stays so.
        var settled: CumulativeRow?
        for row in rows.reversed() {
            if row.pooled.ciLower > 0 || row.pooled.ciUpper < 0 { settled = row } else { break }
        }
        if let settled, settled.pooled.k < result.pooled.k {
            text += " The 95% CI excludes no effect from the addition of \(settled.added) (k = \(settled.pooled.k)) onwards."
        }
        return text
    }
}
