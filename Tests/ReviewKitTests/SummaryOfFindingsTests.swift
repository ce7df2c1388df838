import Foundation
import Testing
@testable import ReviewKit

/// A certainty rated down needs its reasons, or a word that the source gives none.
@Suite struct ReasonsForRatingDownTests {
    static func diagnostics(_ outcome: String) -> [Diagnostic] {
        let yaml = "title: T\nsummary_of_findings:\n  outcomes:\n    - outcome: Pain\n" + outcome
        let result = ReviewLoader().load(yaml: yaml, file: "review.yaml", directory: FileManager.default.temporaryDirectory)
        #expect(result.review != nil)
        return result.diagnostics
    }

    @Test func ratedDownWithoutReasonsIsAWarningAtTheCertainty() throws {
        let diagnostics = Self.diagnostics("      certainty: very low\n")
        let warning = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(warning.severity == .warning)
        #expect(warning.message == "the certainty is rated down to very low, but no reasons for rating down are given")
        #expect(warning.location.line == 5)
        #expect(warning.hint?.contains("reasons_not_reported") == true)
    }

    @Test(arguments: ["      certainty: low\n      downgrades: {imprecision: 1}\n",
                      "      certainty: moderate\n      footnotes: {imprecision: \"Fewer than 400 events.\"}\n",
                      "      certainty: low\n      reasons_not_reported: \"the GRADE table is a supplement, not in the text\"\n",
                      "      certainty: high\n",
                      "      studies: 2\n"])
    func reasonsOrAnAcknowledgementAreEnough(outcome: String) {
        #expect(Self.diagnostics(outcome).isEmpty)
    }

    @Test func reasonsPlusAnAcknowledgementIsAWarning() {
        let diagnostics = Self.diagnostics("      certainty: low\n      downgrades: {imprecision: 1}\n      reasons_not_reported: \"none given\"\n")
        #expect(diagnostics.map(\.message) == ["'reasons_not_reported' is given, but so are reasons for rating down ('downgrades' or 'footnotes')"])
        #expect(diagnostics.first?.location.line == 7)
    }

    @Test func anAcknowledgementWithoutRatingDownIsAWarning() {
        let diagnostics = Self.diagnostics("      certainty: high\n      reasons_not_reported: \"none given\"\n")
        #expect(diagnostics.map(\.message) == ["'reasons_not_reported' is given, but the certainty is not rated down"])
    }

    @Test func theAcknowledgementIsKept() throws {
        let yaml = "title: T\nsummary_of_findings:\n  outcomes:\n    - outcome: Pain\n      certainty: low\n      reasons_not_reported: \"in a supplement\"\n"
        let review = try #require(ReviewLoader().load(yaml: yaml, file: "review.yaml", directory: FileManager.default.temporaryDirectory).review)
        #expect(review.summaryOfFindings?.outcomes.first?.reasonsNotReported == "in a supplement")
    }
}
