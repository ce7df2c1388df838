import ArgumentParser
import Foundation
import ReportKit
import ReviewKit

/// `metareport render`: a review's report (Markdown and HTML) and figures.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render review files to a report (HTML and Markdown) with their figures.",
        discussion: """
            Writes DIR/report.html (one self-contained file), DIR/report.md and DIR/figures/ \
            (<analysis id>-<figure id>.svg/.png/.pdf; review-wide figures as <figure id>.*). \
            Without -o, a review is rendered to a 'report' folder beside it. Files are written \
            whole or not at all: a failed render leaves the previous report intact.

            Examples:
              metareport render examples/bcg-vaccine/review.yaml -o out/bcg
              metareport render examples/*/review.yaml -o out --format html,svg
            """
    )

    @Argument(help: "Review files (review.yaml).")
    var reviews: [String]

    @Option(name: .shortAndLong, help: "The output folder (with several reviews, each goes to a sub-folder named after its folder).")
    var output: String?

    @Option(help: "A built-in theme or a theme file; overrides the review's own.")
    var theme: String?

    @Option(help: "What to write, comma-separated: html, md, png, svg, pdf.")
    var format: String = "html,md,svg,png"

    @Option(help: "Resolution of PNG figures, in dots per inch.")
    var dpi: Double = 300

    @Flag(help: "Embed figures in the HTML as PNG instead of inline SVG.")
    var pngInHTML = false

    @Flag(help: "Treat warnings (such as PRISMA counts that do not add up) as errors.")
    var strict = false

    @Flag(help: "Allow data paths that lead outside a review file's folder.")
    var allowOutsidePaths = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        var formats: Set<ReportFormat> = []
        for word in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let kind = ReportFormat(rawValue: word) else {
                throw ValidationError("unknown format '\(word)'; use html, md, png, svg or pdf.")
            }
            formats.insert(kind)
        }
        guard !formats.isEmpty else { throw ValidationError("--format needs at least one of html, md, png, svg, pdf.") }
        var failed = false
        for path in reviews {
            do {
                let destination = try render(path, formats: formats)
                if !quiet { Console.out("\(path) → \(destination.path)/\(formats.contains(.html) ? "report.html" : "")") }
            } catch let status as ExitStatus {
                failed = true
                if reviews.count == 1 { throw status }
            }
        }
        if failed { throw ExitStatus.invalidInput }
    }

    func render(_ path: String, formats: Set<ReportFormat>) throws -> URL {
        let review = try Inputs.loadReview(path, allowOutsidePaths: allowOutsidePaths, strict: strict, quiet: quiet)
        let reviewFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let themeValue = try Themes.load(theme ?? review.theme, relativeTo: theme == nil ? reviewFolder : nil)
        let rendered: RenderedReport
        do {
            rendered = try ReviewRenderer.render(review, theme: themeValue,
                                                 options: ReportOptions(formats: formats, dpi: dpi, pngInHTML: pngInHTML))
        } catch {
            Console.error("\(path): error: \(error)")
            throw ExitStatus.invalidInput
        }
        if !quiet { for note in rendered.notes { Console.error("\(path): note: \(note)") } }
        let destination: URL
        if let output {
            let base = URL(fileURLWithPath: output)
            destination = reviews.count > 1 ? base.appendingPathComponent(reviewFolder.standardizedFileURL.lastPathComponent) : base
        } else {
            destination = reviewFolder.appendingPathComponent("report")
        }
        try ReportOutput.write(rendered.files, to: destination, inputs: [URL(fileURLWithPath: path)] + review.inputFiles)
        return destination.standardizedFileURL
    }
}
