import ArgumentParser
import Figures
import Foundation
import Graphics
import ReviewKit

/// `metareport figure`: one figure straight from a CSV file (or from a review), to PNG, PDF or SVG.
struct Figure: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw one figure from a CSV file or a review file.",
        discussion: """
            The format follows the output's extension (.png, .pdf, .svg). Figure options follow the \
            figure's own names (see `metareport figures`): --sort weight, --xlim 0.1,10, --contours.

            Examples:
              metareport figure forest examples/bcg-vaccine/data/bcg.csv --measure RR --method DL --subgroup allocation -o forest.png
              metareport figure forest examples/bcg-vaccine/review.yaml --analysis tb-cases --theme jama -o forest.pdf
            """
    )

    @Argument(help: "The figure: forest, … (see `metareport figures`).")
    var figure: String

    @Argument(help: "A CSV file of study data, or a review file (.yaml).")
    var input: String

    @Option(name: .shortAndLong, help: "The file to write: .png, .pdf or .svg.")
    var output: String

    @Option(help: "For a review file: the id of the analysis to draw (default: the first).")
    var analysis: String?

    @Option(help: "A built-in theme (cochrane, jama, bmj, lancet, colourblind, grayscale) or a theme file.")
    var theme: String?

    @Option(help: "Resolution of PNG output, in dots per inch.")
    var dpi: Double = 300

    @OptionGroup var analysisOptions: AnalysisOptions

    @Option(help: "For risk-of-bias figures from a CSV file: the tool (ROB2, ROB2-cluster, ROB1, ROBINS-I, ROBINS-E, QUADAS-2, QUIPS, generic).")
    var tool: String?

    @Flag(help: "Allow data paths outside the review file's folder.")
    var allowOutsidePaths = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors (no warnings about the input).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Say what was written: the file, its size in points and bytes.")
    var verbose = false

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var figureOptions: [String] = []

    func run() throws {
        guard let module = FigureRegistry.module(figure) else {
            let hint = Suggestion.nearest(to: figure, among: FigureRegistry.ids).map { " Did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown figure '\(figure)'.\(hint) Figures: \(FigureRegistry.ids.joined(separator: ", ")).")
        }
        guard let format = ImageFormat(fileExtension: (output as NSString).pathExtension, dpi: dpi) else {
            throw ValidationError("the output must end in .png, .pdf or .svg, not '\(output)'.")
        }
        try Themes.checkResolution(dpi)
        let commandLineTheme = try theme.map(Themes.commandLine)
        var options = try FigureOptionParsing.parse(figureOptions, module: module)
        var review: Review
        var outcome: AnalysisOutcome?
        var themeReference = theme
        var themeDirectory: URL?
        if Inputs.isReviewFile(input) {
            try analysisOptions.checkNotGiven(forReview: input)
            review = try Inputs.loadReview(input, allowOutsidePaths: allowOutsidePaths, quiet: quiet)
            themeReference = themeReference ?? review.theme
            themeDirectory = review.file?.deletingLastPathComponent()
            // A review-wide figure takes the review's own options (its top-level figures), as in the report.
            if module.scope == .review, let request = review.figures.first(where: { $0.id == module.id }) {
                options = try FigureOptionParsing.parse(figureOptions, module: module, base: request.options)
            }
            if module.scope == .analysis {
                guard let chosen = analysis.map({ id in review.analyses.first { $0.id == id } }) ?? review.analyses.first else {
                    throw ValidationError(analysis.map { "the review has no analysis '\($0)'; analyses: \(review.analyses.map(\.id).joined(separator: ", "))." }
                                          ?? "the review has no analyses to draw.")
                }
                outcome = try Inputs.run(chosen)
            } else if let id = review.riskOfBias?.analysisID, let weighting = review.analysis(id) {
                // Review-wide figures see the analysis whose study weights the risk-of-bias summary uses.
                outcome = try Inputs.run(weighting)
            }
        } else if module.scope == .review {
            review = try QuickInputs.review(for: module.id, file: input, tool: tool)
        } else {
            let csvAnalysis = try analysisOptions.analysis(csv: input)
            review = Review(title: csvAnalysis.title, analyses: [csvAnalysis])
            outcome = try Inputs.run(csvAnalysis)
        }
        let style = FigureStyle(theme: try commandLineTheme ?? Themes.load(themeReference, relativeTo: themeDirectory))
        let figureInput = FigureInput(review: review, outcome: outcome)
        if let reason = module.unsuitability(for: figureInput) {
            Console.error("error: cannot draw \(module.id): \(reason)")
            throw ExitStatus.invalidInput
        }
        let data: Data
        do {
            let scene = try module.layout(figureInput, options: options, style: style)
            // What the figure cannot show, e.g. that it is wider than asked because its columns do not fit.
            if !quiet { for warning in scene.warnings { Console.error("warning: \(warning)") } }
            data = try FigureRenderer.encode(scene, format: format, style: style)
        } catch let error as FigureError where error.option != nil {
            // An option value the figure cannot use (xlim 0,10 on a log axis): a usage error.
            throw ValidationError(error.message)
        } catch let error as FigureError {
            Console.error("error: \(error)")
            throw ExitStatus.invalidInput
        } catch let error as GraphicsError where [.imageTooLarge, .figureTooLarge].contains(error.code) {
            // Too large for a PNG at this --dpi (the message names one that fits) is a usage error;
            // too large for any format means too many rows in the data.
            Console.error("error: \(error)")
            throw error.code == .imageTooLarge ? ExitStatus.usage : ExitStatus.invalidInput
        } catch {
            Console.error("error: \(error)")
            throw ExitStatus.failure
        }
        try OutputFiles.write(data, to: output, inputs: [input])
        if verbose { Console.out("\(output): \(module.name.lowercased()), \(data.count) bytes") }
    }
}

