import Dispatch
import Figures
import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// What `render` writes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case html, md, png, svg, pdf
}

/// How a review is rendered.
public struct ReportOptions: Sendable {
    /// The files to write: the report as HTML and/or Markdown, the figures as SVG, PNG and/or PDF.
    public var formats: Set<ReportFormat>
    /// Resolution of PNG figures.
    public var dpi: Double
    /// Embed figures in the HTML as PNG data URIs instead of inline SVG.
    public var pngInHTML: Bool
    /// Also write `thumbnail.png`, a small picture of the first figure (for index pages).
    public var thumbnail: Bool

    /// Options; by default HTML, Markdown, SVG and PNG at 300 dpi, with SVG figures inline in the HTML.
    public init(formats: Set<ReportFormat> = [.html, .md, .svg, .png], dpi: Double = 300, pngInHTML: Bool = false,
                thumbnail: Bool = false) {
        self.formats = formats
        self.dpi = dpi
        self.pngInHTML = pngInHTML
        self.thumbnail = thumbnail
    }
}

/// A rendered review: every output file by its path relative to the output folder.
public struct RenderedReport: Sendable {
    /// Paths (`report.html`, `figures/tb-cases-forest.svg`, …) and contents, in a stable order.
    public var files: [(path: String, data: Data)]
    /// Things the reader of the log should know (figures that could not be drawn for an analysis).
    public var notes: [String]
    /// The report as a document model (what the Markdown and HTML were written from).
    public var document: ReportDocument
}

/// Renders a whole review — analyses, figures, report — in memory. Writing the files is the
/// caller's job (so a failed render never leaves half a report behind).
public enum ReviewRenderer {
    /// Renders `review` with `theme`: pools each analysis, draws its figures (in parallel) and
    /// writes the report, all in memory.
    ///
    /// - Throws: `InputError` when an analysis cannot be computed; `ReportError` when a figure
    ///   cannot be drawn.
    public static func render(_ review: Review, theme: Theme, options: ReportOptions = ReportOptions()) throws -> RenderedReport {
        let style = FigureStyle(theme: theme)
        var outcomes: [AnalysisOutcome] = []
        for analysis in review.analyses { outcomes.append(try analysis.run()) }

        // 1. Which figures: review-wide ones whose data the review has, then each analysis's.
        var jobs: [FigureJob] = []
        var notes: [String] = []
        let robOutcome = review.riskOfBias?.analysisID.flatMap { id in outcomes.first { $0.analysis.id == id } }
        for module in FigureRegistry.modules where module.scope == .review {
            let input = FigureInput(review: review, outcome: robOutcome)
            if module.unsuitability(for: input) == nil {
                jobs.append(FigureJob(module: module, input: input, options: .defaults(module.options), name: module.id, analysisID: nil))
            }
        }
        for outcome in outcomes {
            let requests = outcome.analysis.figures.isEmpty
                ? [FigureRequest(id: "forest", location: outcome.analysis.location)] : outcome.analysis.figures
            for request in requests {
                guard let module = FigureRegistry.module(request.id), module.scope == .analysis else { continue }
                let input = FigureInput(review: review, outcome: outcome)
                if let reason = module.unsuitability(for: input) {
                    notes.append("analysis '\(outcome.analysis.id)': \(module.name.lowercased()) not drawn: \(reason)")
                    continue
                }
                let resolved = FigureOptions.resolve(request.options, specs: module.options, figure: module.id)
                jobs.append(FigureJob(module: module, input: input, options: resolved.options,
                                      name: "\(outcome.analysis.id)-\(module.id)", analysisID: outcome.analysis.id))
            }
        }

        // 2. Draw them, in parallel: each figure is independent.
        let formats = options.formats
        let needSVG = formats.contains(.svg) || (formats.contains(.html) && !options.pngInHTML)
        let needPNG = formats.contains(.png) || (formats.contains(.html) && options.pngInHTML)
        let results = ResultSlots<DrawnFigure>(count: jobs.count)
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            let job = work[index]
            results.set(index, Result {
                let scene = try job.module.layout(job.input, options: job.options, style: style)
                var drawn = DrawnFigure(job: job, scene: scene)
                if needSVG { drawn.svg = try FigureRenderer.encode(scene, format: .svg, style: style, identifier: job.name) }
                if needPNG { drawn.png = try FigureRenderer.encode(scene, format: .png(dpi: options.dpi), style: style) }
                if formats.contains(.pdf) { drawn.pdf = try FigureRenderer.encode(scene, format: .pdf, style: style) }
                return drawn
            })
        }
        var figures: [DrawnFigure] = []
        for (index, result) in results.values.enumerated() {
            switch result {
            case .success(let figure): figures.append(figure)
            case .failure(let error): throw ReportError("the \(jobs[index].module.name.lowercased()) '\(jobs[index].name)' could not be drawn: \(error)")
            case nil: throw ReportError("the figure '\(jobs[index].name)' was not drawn")
            }
        }

        // 3. The document and its files.
        let document = ReportBuilder(review: review, outcomes: outcomes, figures: figures, options: options).document()
        var files: [(String, Data)] = []
        if formats.contains(.md) { files.append(("report.md", Data(MarkdownWriter().write(document).utf8))) }
        if formats.contains(.html) {
            files.append(("report.html", Data(HTMLWriter(css: ReportCSS.css(for: theme)).write(document).utf8)))
        }
        // The thumbnail shows the first analysis figure (a forest plot, usually), else the first figure.
        if options.thumbnail, let first = figures.first(where: { $0.job.analysisID != nil }) ?? figures.first {
            files.append(("thumbnail.png", try FigureRenderer.encode(first.scene, format: .png(dpi: 36), style: style)))
        }
        for figure in figures {
            if formats.contains(.svg), let svg = figure.svg { files.append(("figures/\(figure.job.name).svg", svg)) }
            if formats.contains(.png), let png = figure.png { files.append(("figures/\(figure.job.name).png", png)) }
            if formats.contains(.pdf), let pdf = figure.pdf { files.append(("figures/\(figure.job.name).pdf", pdf)) }
        }
        return RenderedReport(files: files, notes: notes, document: document)
    }
}

/// A figure to draw for the report.
struct FigureJob: @unchecked Sendable {
    let module: any FigureModule
    let input: FigureInput
    let options: FigureOptions
    /// File stem: `<analysis id>-<figure id>`, or the figure id for review-wide figures.
    let name: String
    let analysisID: String?
}

/// A drawn figure and its encodings.
struct DrawnFigure: @unchecked Sendable {
    let job: FigureJob
    let scene: Scene
    var svg: Data?
    var png: Data?
    var pdf: Data?
}

/// Results filled in from concurrent work, one slot each.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<Value, Error>) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var values: [Result<Value, Error>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}

/// A report that could not be rendered.
public struct ReportError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, as a sentence for the user.
    public var description: String
    /// An error with a message for the user.
    public init(_ description: String) { self.description = description }
}
