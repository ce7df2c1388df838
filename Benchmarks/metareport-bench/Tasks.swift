import Figures
import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// A figure task, with what the comparison scripts need to draw the same figure: the data file,
/// and the size and resolution metareport drew it at.
struct FigureTask {
    var row: Row
    /// `forest`, `funnel` or `rob-traffic-light`.
    var figure: String
    var studies: Int
    var format: ImageFormat
    var data: URL
    /// Per-study estimates with their CIs (for Python's forestplot, which draws but does not compute).
    var estimates: URL?
    var size: Size
}

/// The in-process benchmarks: the engine and the figure modules, called as the tool calls them.
enum InProcess {
    /// DL and REML on `k` generic studies: the pooled estimate, τ², heterogeneity and the prediction
    /// interval — what R's `rma()` computes.
    static func engine(policy: TimingPolicy, filter: String? = nil) -> [Row] {
        var rows: [Row] = []
        for method in [PoolingMethod.DL, .REML] {
            for k in Workload.engineSizes {
                let studies = Workload.genericStudies(k)
                let settings = AnalysisSettings(measure: .GEN, method: method)
                var row = Row(id: "engine-\(method.rawValue.lowercased())-\(k)",
                              label: "\(method.rawValue), k = \(k.formatted(.number.grouping(.automatic)))",
                              section: "Engine (pooled estimate, τ², Q, I², prediction interval)")
                if let filter, !row.id.contains(filter) { continue }
                do {
                    row.ours = .timed(try measure(policy) {
                        _ = try MetaAnalysis.analyze(studies, settings: settings, request: .pooledOnly)
                    })
                } catch {
                    row.ours = .failed("\(error)")
                }
                rows.append(row)
            }
        }
        return rows
    }

    /// Forest (13, 100, 1,000 studies), funnel (100) and traffic-light (100) plots, each to PNG,
    /// SVG and PDF: layout and encoding, and the file written.
    static func figures(_ workload: Workload, policy: TimingPolicy, output: URL, breakdown: Bool = false,
                        filter: String? = nil) throws -> [FigureTask] {
        let loaded = ReviewLoader().load(workload.figureReview)
        guard let review = loaded.review else {
            throw BenchError("the figure review does not load: \(loaded.diagnostics.map(\.message).joined(separator: "; "))")
        }
        var outcomes: [String: AnalysisOutcome] = [:]
        for analysis in review.analyses { outcomes[analysis.id] = try analysis.run() }
        let style = FigureStyle(theme: ThemeLibrary.standard)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)

        let plan: [(figure: String, dataset: String, studies: Int)] = [
            ("forest", "forest13", 13), ("forest", "forest100", 100), ("forest", "forest1000", 1_000),
            ("funnel", "forest100", 100), ("rob-traffic-light", "rob100", 100),
        ]
        var tasks: [FigureTask] = []
        for (figure, dataset, studies) in plan {
            if let filter, !["png", "svg", "pdf"].contains(where: { "\(figure)-\(studies)-\($0)".contains(filter) }) { continue }
            guard let module = FigureRegistry.module(figure) else { throw BenchError("no figure module '\(figure)'") }
            let input = FigureInput(review: review, outcome: module.scope == .analysis ? outcomes[dataset] : nil)
            let options = FigureOptions.defaults(module.options)
            let scene = try module.layout(input, options: options, style: style)
            if breakdown {
                // Where a figure's time goes: its layout alone, then each encoding of the laid-out scene.
                let layout = measure(policy) { _ = try? module.layout(input, options: options, style: style) }
                var parts = ["layout \(Format.duration(layout.median))"]
                for format in [ImageFormat.svg, .pdf, .png(dpi: Renderer.largestPNGResolution(for: scene.size, upTo: 300))] {
                    let encode = measure(policy) { _ = try? FigureRenderer.encode(scene, format: format, style: style) }
                    parts.append("\(format.fileExtension) \(Format.duration(encode.median))")
                }
                print("breakdown \(figure) \(studies): \(parts.joined(separator: ", "))")
            }
            let estimates = figure == "forest" ? try writeEstimates(outcomes[dataset], to: workload.figureData("\(dataset)-estimates")) : nil
            let name = figure == "rob-traffic-light" ? "traffic light" : figure
            for kind in ["png", "svg", "pdf"] {
                var format = ImageFormat(fileExtension: kind)!
                var note: String?
                if case .png(let dpi) = format {
                    // As the report does: a figure too tall for a PNG at 300 dpi gets the highest
                    // resolution that fits.
                    let fitting = Renderer.largestPNGResolution(for: scene.size, upTo: dpi)
                    if fitting < dpi {
                        format = .png(dpi: fitting)
                        note = "PNG at \(Int(fitting)) dpi: at 300 dpi it would exceed Cairo's 32,767-pixel limit"
                    }
                }
                var row = Row(id: "\(figure)-\(studies)-\(kind)",
                              label: "\(name), \(studies.formatted(.number.grouping(.automatic))) studies → \(kind.uppercased())",
                              section: "Figures (layout, drawing, encoding, file written)", note: note)
                if let filter, !row.id.contains(filter) { continue }
                let file = output.appendingPathComponent("\(row.id).\(kind)")
                do {
                    row.ours = .timed(try measure(policy) {
                        let data = try FigureRenderer.render(module, input: input, options: options, style: style, format: format)
                        try write(data, to: file)
                    })
                } catch {
                    row.ours = .failed("\(error)")
                }
                tasks.append(FigureTask(row: row, figure: figure, studies: studies, format: format,
                                        data: workload.figureData(dataset), estimates: estimates, size: scene.size))
            }
        }
        return tasks
    }

    /// Writes a file as R's and Python's graphics devices do: into the page cache, without the
    /// fsync that `Data.write(to:)` adds.
    static func write(_ data: Data, to url: URL) throws {
        guard let file = fopen(url.path, "wb") else { throw BenchError("cannot write \(url.path)") }
        defer { fclose(file) }
        let written = data.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == data.count else { throw BenchError("cannot write \(url.path)") }
    }

    /// The study estimates and CIs on the natural scale, for plotting libraries that do not pool.
    static func writeEstimates(_ outcome: AnalysisOutcome?, to url: URL) throws -> URL {
        guard let result = outcome?.result else { throw BenchError("no result to write estimates from") }
        var text = "study,estimate,lower,upper\n"
        for study in result.studies {
            guard let yi = study.yi, let lower = study.ciLower, let upper = study.ciUpper else { continue }
            text += "\"\(study.label)\",\(exp(yi)),\(exp(lower)),\(exp(upper))\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// A benchmark that could not be set up.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
