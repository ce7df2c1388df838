import Foundation
import Graphics
import ReviewKit
import Testing
@testable import Figures

@Suite struct PrismaFlowDiagramTests {
    let module = PrismaFlowDiagram()

    /// A new review with databases, registers and the other-methods column whose counts add up.
    static func newReview(reasons: Int = 2, databases: Int = 1) -> PrismaFlow {
        let perDatabase = (0..<databases).map { PrismaFlow.Count(label: databases == 1 ? "" : "Database number \($0 + 1) with a long name", count: 100 + $0) }
        let identified = perDatabase.reduce(0) { $0 + $1.count } + 12
        let excluded = (0..<reasons).map { PrismaFlow.Count(label: "Reason \($0 + 1): the population, intervention or design did not fit", count: 1) }
        return PrismaFlow(
            databases: perDatabase, registers: [.init(label: "", count: 12)],
            removedDuplicates: 7, removedAutomation: 3, removedOther: 0, screened: identified - 10, excludedScreening: identified - 10 - 40,
            sought: 40, notRetrieved: 2, assessed: 38, excludedReports: excluded,
            otherMethods: .init(identified: [.init(label: "websites", count: 3), .init(label: "citation_searching", count: 5)],
                                sought: 8, notRetrieved: 1, assessed: 7, excludedReports: [.init(label: "Wrong design", count: 2)]),
            includedStudies: 38 - reasons + 5 - 2, includedReports: 38 - reasons + 5, metaAnalysisStudies: 20, location: SourceLocation(file: "t"))
    }

    func layout(_ flow: PrismaFlow, options: [String: String] = [:], title: String = "Test review") throws -> PrismaLayout {
        let written = options.map { FigureOption(name: $0.key, value: .text($0.value), location: ReviewKit.SourceLocation(file: "t")) }
        let resolved = FigureOptions.resolve(written, specs: module.options, figure: module.id)
        #expect(resolved.diagnostics.isEmpty)
        return try module.prismaLayout(FigureInput(review: Review(title: title, prisma: flow)), options: resolved.options, style: Fixture.style)
    }

    /// Axis-aligned segments of every arrow.
    func segments(_ layout: PrismaLayout) -> [Rect] {
        layout.arrows.flatMap { points in zip(points, points.dropFirst()).map { Rect(corner: $0, $1) } }
    }

    @Test func isRegisteredAsAReviewFigure() {
        #expect(FigureRegistry.module("prisma-flow") is PrismaFlowDiagram)
        #expect(module.scope == .review)
        #expect(module.unsuitability(for: FigureInput(review: Review(title: "No flow"))) != nil)
        #expect(module.unsuitability(for: FigureInput(review: Review(title: "Flow", prisma: Self.newReview()))) == nil)
    }

    @Test func oneBoxPerStageWithItsCount() throws {
        let layout = try layout(Self.newReview())
        let expected: [(String, Int?)] = [
            ("identification", 112), ("removed_before_screening", 10), ("screened", 102), ("excluded_screening", 62),
            ("sought", 40), ("not_retrieved", 2), ("assessed", 38), ("excluded_reports", 2),
            ("other_methods.identified", 8), ("other_methods.sought", 8), ("other_methods.not_retrieved", 1),
            ("other_methods.assessed", 7), ("other_methods.excluded_reports", 2), ("included", 39), ("meta_analysis_studies", 20),
        ]
        #expect(layout.boxes.map(\.id).sorted() == expected.map(\.0).sorted())
        for (id, count) in expected {
            let box = try #require(layout.box(id))
            #expect(box.count == count, "\(id)")
            // The box prints its count first, or a breakdown that adds up to it.
            let printed = box.text.components(separatedBy: "(n\u{00A0}=\u{00A0}").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
            if let count { #expect(printed.first == count || printed.reduce(0, +) == count, "\(id): \(box.text)") }
        }
        let text = { (id: String) in layout.box(id)?.text.replacingOccurrences(of: "\u{00A0}", with: " ") ?? "" }
        #expect(text("screened") == "Records screened (n = 102)")
        #expect(text("included") == "Studies included in review (n = 39) Reports of included studies (n = 41)")
        #expect(text("other_methods.identified") == "Records identified from: Websites (n = 3) Citation searching (n = 5)")
        #expect(text("removed_before_screening") == "Records removed before screening: Duplicate records removed (n = 7) Records marked as ineligible by automation tools (n = 3) Records removed for other reasons (n = 0)")
        #expect(layout.headers.map { $0.lines.map(\.string).joined(separator: " ") }
                == ["Identification of studies via databases and registers", "Identification of studies via other methods"])
        #expect(layout.note.isEmpty)
        Fixture.expectClean(layout.scene)
    }

