import Foundation
import Graphics
import ReviewKit

/// `labbe`: the L'Abbé plot — each study's control risk against its experimental risk.
public struct LabbePlot: FigureModule {
    public init() {}

    public let id = "labbe"
    public let name = "L'Abbé plot"
    public let summary = "Event risk in the experimental arm against the control arm, one circle per study."
    public let scope = FigureScope.analysis
    public let example = "metareport figure labbe examples/bcg-vaccine/data/bcg.csv --measure RR -o labbe.png"
    public let options: [FigureOptionSpec] = [
        FigureOptionSpec("scale", .choice(["risk", "log-odds"]), default: "risk", help: "Axes as risks or log odds."),
    ]

    public func unsuitability(for input: FigureInput) -> String? {
        guard let outcome = input.outcome else { return "it draws an analysis" }
        guard outcome.result != nil, outcome.analysis.measure.isBinary else {
            return "it needs study-level binary data (events and totals)"
        }
        return nil
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try labbeLayout(input, options: options, style: style).scene
    }

    /// The layout with its marks, for tests.
    public func labbeLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> LabbeLayout {
        if let reason = unsuitability(for: input) { throw FigureError("cannot draw a L'Abbé plot: \(reason)") }
        guard let outcome = input.outcome, let result = outcome.result else { throw FigureError("a L'Abbé plot draws an analysis") }
        return LabbeLayout(outcome: outcome, result: result,
                           scale: LabbeLayout.Scale(rawValue: options.choice("scale") ?? "risk") ?? .risk,
                           width: try style.requestedWidth(options.text("width")), title: options.text("title"), style: style)
    }
}
