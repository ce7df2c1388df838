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
                // Options from the review's top-level `figures` (checked when the review was validated).
                let requested = review.figures.first { $0.id == module.id }?.options ?? []
                let options = FigureOptions.resolve(requested, specs: module.options, figure: module.id).options
                jobs.append(FigureJob(module: module, input: input, options: options, name: module.id, analysisID: nil))
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

        // 2. Lay them out, then encode them, in parallel: each figure and each encoding is
        //    independent (one work item per encoding balances a big PNG against small SVGs).
        var formats = options.formats
        // Markdown refers to figure files: with no image format asked for, it gets SVGs.
        if formats.contains(.md), formats.isDisjoint(with: [.svg, .png, .pdf]) { formats.insert(.svg) }
        let pngRequested = formats.contains(.png) || (formats.contains(.html) && options.pngInHTML)
        let laidOut = ResultSlots<Scene>(count: jobs.count)
        let work = jobs
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            let job = work[index]
            laidOut.set(index, Result { try job.module.layout(job.input, options: job.options, style: style) })
        }
        var scenes: [Scene] = []
        for (index, result) in laidOut.values.enumerated() {
            switch result {
            case .success(let scene): scenes.append(scene)
            case .failure(let error): throw ReportError("the \(jobs[index].module.name.lowercased()) '\(jobs[index].name)' could not be drawn: \(error)")
            case nil: throw ReportError("the figure '\(jobs[index].name)' was not drawn")
            }
        }
        // A figure larger than any format can hold (a forest plot of some 80,000 studies) is left
        // out with a note rather than failing the whole report.
        for index in jobs.indices.reversed() where !Renderer.fitsFigureSizeLimit(scenes[index].size) {
            notes.append("the \(jobs[index].module.name.lowercased()) '\(jobs[index].name)' is left out: \(GraphicsError.figureTooLarge(scenes[index].size))")
            jobs.remove(at: index)
            scenes.remove(at: index)
        }
        // A PNG beyond Cairo's pixel limit is drawn at the highest resolution that fits; below
        // `PNGFallback.minimumDPI` it is left out. Either way the log says so, and the SVG (and
        // PDF) carry the whole figure.
        let vectors = [formats.contains(.svg) ? "SVG" : nil, formats.contains(.pdf) ? "PDF" : nil].compactMap { $0 }
            .joined(separator: " and ")
        for (job, scene) in zip(jobs, scenes) {
            notes += scene.warnings.map { "\(job.module.name.lowercased()) '\(job.name)': \($0)" }
        }
        var pngResolutions: [Double?] = []
        var needsSVG: [Bool] = []
        for (job, scene) in zip(jobs, scenes) {
            var resolution: Double?
            if pngRequested {
                let fallback = PNGFallback(size: scene.size, requested: options.dpi)
                resolution = fallback.resolution
                if let note = fallback.note(figure: "\(job.module.name.lowercased()) '\(job.name)'", vectors: vectors.isEmpty ? nil : vectors) { notes.append(note) }
            }
            pngResolutions.append(resolution)
            // SVG for the files and inline HTML, and in place of a PNG that could not be drawn.
            needsSVG.append(formats.contains(.svg) || (formats.contains(.html) && (!options.pngInHTML || resolution == nil))
                            || (pngRequested && resolution == nil && !formats.contains(.pdf)))
        }
        var encodings: [(figure: Int, format: ImageFormat)] = []
        for index in jobs.indices {
            if needsSVG[index] { encodings.append((index, .svg)) }
            if let dpi = pngResolutions[index] { encodings.append((index, .png(dpi: dpi))) }
            if formats.contains(.pdf) { encodings.append((index, .pdf)) }
        }
        // The largest PNGs first, so the last item to finish is a small one.
        encodings.sort { a, b in encodingCost(a.format, scenes[a.figure].size) > encodingCost(b.format, scenes[b.figure].size) }
        let encoded = ResultSlots<Data>(count: encodings.count)
        let encodingWork = encodings
        let sceneList = scenes
        DispatchQueue.concurrentPerform(iterations: encodingWork.count) { index in
            let (figure, format) = encodingWork[index]
            encoded.set(index, Result {
                try FigureRenderer.encode(sceneList[figure], format: format, style: style,
                                          identifier: format == .svg ? work[figure].name : nil)
            })
        }
        var figures = zip(jobs, scenes).map { DrawnFigure(job: $0, scene: $1) }
        for ((figure, format), result) in zip(encodings, encoded.values) {
            let data: Data
            switch result {
            case .success(let value): data = value
            case .failure(let error): throw ReportError("the \(jobs[figure].module.name.lowercased()) '\(jobs[figure].name)' could not be drawn: \(error)")
            case nil: throw ReportError("the figure '\(jobs[figure].name)' was not drawn")
            }
            switch format {
            case .svg: figures[figure].svg = data
            case .png: figures[figure].png = data
            case .pdf: figures[figure].pdf = data
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
            files.append(("thumbnail.png", try FigureRenderer.encode(PNGFallback.thumbnailScene(first.scene), format: .png(dpi: 36), style: style)))
        }
        for figure in figures {
            // The SVG is also written when it stands in for a PNG too large to draw (and no PDF was asked for).
            if formats.contains(.svg) || (figure.png == nil && figure.pdf == nil && formats.contains(.png)), let svg = figure.svg {
                files.append(("figures/\(figure.job.name).svg", svg))
            }
            if formats.contains(.png), let png = figure.png { files.append(("figures/\(figure.job.name).png", png)) }
            if formats.contains(.pdf), let pdf = figure.pdf { files.append(("figures/\(figure.job.name).pdf", pdf)) }
        }
        return RenderedReport(files: files, notes: notes, document: document)
    }
}