    @Test func updatedReviewsHavePreviousStudiesNewAndTotal() throws {
        var flow = Self.newReview()
        flow.otherMethods = nil
        flow.previous = .init(studies: 10, reports: 12)
        flow.includedStudies = 46
        flow.includedReports = 48
        let layout = try layout(flow)
        #expect(layout.box("previous")?.count == 10)
        #expect(layout.box("included")?.text.replacingOccurrences(of: "\u{00A0}", with: " ")
                == "New studies included in review (n = 36) Reports of new included studies (n = 36)")
        #expect(layout.box("included_studies")?.text.replacingOccurrences(of: "\u{00A0}", with: " ")
                == "Total studies included in review (n = 46) Reports of total included studies (n = 48)")
        #expect(!layout.boxes.contains { $0.id.hasPrefix("other_methods") })
        #expect(layout.headers.first?.lines.map(\.string) == ["Previous studies"])
        #expect(layout.note.isEmpty)
        // The previous studies join the total: down their column, then across into its side.
        let total = try #require(layout.box("included_studies")).frame
        #expect(layout.arrows.contains { $0.last == Point(x: total.minX, y: total.midY) && $0.count == 3 })
        Fixture.expectClean(layout.scene)
    }

    @Test func countsNotGivenAreShownAsNotReported() throws {
        let flow = PrismaFlow(databases: [.init(label: "", count: 184)], registers: [], excludedReports: [],
                              includedStudies: 20, includedReports: 20, metaAnalysisStudies: 6, location: SourceLocation(file: "t"))
        let layout = try layout(flow)
        #expect(layout.box("screened")?.count == nil)
        #expect(layout.box("screened")?.text.contains("not reported") == true)
        #expect(layout.box("identification")?.count == 184)
        Fixture.expectClean(layout.scene)
    }

    @Test(arguments: [(20, 1), (1, 12), (20, 12)], ["auto", "single", "double", "300"])
    func manyReasonsAndDatabasesStayClean(sizes: (reasons: Int, databases: Int), width: String) throws {
        let layout = try layout(Self.newReview(reasons: sizes.reasons, databases: sizes.databases), options: ["width": width])
        Fixture.expectClean(layout.scene)
        #expect(layout.box("excluded_reports")?.count == sizes.reasons)
        let occurrences = { (id: String, words: String) in (layout.box(id)?.text.components(separatedBy: words).count ?? 1) - 1 }
        #expect(occurrences("excluded_reports", "Reason ") == sizes.reasons)
        #expect(occurrences("identification", "Database number") == (sizes.databases == 1 ? 0 : sizes.databases))
        // Boxes are sized to their wrapped text and hold it.
        for box in layout.boxes {
            #expect(abs(box.frame.height - (Double(box.lines.count) * Fixture.style.lineHeight + 2 * Fixture.style.theme.fontSize * 0.6)) < 0.02)
            for line in box.lines { #expect(box.frame.contains(line.frame), "\(box.id): '\(line.string)' leaves its box") }
        }
        // Boxes never overlap one another.
        for (index, a) in layout.boxes.enumerated() {
            for b in layout.boxes[(index + 1)...] { #expect(!a.frame.intersects(b.frame), "\(a.id) overlaps \(b.id)") }
        }
    }

    @Test(arguments: [false, true])
    func arrowsNeverCrossText(updated: Bool) throws {
        var flow = Self.newReview(reasons: 20, databases: 12)
        if updated {
            flow.previous = .init(studies: 5, reports: 5)
            flow.includedStudies = flow.includedStudies.map { $0 + 5 }
            flow.includedReports = flow.includedReports.map { $0 + 5 }
        }
        let layout = try layout(flow, options: ["title": "A title long enough to matter"])
        #expect(layout.arrows.count == (updated ? 16 : 14))
        for segment in segments(layout) {
            for text in layout.scene.texts { #expect(!segment.intersects(text.frame), "an arrow crosses '\(text.string)'") }
            // Arrows end on a box's edge; they never run through one.
            for box in layout.boxes { #expect(!segment.intersects(box.frame.insetBy(dx: 0.5, dy: 0.5)), "an arrow runs through \(box.id)") }
            for header in layout.headers { #expect(!segment.intersects(header.frame)) }
        }
        // Every arrow ends on the edge of the box it points to.
        for arrow in layout.arrows {
            let tip = try #require(arrow.last)
            #expect(layout.boxes.contains { box in
                let f = box.frame
                return (abs(tip.y - f.minY) < 0.01 && tip.x >= f.minX && tip.x <= f.maxX)
                    || ((abs(tip.x - f.minX) < 0.01 || abs(tip.x - f.maxX) < 0.01) && tip.y >= f.minY && tip.y <= f.maxY)
            })
        }
        Fixture.expectClean(layout.scene)
    }

    @Test func phaseLabelsSitOnTheLeftBesideTheirRows() throws {
        let layout = try layout(Self.newReview())
        #expect(layout.phases.map { $0.lines.map(\.string) } == [["Identification"], ["Screening"], ["Included"]])
        let leftmostBox = layout.boxes.map(\.frame.minX).min() ?? 0
        for phase in layout.phases {
            #expect(phase.frame.maxX < leftmostBox)
            #expect(phase.lines.allSatisfy { $0.rotation == -90 && phase.frame.contains($0.frame) })
        }
        let rows: [(String, [String])] = [("Identification", ["identification"]), ("Screening", ["screened", "sought", "assessed"]),
                                          ("Included", ["included", "meta_analysis_studies"])]
        for (phase, ids) in rows {
            let bar = try #require(layout.phases.first { $0.lines.first?.string == phase }).frame
            for id in ids {
                let box = try #require(layout.box(id)).frame
                #expect(box.minY >= bar.minY - 0.01 && box.maxY <= bar.maxY + 0.01, "\(id) is not beside \(phase)")
            }
        }
    }

    @Test func countsThatDoNotAddUpGetAVisibleNote() throws {
        var flow = Self.newReview()
        flow.screened = 1000
        let layout = try layout(flow)
        let note = layout.note.map(\.string).joined(separator: " ")
        #expect(note == "Note: the counts do not add up: screened is 1000, but records identified (112) − removed before screening (10) = 102; sought is 40, but records screened (1000) − excluded (62) = 938.")
        #expect(!note.contains("Acknowledged"))
        #expect(layout.scene.description.contains("screened is 1000"))
        let diagram = layout.boxes.map(\.frame.maxY).max() ?? 0
        #expect(layout.note.allSatisfy { $0.frame.minY > diagram })
        Fixture.expectClean(layout.scene)

        flow.acknowledgedInconsistencies = "the paper removed duplicates after screening"
        let acknowledged = try self.layout(flow).note.map(\.string).joined(separator: " ")
        #expect(acknowledged.hasSuffix("Acknowledged: The paper removed duplicates after screening."))
        #expect(acknowledged.contains("screened is 1000"))
    }

    @Test func boxesCarryLinksWhenAsked() throws {
        let layout = try layout(Self.newReview(), options: ["links": "#prisma-{box}"])
        #expect(layout.box("screened")?.link == "#prisma-screened")
        #expect(layout.box("other_methods.assessed")?.link == "#prisma-other_methods.assessed")
        let plain = try self.layout(Self.newReview())
        #expect(plain.boxes.allSatisfy { $0.link == nil })
        let svg = String(decoding: try FigureRenderer.encode(layout.scene, format: .svg, style: Fixture.style), as: UTF8.self)
        #expect(svg.contains("#prisma-excluded_reports"))
        #expect(svg.contains("Records screened"))
    }

    @Test func everyFormatDraws() throws {
        let input = FigureInput(review: Review(title: "Formats", prisma: Self.newReview()))
        let options = FigureOptions.defaults(module.options)
        let png = try FigureRenderer.render(module, input: input, options: options, style: Fixture.style, format: .png(dpi: 110))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let svg = String(decoding: try FigureRenderer.render(module, input: input, options: options, style: Fixture.style, format: .svg), as: UTF8.self)
        #expect(svg.contains("Reports assessed for eligibility") && svg.contains("<desc"))
        let pdf = try FigureRenderer.render(module, input: input, options: options, style: Fixture.style, format: .pdf)
        #expect(try FigureRenderer.render(module, input: input, options: options, style: Fixture.style, format: .pdf) == pdf)
        let text = try Fixture.pdfText(pdf)
        #expect(text.contains("Records identified from:"))
        #expect(text.contains("Identification"))
    }

    /// The three ketamine meta-analyses, with the numbers their papers give.
    @Test(arguments: [
        ("ketamine-neuropathic-pain", ["identification": 1404, "removed_before_screening": 7, "screened": 1404, "sought": 39,
                                       "assessed": 32, "excluded_reports": 14, "other_methods.identified": 4, "included": 18], true),
        ("ketamine-chronic-pain", ["identification": 696, "removed_before_screening": 229, "screened": 467, "excluded_screening": 437,
                                   "assessed": 30, "excluded_reports": 23, "included": 7, "meta_analysis_studies": 7], false),
        ("ketamine-neuropathic-pain-2024", ["identification": 184, "included": 20, "meta_analysis_studies": 6], false),
    ] as [(String, [String: Int], Bool)])
    func seedReviewsDrawTheirPapersNumbers(name: String, counts: [String: Int], inconsistent: Bool) throws {
        let file = Fixture.root.appendingPathComponent("examples/\(name)/review.yaml")
        let loaded = ReviewLoader(options: .init(strict: true)).load(file, displayPath: name)
        let review = try #require(loaded.review, "\(loaded.diagnostics)")
        #expect(loaded.diagnostics.allSatisfy { $0.severity == .note })
        let layout = try module.prismaLayout(FigureInput(review: review), options: .defaults(module.options), style: Fixture.style)
        for (id, count) in counts { #expect(layout.box(id)?.count == count, "\(name): \(id)") }
        // The 2019 paper (PRISMA 2009) has no "sought" box: it is drawn as not reported, not invented.
        if name == "ketamine-chronic-pain" { #expect(layout.box("sought")?.count == nil) }
        #expect(layout.note.isEmpty == !inconsistent)
        if inconsistent {
            #expect(layout.note.map(\.string).joined(separator: " ").contains("Acknowledged: The paper removed"))
        }
        Fixture.expectClean(layout.scene)
    }
}
