import ArgumentParser
import Figures

/// `metareport figures`: the figure modules with their options.
struct FiguresList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "List the figure types with their options.",
        discussion: """
            Options go under a figure in a review file (- funnel: {contours: true}) or after the \
            figure on the command line (metareport figure funnel DATA.csv … --contours).

            Examples:
              metareport figures
              metareport figures -q        # the ids only, one per line
            """
    )

    @Flag(name: .shortAndLong, help: "Print only the figure ids, one per line.")
    var quiet = false

    func run() throws {
        if quiet {
            Console.out(FigureRegistry.ids.joined(separator: "\n"))
            return
        }
        var blocks: [String] = []
        for module in FigureRegistry.modules {
            var lines = ["\(module.id) — \(module.name) (\(module.scope == .analysis ? "per analysis" : "per review"))",
                         "  \(module.summary)"]
            for option in module.options + FigureOptionSpec.common {
                let fallback = option.defaultValue.map { " Default: \($0)." } ?? ""
                lines.append("  --\(option.name.replacingOccurrences(of: "_", with: "-")) (\(option.kindDescription))")
                lines.append("      \(option.help)\(fallback)")
            }
            lines.append("  Example: \(module.example)")
            blocks.append(lines.joined(separator: "\n"))
        }
        Console.out(blocks.joined(separator: "\n\n"))
    }
}
