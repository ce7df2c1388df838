import Foundation
import Graphics
import ReviewKit

/// `forest`: the forest plot, RevMan-style, for computed and given-results analyses.
public struct ForestPlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "forest"
    public let name = "Forest plot"
    public let summary = "Study estimates with confidence intervals, weights and pooled diamonds, in RevMan's columns."
    public let scope = FigureScope.analysis
    public let example = "metareport figure forest examples/bcg-vaccine/data/bcg.csv --measure RR --method REML --subgroup allocation -o forest.svg"

    public let options: [FigureOptionSpec] = [
        FigureOptionSpec("sort", .choice(ForestSort.allCases.map(\.rawValue)), default: "given",
                         help: "Order of studies within each subgroup: as given, by effect, by weight, by year or by label."),
        FigureOptionSpec("model", .choice(ForestModel.allCases.map(\.rawValue)), default: "analysis",
                         help: "Pooled diamonds: the analysis's model, or both common and random effects."),
        FigureOptionSpec("prediction", .flag, default: "true",
                         help: "Draw the prediction interval under the random-effects diamond (k ≥ 3)."),
        FigureOptionSpec("compact", .flag,
                         help: "JAMA-like compact columns (events/total per arm). Default: the theme's choice."),
        FigureOptionSpec("xlim", .range, help: "Axis limits on the natural scale, e.g. [0.1, 10]; default automatic."),
        FigureOptionSpec("risk_of_bias", .flag, default: "true",
                         help: "Show risk-of-bias columns when the review has judgements for the studies."),
        FigureOptionSpec("label_width", .number(20...400),
                         help: "Widest study label before it wraps, in millimetres; default automatic."),
    ]

    public func unsuitability(for input: FigureInput) -> String? {
        input.outcome == nil ? "a forest plot draws an analysis" : nil
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try forestLayout(input, options: options, style: style).scene
    }

    /// The layout with its rows, for tests and for the sensitivity figures that reuse it.
    public func forestLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> ForestLayout {
        guard let outcome = input.outcome else { throw FigureError("a forest plot draws an analysis") }
        let data = try ForestData(outcome: outcome, review: input.review, wording: style.wording,
                                  sort: ForestSort(rawValue: options.choice("sort") ?? "given") ?? .given,
                                  model: ForestModel(rawValue: options.choice("model") ?? "analysis") ?? .analysis,
                                  prediction: options.flag("prediction"), riskOfBias: options.flag("risk_of_bias"))
        let settings = try Self.settings(options, style: style, ratio: data.isRatio)
        let description = Self.describe(data, wording: style.wording)
        let layout = ForestLayout(data, style: style, settings: settings, description: description)
        // A journal column too narrow for RevMan's full columns gets the compact ones, unless the
        // user chose; only if even those do not fit does the figure grow past the width.
        if let width = settings.width, layout.scene.size.width > width + 0.5, !settings.compact,
           options.explicitFlag("compact") == nil {
            var compact = settings
            compact.compact = true
            return ForestLayout(data, style: style, settings: compact, description: description)
        }
        return layout
    }

    /// Layout settings from the options every forest-style figure shares.
    static func settings(_ options: FigureOptions, style: FigureStyle, ratio: Bool) throws -> ForestLayout.Settings {
        var settings = ForestLayout.Settings()
        settings.width = try style.requestedWidth(options.text("width"))
        settings.compact = options.explicitFlag("compact") ?? style.theme.compact
        settings.limits = try AxisLimits.checked(options, ratio: ratio)
        settings.title = options.text("title")
        settings.showRiskOfBias = options.explicitFlag("risk_of_bias") ?? true
        if let millimetres = options.number("label_width") { settings.maximumLabelWidth = millimetres / 25.4 * 72 }
        return settings
    }

    /// The figure in words (alt text and SVG description): what was pooled and the result.
    static func describe(_ data: ForestData, wording: Wording) -> String {
        let studies = data.allStudies.count
        var text = "Forest plot of \(data.title): \(data.effectName.lowercased())"
        if studies > 0 { text += " in \(studies) stud\(studies == 1 ? "y" : "ies")" }
        text += " (\(data.methodLabel))."
        if let total = data.overall.last {
            let e = total.estimate
            text += " \(total.label): \(wording.estimate(data.natural(e.value), data.natural(e.lower), data.natural(e.upper)))."
        }
        if let heterogeneity = data.overallNotes.first { text += " \(heterogeneity)." }
        return text
    }
}
