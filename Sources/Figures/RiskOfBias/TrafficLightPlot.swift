import Foundation
import Graphics
import ReviewKit

/// `rob-traffic-light`: each study's judgement in each risk-of-bias domain, and overall, as a grid
/// of coloured circles with symbols (+ low, − some concerns, × high, ! critical, ? unclear or no
/// information), for any of the built-in tools or a generic one.
public struct TrafficLightPlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "rob-traffic-light"
    public let name = "Risk-of-bias traffic-light plot"
    public let summary = "Every study's risk-of-bias judgement in every domain and overall, as coloured circles with symbols."
    public let scope = FigureScope.review
    public let example = "metareport figure rob-traffic-light examples/ketamine-neuropathic-pain/rob.csv --tool ROB1 -o rob.svg"

    public let options: [FigureOptionSpec] = [
        RiskOfBiasScheme.option,
        FigureOptionSpec("overall", .flag,
                         help: "Draw the Overall column. Default: when the studies have overall judgements."),
        FigureOptionSpec("label_width", .number(20...400),
                         help: "Widest study label before it wraps, in millimetres; default 60."),
    ]

    public func unsuitability(for input: FigureInput) -> String? { RiskOfBiasInput.unsuitability(input) }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try trafficLightLayout(input, options: options, style: style).scene
    }

    /// The layout with its cells, for tests.
    public func trafficLightLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> TrafficLightLayout {
        let assessment = try RiskOfBiasInput.assessment(input, figure: id)
        var settings = TrafficLightLayout.Settings()
        settings.width = try style.requestedWidth(options.text("width"))
        settings.title = options.text("title")
        settings.showOverall = options.explicitFlag("overall")
        settings.scheme = RiskOfBiasScheme.named(options.choice("colours"))
        if let millimetres = options.number("label_width") { settings.maximumLabelWidth = millimetres / 25.4 * 72 }
        return try TrafficLightLayout(assessment, style: style, settings: settings)
    }
}