/// Rough relative cost of an encoding, to start the slowest first.
private func encodingCost(_ format: ImageFormat, _ size: Size) -> Double {
    switch format {
    case .png(let dpi): return size.width * size.height * dpi * dpi / 5184   // pixels
    case .pdf, .svg: return size.width * size.height / 100
    }
}

/// What to do with a PNG that would exceed Cairo's pixel limit at the requested resolution.
struct PNGFallback {
    /// The lowest resolution a PNG is lowered to: one pixel per point, the size text has on a
    /// screen at 100%. Below it a PNG is not worth having; the SVG and PDF are the figure.
    static let minimumDPI = 72.0

    let size: Size
    let requested: Double

    /// The resolution to draw at, or nil when the PNG is left out.
    var resolution: Double? {
        let fitting = Renderer.largestPNGResolution(for: size, upTo: requested)
        if fitting >= requested { return requested }
        return fitting >= min(Self.minimumDPI, requested) ? fitting : nil
    }

    /// The log's note when the PNG is not drawn as asked, or nil when it is; `vectors` are the
    /// vector formats being written ("SVG and PDF"), if any.
    func note(figure: String, vectors: String?) -> String? {
        let asked = Renderer.pixelSize(of: size, dpi: requested)
        let side = Double(GraphicsError.maximumPixelDimension)
        let limit = asked.width > side || asked.height > side
            ? "Cairo's limit of \(GraphicsError.maximumPixelDimension) pixels per side"
            : "the limit of \(GraphicsError.maximumPixelCount / 1_000_000) megapixels"
        let why = "at \(Self.dpiText(requested)) dpi it would be \(Int(asked.width)) × \(Int(asked.height)) pixels, beyond \(limit)"
        guard let resolution else {
            let instead = vectors.map { "the \($0) \($0.contains(" and ") ? "have" : "has") the whole figure" } ?? "an SVG is written in its place"
            return "the \(figure) has no PNG: \(why), and below \(Self.dpiText(Self.minimumDPI)) dpi it would not be legible; \(instead)"
        }
        guard resolution < requested else { return nil }
        let instead = vectors.map { "the \($0) \($0.contains(" and ") ? "have" : "has") full resolution" } ?? "add svg or pdf to --format for full resolution"
        return "the \(figure) PNG is at \(Self.dpiText(resolution)) dpi instead of \(Self.dpiText(requested)): \(why); \(instead)"
    }

    private static func dpiText(_ dpi: Double) -> String { NumberFormat.compact.string(dpi) }

    /// The scene a thumbnail is drawn from: the figure itself, or its top part when it is too
    /// tall for even a 36 dpi PNG (thousands of rows).
    static func thumbnailScene(_ scene: Scene) -> Scene {
        guard Renderer.largestPNGResolution(for: scene.size, upTo: 36) < 36 else { return scene }
        var top = scene
        top.size.height = min(scene.size.height, scene.size.width * 1.5)
        return top
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
