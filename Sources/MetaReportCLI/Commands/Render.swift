import ArgumentParser
import Dispatch
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
            Without -o, a review is rendered to a folder beside it: 'report' for review.yaml, \
            '<name>-report' for any other file name. Several reviews render in parallel, each into \
            DIR/<name>/ (the folder's name for review.yaml, the file's name without its extension \
            otherwise), with DIR/index.html linking them; two reviews that would share a folder are \
            refused before anything is written. Files are written whole or not at all: a failed \
            render leaves the previous report intact.

            Examples:
              metareport render examples/bcg-vaccine/review.yaml -o out/bcg
              metareport render examples/*/review.yaml -o out
              metareport render examples/magnesium/review.yaml --format html,pdf --theme lancet --watch
            """
    )

    @Argument(help: "Review files (review.yaml), or RevMan 5 files (.rm5) imported on the fly.")
    var reviews: [String]

    @Option(name: .shortAndLong, help: "The output folder (with several reviews, each goes to a sub-folder named after it).")
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

    @Flag(help: "Keep running and render again whenever a review file or its data changes.")
    var watch = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print notes and how long each review took.")
    var verbose = false

    func run() throws {
        let formats = try parseFormats()
        try Themes.checkResolution(dpi)
        let commandLineTheme = try theme.map(Themes.commandLine)
        let destinations = try plannedDestinations()
        let progress = Progress(total: reviews.count, quiet: quiet)
        let outcomes = ResultList<RenderOutcome>(count: reviews.count)
        let paths = reviews
        // Reviews render in parallel (each also draws its figures in parallel).
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let outcome = renderOne(paths[index], to: destinations[index], formats: formats, theme: commandLineTheme)
            outcomes.set(index, outcome)
            progress.finished(outcome, verbose: verbose)
        }
        progress.close()
        let results = outcomes.all
        if reviews.count > 1, let output {
            try writeIndex(results, to: URL(fileURLWithPath: output))
        }
        if watch {
            try watchForChanges(formats: formats, destinations: destinations, theme: commandLineTheme, progress: progress)
        }
        // Invalid data outranks a refused output (usage) and a failed write.
        let statuses = results.filter(\.failed).map { $0.status ?? .invalidInput }
        if let worst = [ExitStatus.invalidInput, .usage, .failure].first(where: statuses.contains) { throw worst }
    }

    func parseFormats() throws -> Set<ReportFormat> {
        var formats: Set<ReportFormat> = []
        for word in format.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let kind = ReportFormat(rawValue: word) else {
                throw ValidationError("unknown format '\(word)'; use html, md, png, svg or pdf.")
            }
            formats.insert(kind)
        }
        guard !formats.isEmpty else { throw ValidationError("--format needs at least one of html, md, png, svg, pdf.") }
        return formats
    }

    /// Loads, renders and writes one review; never throws, so one bad review does not stop the others.
    func renderOne(_ path: String, to destination: URL, formats: Set<ReportFormat>, theme commandLineTheme: Theme?) -> RenderOutcome {
        var outcome = RenderOutcome(path: path)
        let started = Date()
        // A RevMan 5 file (.rm5) is imported in memory; its own errors (a bad row) are reported but do not stop it.
        let revman = Inputs.isRevManFile(path)
        let loaded = revman ? RevManImport.load(URL(fileURLWithPath: path), displayPath: path, strict: strict)
            : ReviewLoader(options: .init(allowOutsidePaths: allowOutsidePaths, strict: strict)).load(URL(fileURLWithPath: path), displayPath: path)
        outcome.diagnostics = loaded.diagnostics + ReviewValidation.figureProblems(loaded)
        guard let review = loaded.review, revman || !outcome.diagnostics.hasErrors else {
            outcome.failed = true
            return outcome
        }
        outcome.title = review.title
        outcome.inputs = [URL(fileURLWithPath: path)] + review.inputFiles
        let reviewFolder = URL(fileURLWithPath: path).deletingLastPathComponent()
        let themeValue: Theme
        switch commandLineTheme.map({ .success($0) }) ?? ThemeLibrary.resolve(review.theme ?? ThemeLibrary.defaultName, relativeTo: reviewFolder) {
        case .success(let value): themeValue = value
        case .failure(let error):
            outcome.diagnostics += error.diagnostics
            outcome.failed = true
            return outcome
        }
        do {
            let rendered = try ReviewRenderer.render(review, theme: themeValue, options: ReportOptions(
                formats: formats, dpi: dpi, pngInHTML: pngInHTML, thumbnail: reviews.count > 1 && output != nil))
            outcome.notes = rendered.notes
            try ReportOutput.write(rendered.files.filter { $0.path != "thumbnail.png" }, to: destination, inputs: outcome.inputs)
            outcome.destination = destination.standardizedFileURL
            outcome.thumbnail = rendered.files.first { $0.path == "thumbnail.png" }?.data
            outcome.summary = "\(review.analyses.count) analys\(review.analyses.count == 1 ? "is" : "es"), \(rendered.files.filter { $0.path.hasSuffix(".svg") || $0.path.hasSuffix(".png") }.count) figure files"
            outcome.hasHTML = formats.contains(.html)
            if revman && outcome.diagnostics.hasErrors {
                // What could be imported is rendered, but the run still reports failure, as import-revman does.
                outcome.failed = true
                outcome.error = "rendered what could be imported to \(destination.path); the errors above were left out"
            }
        } catch let status as ExitStatus {
            outcome.failed = true
            outcome.status = status
            outcome.error = status == .failure ? "the report could not be written" : "the report was not written"
        } catch let input as InputError {
            // Problems with the data (an analysis the engine cannot compute) are diagnostics like any other.
            outcome.diagnostics += input.diagnostics
            outcome.failed = true
        } catch {
            outcome.failed = true
            outcome.error = "\(error)"
        }
        outcome.seconds = Date().timeIntervalSince(started)
        return outcome
    }

    /// Where each review's report goes, decided before anything renders so that two reviews can
    /// never write into the same folder (in parallel, one would silently replace the other).
    func plannedDestinations() throws -> [URL] {
        let destinations = reviews.map(destination(for:))
        var firstReview: [String: String] = [:]
        for (path, destination) in zip(reviews, destinations) {
            let key = destination.standardizedFileURL.path
            if let other = firstReview[key] {
                let hint = other == path ? "Give each review file once." : output == nil
                    ? "Render them with -o DIR, or give them different file names."
                    : "Rename one of the files or folders, or render them one at a time with -o."
                throw ValidationError("'\(other)' and '\(path)' would both be written to '\(key)'. \(hint)")
            }
            firstReview[key] = path
        }
        return destinations
    }

    /// The report folder of one review: beside it without -o, else -o itself (one review) or a
    /// sub-folder of it named after the review (several).
    func destination(for path: String) -> URL {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        let reviewFolder = file.deletingLastPathComponent()
        let stem = file.deletingPathExtension().lastPathComponent
        let named = ["review.yaml", "review.yml"].contains(file.lastPathComponent.lowercased())
        guard let output else { return reviewFolder.appendingPathComponent(named ? "report" : "\(stem)-report") }
        let base = URL(fileURLWithPath: output)
        return reviews.count > 1 ? base.appendingPathComponent(named ? reviewFolder.lastPathComponent : stem) : base
    }

    func writeIndex(_ results: [RenderOutcome], to folder: URL) throws {
        let entries = results.compactMap { result -> ReportIndex.Entry? in
            guard let destination = result.destination, result.hasHTML else { return nil }
            return ReportIndex.Entry(title: result.title ?? result.path, link: "\(destination.lastPathComponent)/report.html",
                                     thumbnail: result.thumbnail, summary: result.summary)
        }
        guard !entries.isEmpty else { return }
        let html = ReportIndex.html(title: "Reports", entries: entries, theme: ThemeLibrary.standard)
        try OutputFiles.write(Data(html.utf8), to: folder.appendingPathComponent("index.html").path, inputs: reviews)
        if !quiet { Console.out("index → \(folder.appendingPathComponent("index.html").standardizedFileURL.path)") }
    }

    /// Polls the inputs' modification times twice a second and renders a review again when one changes.
    func watchForChanges(formats: Set<ReportFormat>, destinations: [URL], theme: Theme?, progress: Progress) throws {
        func stamps(_ path: String) -> [Date] {
            let loaded = ReviewLoader(options: .init(allowOutsidePaths: allowOutsidePaths)).load(URL(fileURLWithPath: path))
            let files = [URL(fileURLWithPath: path)] + (loaded.review?.inputFiles ?? [])
            return files.map { (try? FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date) ?? .distantPast }
        }
        var last = reviews.map(stamps)
        if !quiet { Console.error("Watching \(reviews.count) review\(reviews.count == 1 ? "" : "s") for changes; press Ctrl-C to stop.") }
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            for (index, path) in reviews.enumerated() {
                let now = stamps(path)
                guard now != last[index] else { continue }
                last[index] = now
                progress.finished(renderOne(path, to: destinations[index], formats: formats, theme: theme), verbose: verbose)
            }
        }
    }
}

/// What rendering one review gave.
struct RenderOutcome: Sendable {
    var path: String
    var title: String?
    var diagnostics: [Diagnostic] = []
    var notes: [String] = []
    var destination: URL?
    var inputs: [URL] = []
    var thumbnail: Data?
    var summary = ""
    var hasHTML = false
    var failed = false
    /// Why it failed, when that is not the input data's fault (an output refused or not writable).
    var status: ExitStatus?
    var error: String?
    var seconds: Double = 0

    init(path: String) { self.path = path }
}

/// Results filled in from parallel work.
final class ResultList<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var all: [Value] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