/// Figure options on the command line: `--name value`, `--name` for flags, `--name=value`.
enum FigureOptionParsing {
    /// The figure options written on the command line, checked against the module's; `base`
    /// (a review file's options for a review-wide figure) comes first, so the command line wins.
    static func parse(_ arguments: [String], module: any FigureModule, base: [FigureOption] = []) throws -> FigureOptions {
        var options: [FigureOption] = []
        let specs = module.options + FigureOptionSpec.common
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("--") else {
                throw ValidationError("unexpected argument '\(argument)'.")
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let key = name.replacingOccurrences(of: "-", with: "_")
            guard let spec = specs.first(where: { $0.name == key }) else {
                // Said here, before a value after it reads as a stray argument.
                let hint = Suggestion.nearest(to: key, among: specs.map(\.name)).map { " Did you mean '--\($0.replacingOccurrences(of: "_", with: "-"))'?" }
                    ?? " Options of \(module.id): \(specs.map { "--" + $0.name.replacingOccurrences(of: "_", with: "-") }.joined(separator: ", "))."
                throw ValidationError("the figure '\(module.id)' has no option '--\(name)'.\(hint)")
            }
            if value == nil {
                if spec.kind == .flag {
                    if index + 1 < arguments.count, ["true", "false"].contains(arguments[index + 1].lowercased()) {
                        value = arguments[index + 1]
                        index += 1
                    } else {
                        value = "true"
                    }
                } else if index + 1 < arguments.count {
                    value = arguments[index + 1]
                    index += 1
                }
            }
            let place = SourceLocation(file: "command line", columnName: "--\(name)")
            options.append(FigureOption(name: key, value: .text(value ?? ""), location: place))
            index += 1
        }
        let resolved = FigureOptions.resolve(base + options, specs: module.options, figure: module.id)
        if !resolved.diagnostics.isEmpty {
            throw ValidationError(resolved.diagnostics.map { "\($0.message)" + ($0.hint.map { ". \($0)" } ?? "") }.joined(separator: "\n"))
        }
        return resolved.options
    }
}
