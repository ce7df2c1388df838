import Foundation
import ReviewKit
import Testing
@testable import ReportKit

/// The review file's top-level `figures` sets the options of the review-wide figures in the
/// report (PRISMA boxes as links, the risk-of-bias summary's colours), and naming an analysis for
/// the risk-of-bias weights weights the summary.
@Suite struct ReviewFigureOptionsTests {
    static func review(_ extra: String) throws -> Review {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("review-figures-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let yaml = """
            title: Review-wide figure options
            analyses:
              - id: main
                title: Main outcome
                measure: RR
                method: DL
                data:
                  - {study: A, exp_events: 2, exp_total: 40, ctrl_events: 8, ctrl_total: 40}
                  - {study: B, exp_events: 10, exp_total: 400, ctrl_events: 30, ctrl_total: 400}
            risk_of_bias:
              tool: ROB2
              studies:
                - {study: A, judgements: [Low, Low, Low, Low, High], overall: High}
                - {study: B, judgements: [Low, Low, Low, Low, Low], overall: Low}
            prisma:
              identification: {databases: 100, registers: 0}
              removed_before_screening: {duplicates: 10, automation: 0, other: 0}
              screened: 90
              excluded_screening: 80
              sought: 10
              not_retrieved: 0
              assessed: 10
              excluded_reports: {"Not randomised": 8}
              included_studies: 2
              included_reports: 2
            \(extra)
            """
        try yaml.write(to: folder.appendingPathComponent("review.yaml"), atomically: true, encoding: .utf8)
        let loaded = ReviewLoader().load(folder.appendingPathComponent("review.yaml"))
        return try #require(loaded.review, "\(loaded.diagnostics.map(\.description))")
    }

    static func svg(_ review: Review, _ name: String) throws -> String {
        let report = try ReviewRenderer.render(review, theme: ThemeLibrary.standard, options: ReportOptions(formats: [.html, .svg]))
        let data = try #require(report.files.first { $0.path == "figures/\(name).svg" }?.data)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func prismaBoxesBecomeLinksWhenTheReviewAsks() throws {
        #expect(!(try Self.svg(Self.review(""), "prisma-flow")).contains("<a "))
        let linked = try Self.svg(Self.review("figures:\n  - prisma-flow: {links: \"#prisma-{box}\"}"), "prisma-flow")
        #expect(linked.contains("<a href=\"#prisma-screened\""))
    }

    @Test func theRiskOfBiasSummaryIsWeightedWhenAnAnalysisIsNamed() throws {
        // Study B (Low in every domain) carries 82% of the analysis's weight; unweighted, each study is half.
        func shares(_ svg: String) -> Set<String> {
            Set(["18%", "82%"].filter { svg.contains(">\($0)<") })
        }
        #expect(shares(try Self.svg(Self.review(""), "rob-summary")).isEmpty)
        var review = try Self.review("")
        review.riskOfBias?.analysisID = "main"
        #expect(shares(try Self.svg(review, "rob-summary")) == ["18%", "82%"])
        // …unless the review's figures say otherwise.
        var explicit = try Self.review("figures:\n  - rob-summary: {weighted: false}")
        explicit.riskOfBias?.analysisID = "main"
        #expect(shares(try Self.svg(explicit, "rob-summary")).isEmpty)
    }
}
