import ArgumentParser
import Foundation
import ReviewKit

/// `metareport validate`: checks review files and reports every problem with its place.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check review files and list every problem, with its place and how to fix it.",
        discussion: """
            Prints each problem as FILE:LINE:COLUMN (YAML) or FILE:row N, column NAME (CSV), what is \
            wrong and how to fix it. Exits 0 when there are no errors (warnings are printed but allowed \
            unless --strict), 3 when the input has errors.

            Example:
              metareport validate examples/bcg-vaccine/review.yaml
            """
    )

    @Argument(help: "Review files (review.yaml) to check.")
    var reviews: [String]

    @Flag(help: "Treat warnings (such as PRISMA counts that do not add up) as errors.")
    var strict = false

    @Flag(help: "Allow data paths that lead outside the review file's folder.")
    var allowOutsidePaths = false

    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also say what a valid review holds (analyses, studies, figures).")
    var verbose = false

    func run() throws {
        var failed = false
        for path in reviews {
            let diagnostics = ReviewValidation.check(path: path, options: .init(allowOutsidePaths: allowOutsidePaths, strict: strict))
            Console.report(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count // notes are not warnings
            if errors > 0 {
                failed = true
                Console.error("\(path): \(errors) error\(errors == 1 ? "" : "s")\(warnings > 0 ? ", \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
            } else if !quiet {
                Console.out("\(path): valid\(warnings > 0 ? " with \(warnings) warning\(warnings == 1 ? "" : "s")" : "")")
                if verbose { Console.out(ReviewValidation.contents(of: path)) }
            }
        }
        if failed { throw ExitStatus.invalidInput }
    }
}
