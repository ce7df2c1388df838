import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// `leave-one-out`: the analysis repeated without each study in turn, as a forest-style figure.
public struct LeaveOneOutPlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "leave-one-out"
    public let name = "Leave-one-out plot"
    public let summary = "The pooled estimate without each study in turn, with its CI, Tau² and I², beside the estimate of all studies."
    public let scope = FigureScope.analysis
    public let example = "metareport figure leave-one-out examples/bcg-vaccine/data/bcg.csv --measure RR --method REML -o leave-one-out.png"
    public let options = SensitivityForest.options

    public func unsuitability(for input: FigureInput) -> String? {
        guard let outcome = input.outcome else { return "a leave-one-out plot draws an analysis" }
        guard let result = outcome.result else { return "it needs study-level data, not results as reported" }
        guard let rows = result.leaveOneOut, !rows.isEmpty else {
            // The engine notes why it skipped the analysis (too many studies); otherwise k < 2.
            return result.notes.first { $0.hasPrefix("Leave-one-out") } ?? "it needs at least two estimable studies"
        }
        return nil
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try forestLayout(input, options: options, style: style).scene
    }

    /// The forest layout with its rows, for tests.
    public func forestLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> ForestLayout {
        if let reason = unsuitability(for: input) { throw FigureError("cannot draw a leave-one-out plot: \(reason)") }
        guard let outcome = input.outcome, let result = outcome.result, let rows = result.leaveOneOut else {
            throw FigureError("a leave-one-out plot needs a leave-one-out analysis")
        }
        let builder = SensitivityForest(outcome: outcome, result: result, labelHeader: "Leave-one-out",
                                        heterogeneity: options.flag("heterogeneity"))
        let steps = rows.map { SensitivityForest.Step(label: "Omitting \($0.omitted)", pooled: $0.pooled, heterogeneity: $0.heterogeneity) }
        let data = builder.data(steps, wording: style.wording)
        var settings = try SensitivityForest.settings(options, style: style, ratio: data.isRatio)
        settings.title = options.text("title")
        settings.figureName = name
        return ForestLayout(data, style: style, settings: settings,
                            description: Self.describe(rows, result: result, data: data, wording: style.wording))
    }

    /// The caption: what was repeated and how far the estimate moves.
    static func describe(_ rows: [LeaveOneOutRow], result: AnalysisResult, data: ForestData, wording: Wording) -> String {
        let effect = data.effectName.lowercased()
        func estimate(_ p: PooledEstimate) -> String {
            wording.estimate(data.natural(p.yi), data.natural(p.ciLower), data.natural(p.ciUpper))
        }
        var text = "Leave-one-out analysis of \(data.title): the \(effect) pooled \(rows.count) times, each time without one study (\(data.methodLabel))."
        if let low = rows.min(by: { $0.pooled.yi < $1.pooled.yi }), let high = rows.max(by: { $0.pooled.yi < $1.pooled.yi }) {
            text += " Estimates range from \(estimate(low.pooled)) omitting \(low.omitted) to \(estimate(high.pooled)) omitting \(high.omitted)."
        }
        let crossing = rows.filter { ($0.pooled.ciLower > 0) != (result.pooled.ciLower > 0) || ($0.pooled.ciUpper < 0) != (result.pooled.ciUpper < 0) }
        if !crossing.isEmpty {
            text += " Omitting \(crossing.map(\.omitted).joined(separator: ", ")) changes whether the 95% CI includes no effect."
        }
        text += " All \(result.pooled.k) studies: \(estimate(result.pooled)); I² = \(wording.percent(result.heterogeneity.I2))."
        return text
    }
}
