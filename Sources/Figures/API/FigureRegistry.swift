import Foundation
import ReviewKit

/// Every figure module, by id. The core dispatches figure requests here.
public enum FigureRegistry {
    /// The modules, in the order `metareport figures` lists them. A new module is one line here.
    public static let modules: [any FigureModule] = [
        ForestPlot(),
        FunnelPlot(),
        BubblePlot(),
        LeaveOneOutPlot(),
        CumulativePlot(),
        TrafficLightPlot(),
        RiskOfBiasSummaryPlot(),
        PrismaFlowDiagram(),
        LabbePlot(),
    ]

    /// The module registered under `id`.
    public static func module(_ id: String) -> (any FigureModule)? {
        modules.first { $0.id == id }
    }

    /// The ids of all modules.
    public static var ids: [String] { modules.map(\.id) }

    /// Checks figure requests of an analysis (or of the review, for review-wide figures):
    /// the module exists, fits the scope, and its options are valid.
    public static func check(_ requests: [FigureRequest], scope: FigureScope) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for request in requests {
            guard let module = module(request.id) else {
                let hint = Suggestion.nearest(to: request.id, among: ids).map { "Did you mean '\($0)'?" }
                    ?? "Figures: \(ids.joined(separator: ", ")) (see `metareport figures`)."
                diagnostics.append(.error(request.location, "unknown figure '\(request.id)'", hint: hint))
                continue
            }
            if module.scope != scope {
                diagnostics.append(.error(request.location, "'\(module.id)' draws \(module.scope == .review ? "the whole review" : "one analysis") and cannot be listed \(scope == .review ? "for the review" : "under an analysis")",
                                          hint: module.scope == .review ? "It is drawn once for the review when the review has its data." : "List it under an analysis's 'figures'."))
            }
            diagnostics += FigureOptions.resolve(request.options, specs: module.options, figure: module.id).diagnostics
        }
        return diagnostics
    }
}
