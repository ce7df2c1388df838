import Foundation
import Graphics
import ReviewKit

/// `rob-summary`: for each risk-of-bias domain, and overall, the percentage of studies at each
/// judgement as one horizontal stacked bar; optionally weighted by the studies' weights.
///
/// Weights come from the assessment's weight column, or from the analysis the review names in
/// `risk_of_bias.analysis`: figures never run analyses, so the caller passes that analysis's
/// outcome as `FigureInput.outcome` (for a review-wide figure it is otherwise nil).
public struct RiskOfBiasSummaryPlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "rob-summary"
    public let name = "Risk-of-bias summary plot"
    public let summary = "For each domain and overall, the percentage of studies at each risk-of-bias judgement as a stacked bar."
    public let scope = FigureScope.review
    public let example = "metareport figure rob-summary examples/ketamine-neuropathic-pain-2024/rob.csv --tool ROB1 -o rob-summary.svg"

    public let options: [FigureOptionSpec] = [
        RiskOfBiasScheme.option,
        FigureOptionSpec("weighted", .flag,
                         help: "Weight each study: by the Weight column, or by its weight in the analysis named in risk_of_bias.analysis. Default: when risk_of_bias.analysis names one."),
        FigureOptionSpec("overall", .flag,
                         help: "Draw the Overall bar. Default: when the studies have overall judgements."),
    ]

    public func unsuitability(for input: FigureInput) -> String? { RiskOfBiasInput.unsuitability(input) }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try summaryLayout(input, options: options, style: style).scene
    }

    /// The layout with its bars, for tests.
    public func summaryLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> RiskOfBiasSummaryLayout {
        let assessment = try RiskOfBiasInput.assessment(input, figure: id)
        var settings = RiskOfBiasSummaryLayout.Settings()
        settings.width = try style.requestedWidth(options.text("width"))
        settings.title = options.text("title")
        settings.showOverall = options.explicitFlag("overall")
        settings.scheme = RiskOfBiasScheme.named(options.choice("colours"))
        // Naming an analysis for the weights (risk_of_bias.analysis) asks for a weighted summary.
        if options.explicitFlag("weighted") ?? (assessment.analysisID != nil && input.outcome != nil) {
            let weights = try RiskOfBiasWeights(assessment, outcome: input.outcome)
            settings.weights = (weights.weights, weights.source)
        }
        return try RiskOfBiasSummaryLayout(assessment, style: style, settings: settings)
    }
}
