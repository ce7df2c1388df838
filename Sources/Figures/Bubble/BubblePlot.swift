import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// `bubble`: the meta-regression bubble plot — effects against one moderator, circles sized by
/// weight, the fitted line with its confidence band.
public struct BubblePlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "bubble"
    public let name = "Bubble plot"
    public let summary = "Meta-regression on one moderator: studies as circles sized by weight, the fitted line with its 95% confidence band."
    public let scope = FigureScope.analysis
    public let example = "metareport figure bubble examples/bcg-vaccine/data/bcg.csv --measure RR --method REML --moderator latitude -o bubble.pdf"

    public let options: [FigureOptionSpec] = [
        FigureOptionSpec("band", .flag, default: "true", help: "Draw the 95% confidence band of the fitted line."),
        FigureOptionSpec("ylim", .range, help: "Effect axis limits on the natural scale, e.g. [0.1, 2]; default automatic."),
    ]

    public func unsuitability(for input: FigureInput) -> String? {
        guard let outcome = input.outcome else { return "a bubble plot draws an analysis" }
        guard let result = outcome.result else { return "it needs study-level data with a moderator, not results as reported" }
        guard result.metaRegression != nil else {
            if outcome.analysis.moderatorColumn == nil {
                return "it needs a moderator (--moderator COLUMN, or 'moderator:' in the review file)"
            }
            // The engine says why it could not fit the regression.
            let reason = result.notes.first { $0.hasPrefix("The meta-regression was not computed") }
            return reason.map { "it needs a meta-regression: \($0)" } ?? "the meta-regression could not be computed"
        }
        return nil
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try bubbleLayout(input, options: options, style: style).scene
    }

    /// The layout with its circles and line, for tests.
    public func bubbleLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> BubbleLayout {
        if let reason = unsuitability(for: input) { throw FigureError("cannot draw a bubble plot: \(reason)") }
        guard let outcome = input.outcome, let result = outcome.result, let regression = result.metaRegression else {
            throw FigureError("a bubble plot needs a meta-regression")
        }
        let analysis = outcome.analysis
        let symbol: String
        switch analysis.measure {
        case .GEN: symbol = analysis.effectName
        default: symbol = analysis.measure.rawValue
        }
        let labels = BubbleLayout.Labels(title: analysis.title, effectName: analysis.effectName,
                                         effectSymbol: analysis.isRatio ? "ln(\(symbol))" : symbol,
                                         moderator: regression.moderator ?? analysis.moderatorColumn ?? "Moderator",
                                         isRatio: analysis.isRatio)
        var settings = BubbleLayout.Settings()
        settings.band = options.flag("band")
        settings.limits = options.range("ylim")
        settings.width = try style.requestedWidth(options.text("width"))
        settings.title = options.text("title")
        let method = Wording.methodLabel(result.settings)
        return try BubbleLayout(regression, labels: labels, style: style, settings: settings,
                                description: Self.describe(regression, labels: labels, method: method, band: settings.band,
                                                           wording: style.wording))
    }

    /// The caption: what is plotted, then the equation and tests.
    static func describe(_ regression: MetaRegression, labels: BubbleLayout.Labels, method: String, band: Bool, wording: Wording) -> String {
        var text = "Bubble plot of \(labels.title): meta-regression of the \(labels.effectName.lowercased()) on \(labels.moderator)"
        text += " in k = \(regression.k) studies (\(method)). Each circle is a study, its area proportional to its weight in the regression;"
        text += band ? " the line is the fitted regression with its 95% confidence band." : " the line is the fitted regression."
        text += " " + BubbleLayout.notes(regression, labels: labels, wording: wording).joined(separator: ". ") + "."
        return text
    }
}
