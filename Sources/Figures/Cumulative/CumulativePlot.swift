import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// `cumulative`: the cumulative meta-analysis, studies added one at a time in the order of the
/// analysis's `order` column, as a forest-style figure.
public struct CumulativePlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "cumulative"
    public let name = "Cumulative meta-analysis"
    public let summary = "The pooled estimate as studies are added in order (e.g. by year), with its CI, Tau² and I² at each step."
    public let scope = FigureScope.analysis
    public let example = "metareport figure cumulative examples/bcg-vaccine/data/bcg.csv --measure RR --method DL --order year -o cumulative.png"
    public let options = SensitivityForest.options

    public func unsuitability(for input: FigureInput) -> String? {
        guard let outcome = input.outcome else { return "a cumulative meta-analysis draws an analysis" }
        guard let result = outcome.result else { return "it needs study-level data, not results as reported" }
        guard let rows = result.cumulative, !rows.isEmpty else {
            if outcome.analysis.orderColumn == nil {
                return "it needs an order column (--order year, or 'order:' in the review file)"
            }
            return result.notes.first { $0.hasPrefix("Leave-one-out and cumulative") } ?? "the cumulative analysis could not be computed"
        }
        return nil
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try forestLayout(input, options: options, style: style).scene
    }

    /// The forest layout with its rows, for tests.
    public func forestLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> ForestLayout {
        if let reason = unsuitability(for: input) { throw FigureError("cannot draw a cumulative meta-analysis: \(reason)") }
        guard let outcome = input.outcome, let result = outcome.result, let rows = result.cumulative else {
            throw FigureError("a cumulative plot needs a cumulative analysis")
        }
        let order = outcome.analysis.orderColumn ?? "order"
        // The order value gets its own column, unless every label already shows it ("Morton, 1984").
        let values = rows.map { row in row.order.map { style.wording.plain($0) } ?? "–" }
        let shown = zip(rows, values).allSatisfy { $0.0.added.contains($0.1) }
        let builder = SensitivityForest(outcome: outcome, result: result, labelHeader: "Cumulative, by \(order)",
                                        leadingHeaders: shown ? [] : [Self.header(order)], heterogeneity: options.flag("heterogeneity"))
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
    static func describe(_ rows: [CumulativeRow], order: String, result: AnalysisResult, data: ForestData, wording: Wording) -> String {
        let effect = data.effectName.lowercased()
        func estimate(_ p: PooledEstimate) -> String {
            wording.estimate(data.natural(p.yi), data.natural(p.ciLower), data.natural(p.ciUpper))
        }
        var text = "Cumulative meta-analysis of \(data.title): the \(effect) pooled as studies are added in order of \(order) (\(data.methodLabel))."
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
