import Foundation
import Testing
@testable import ReportKit

@Suite struct MarkdownEscapingTests {
    static let hostile = ["<img src=x onerror=alert(1)>", "| **bold** |", "<script>alert(1)</script>", "[link](javascript:alert(1))",
                          "# heading", "1. list", "- item", "`code`", "~~strike~~", "&lt;entity&gt;", "a\nb <b>tag</b>"]

    @Test(arguments: hostile)
    func userTextReadsLiterallyInHTML(text: String) {
        let document = ReportDocument(title: text, byline: [text], blocks: [
            .heading(level: 2, text: text, anchor: "h"),
            .paragraph([.text(text)]),
            .table(ReportTable(id: "t", caption: text, header: [text, "b"], rows: [[[.text(text)], [.strong(text)]]],
                               footnotes: [("n1", text)])),
        ])
        let html = HTMLWriter(css: "").write(document)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>tag"))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("<del>"))
        #expect(!html.contains("<ol>\n<li>list") && !html.contains("<h1>heading"))
        // The text itself is still there, escaped.
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        let escaped = HTMLEscaping.text(flat)
        #expect(html.contains(escaped) || html.contains(escaped.replacingOccurrences(of: "&amp;", with: "&amp;amp;")), "\(flat) is missing")
    }

    @Test func markdownKeepsNumbersReadable() {
        #expect(MarkdownWriter.escape("0.41 [0.13, 1.26]") == "0.41 \\[0.13, 1.26\\]")
        #expect(MarkdownWriter.escape("-1.83") == "-1.83")
        #expect(MarkdownWriter.escape("-1.83", blockStart: true) == "\\-1.83")
        #expect(MarkdownWriter.escape("2020. Results", blockStart: true) == "2020\\. Results")
    }

    @Test func tablesKeepTheirColumns() {
        let table = ReportTable(id: "t", caption: "c", header: ["a", "b"], rows: [[["x | y"], ["z"]]])
        let markdown = MarkdownWriter().write(ReportDocument(title: "T", blocks: [.table(table)]))
        #expect(markdown.contains("| x \\| y | z |"))
    }

    @Test func pageHasAPolicyNoScriptsAndAnchoredHeadings() {
        let html = HTMLWriter(css: "body{}").write(ReportDocument(title: "T", blocks: [
            .heading(level: 2, text: "Methods", anchor: "methods"), .paragraph(["Text with https://example.org"]),
        ]))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(html.contains("<h2 id=\"methods\">Methods</h2>"))
        #expect(html.contains("<a href=\"#methods\">Methods</a>"))
        #expect(!html.lowercased().contains("<script"))
    }
}

@Suite struct AbsoluteEffectTests {
    /// The randomized-trials review's Table 4: RR 4.94 (2.76 to 8.84) at 200 per 1000 → 788 more.
    @Test func riskRatioAsGRADEproComputesIt() throws {
        let effect = try #require(AbsoluteEffect(measure: "RR", estimate: 4.94, lower: 2.76, upper: 8.84, comparatorPer1000: 200))
        #expect(effect.differenceText == "788 more per 1000 (from 352 more to 800 more)")
        #expect(effect.comparatorText == "200 per 1000")
        let discomfort = try #require(AbsoluteEffect(measure: "RR", estimate: 4.06, lower: 1.18, upper: 13.95, comparatorPer1000: 167))
        #expect(discomfort.differenceText.hasPrefix("511 more per 1000"))
    }

    @Test func oddsAndHazardRatios() throws {
        // OR 0.5 at 100 per 1000: 0.5·0.1/(1 − 0.1 + 0.05) = 52.6 per 1000 → 47 fewer.
        let odds = try #require(AbsoluteEffect(measure: "OR", estimate: 0.5, lower: 0.25, upper: 1, comparatorPer1000: 100))
        #expect(odds.differenceText == "47 fewer per 1000 (from 73 fewer to 0 fewer)")
        // HR 2 at 100 per 1000: 1 − 0.9² = 190 per 1000 → 90 more.
        let hazard = try #require(AbsoluteEffect(measure: "HR", estimate: 2, lower: 2, upper: 2, comparatorPer1000: 100))
        #expect(abs(hazard.differencePer1000.0 - 90) < 1e-9)
        #expect(AbsoluteEffect(measure: "MD", estimate: 1, lower: 0, upper: 2, comparatorPer1000: 100) == nil)
    }
}

@Suite struct CertaintyProposalTests {
    @Test func ratesDownForEachConcern() {
        let clean = CertaintyProposal(I2: 10, crossesNoEffect: false, participants: 2000, events: 600, highRiskShare: 0, eggerP: 0.5, k: 12)
        #expect(clean.certainty == .high && clean.reasons.isEmpty)
        let imprecise = CertaintyProposal(I2: 80, crossesNoEffect: true, participants: 120, events: 40, highRiskShare: 0.6, eggerP: nil, k: 4)
        #expect(imprecise.certainty == .veryLow)
        #expect(imprecise.reasons.count == 4)
    }
}
