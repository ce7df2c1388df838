import Foundation
import Graphics
import ReviewKit
import Testing
@testable import ReportKit

/// A review with thousands of studies must still give a report: a forest plot too tall for a PNG
/// gets a lower resolution, or no PNG at all, with a note; its SVG and PDF always have the whole
/// figure. (No timings here; `make bench` measures those.)
@Suite struct LargeFigureReportTests {
    /// A review whose one analysis has `count` given study rows (no pooling, so the test only
    /// exercises layout and drawing).
    static func review(studies count: Int) throws -> Review {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("large-report-\(count)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var csv = "study,estimate,ci_lower,ci_upper,weight\n"
        for index in 0..<count {
            let estimate = exp(sin(Double(index)) * 0.8)
            csv += "Trial \(index + 1),\(estimate),\(estimate * 0.6),\(estimate / 0.6),\(100.0 / Double(count))\n"
        }
        try csv.write(to: folder.appendingPathComponent("studies.csv"), atomically: true, encoding: .utf8)
        let yaml = """
            title: A very large review
            analyses:
              - id: big
                title: Many trials
                outcome: Events
                measure: RR
                figures: [forest]
                results:
                  model: random
                  studies: studies.csv
                  pooled:
                    - {estimate: 0.9, ci_lower: 0.85, ci_upper: 0.95, k: \(count)}
            """
        try yaml.write(to: folder.appendingPathComponent("review.yaml"), atomically: true, encoding: .utf8)
        let loaded = ReviewLoader().load(folder.appendingPathComponent("review.yaml"))
        return try #require(loaded.review, "\(loaded.diagnostics.map(\.message))")
    }

    static func file(_ report: RenderedReport, _ path: String) -> Data? {
        report.files.first { $0.path == path }?.data
    }

    @Test func tenThousandStudiesHaveSVGAndPDFButNoPNG() throws {
        let review = try Self.review(studies: 10_000)
        let report = try ReviewRenderer.render(review, theme: ThemeLibrary.standard,
                                               options: ReportOptions(formats: [.html, .md, .svg, .png, .pdf], thumbnail: true))
        let svg = try #require(Self.file(report, "figures/big-forest.svg"))
        #expect(String(decoding: svg, as: UTF8.self).contains("Trial 10000"))
        let pdf = try #require(Self.file(report, "figures/big-forest.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        #expect(Self.file(report, "figures/big-forest.png") == nil)
        let note = try #require(report.notes.first { $0.contains("big-forest") })
        #expect(note.contains("has no PNG"))
        #expect(note.contains("32767 pixels per side"))
        #expect(note.contains("the SVG and PDF have the whole figure"))
        // The index thumbnail shows the top of the figure rather than failing.
        let thumbnail = try #require(Self.file(report, "thumbnail.png"))
        #expect(thumbnail.starts(with: PNGSignature.bytes))
        #expect(String(decoding: try #require(Self.file(report, "report.md")), as: UTF8.self).contains("figures/big-forest.svg"))
    }

    @Test func aPNGOnlyReportWritesAnSVGInPlaceOfTheMissingPNG() throws {
        let review = try Self.review(studies: 10_000)
        let report = try ReviewRenderer.render(review, theme: ThemeLibrary.standard,
                                               options: ReportOptions(formats: [.md, .png], pngInHTML: true))
        #expect(Self.file(report, "figures/big-forest.png") == nil)
        #expect(Self.file(report, "figures/big-forest.svg") != nil)
        #expect(String(decoding: try #require(Self.file(report, "report.md")), as: UTF8.self).contains("figures/big-forest.svg"))
        #expect(report.notes.contains { $0.contains("an SVG is written in its place") })
    }

    @Test func aPNGInHTMLFallsBackToTheSVG() throws {
        let review = try Self.review(studies: 10_000)
        let report = try ReviewRenderer.render(review, theme: ThemeLibrary.standard,
                                               options: ReportOptions(formats: [.html], pngInHTML: true))
        let html = String(decoding: try #require(Self.file(report, "report.html")), as: UTF8.self)
        #expect(html.contains("<svg"))
        #expect(html.contains("Trial 10000"))
    }

    @Test func aTallFigureGetsTheHighestResolutionThatFits() throws {
        // About 23,000 points tall: 96,000 pixels at 300 dpi, so about 100 dpi fits.
        let review = try Self.review(studies: 2_000)
        let report = try ReviewRenderer.render(review, theme: ThemeLibrary.standard,
                                               options: ReportOptions(formats: [.png], dpi: 300))
        let png = [UInt8](try #require(Self.file(report, "figures/big-forest.png")))
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(height <= GraphicsError.maximumPixelDimension)
        #expect(height > GraphicsError.maximumPixelDimension - 400)
        let note = try #require(report.notes.first { $0.contains("big-forest") })
        #expect(note.contains("dpi instead of 300"))
        #expect(note.contains("add svg or pdf to --format for full resolution"))
    }
}

enum PNGSignature {
    static let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}
