import Foundation
import ReviewKit
import Testing
@testable import ReportKit

/// A review read from YAML text, with its analyses run, for the report's generated text.
struct LoadedReview {
    var review: Review
    var outcomes: [AnalysisOutcome]
    var warnings: [String]

    init(_ yaml: String) throws {
        let loaded = ReviewLoader().load(yaml: yaml, file: "review.yaml", directory: FileManager.default.temporaryDirectory)
        let review = try #require(loaded.review, "\(loaded.diagnostics.map(\.description))")
        self.review = review
        outcomes = try review.analyses.map { try $0.run() }
        warnings = loaded.diagnostics.map(\.message)
    }

    func outcome(_ id: String) throws -> AnalysisOutcome {
        try #require(outcomes.first { $0.analysis.id == id })
    }
}

@Suite struct MethodsTextTests {
    /// Given results say how their sources pooled them, from the stated model and method, without
    /// claiming the tool computed anything.
    @Test func givenResultsNameTheStatedModelAndMethod() throws {
        let loaded = try LoadedReview("""
            title: T
            analyses:
              - id: pain
                title: Pain
                measure: MD
                results: {model: random, method: DL, pooled: [{estimate: -1.83, ci_lower: -2.35, ci_upper: -1.31}]}
              - id: nausea
                title: Nausea
                measure: RR
                results: {model: random, method: DL, pooled: [{estimate: 3.52, ci_lower: 1.74, ci_upper: 7.14}]}
            """)
        let text = try #require(MethodsText.paragraph(for: loaded.review, outcomes: loaded.outcomes))
        #expect(text == "Results taken from published analyses are reported as given, without recomputation; their sources report them as random-effects (DerSimonian–Laird) meta-analyses of mean differences and risk ratios.")
    }

    @Test func differentMethodsAreListedApart() throws {
        let loaded = try LoadedReview("""
            title: T
            analyses:
              - id: pain
                title: Pain
                measure: MD
                results: {model: random, method: IV, pooled: [{estimate: -1.68, ci_lower: -2.39, ci_upper: -0.96}]}
              - id: scales
                title: Scales
                measure: SMD
                results: {model: random, method: IV, pooled: [{estimate: -0.02, ci_lower: -0.43, ci_upper: 0.39}]}
              - id: psychedelic
                title: Psychedelic
                measure: RR
                results: {model: common, method: M-H, pooled: [{estimate: 4.94, ci_lower: 2.76, ci_upper: 8.84}]}
            """)
        let text = try #require(MethodsText.paragraph(for: loaded.review, outcomes: loaded.outcomes))
        #expect(text.hasSuffix("their sources report them as random-effects (inverse-variance) meta-analyses of mean differences and standardised mean differences, and a common-effect (Mantel–Haenszel) meta-analysis of risk ratios."))
    }

    /// With neither model nor method in the file, nothing is claimed about them.
    @Test func nothingStatedNothingClaimed() throws {
        let loaded = try LoadedReview("""
            title: T
            analyses:
              - id: pain
                title: Pain
                measure: MD
                results: {pooled: [{estimate: -1.83, ci_lower: -2.35, ci_upper: -1.31}]}
            """)
        let text = try #require(MethodsText.paragraph(for: loaded.review, outcomes: loaded.outcomes))
        #expect(text == "Results taken from published analyses are reported as given, without recomputation.")
    }
}

@Suite struct ResultsSentenceTests {
    static func summary(k: Int? = nil, participants: Double? = nil, I2: Double? = nil, p: ReportedP? = nil) -> ResultsText.Summary {
        ResultsText.Summary(k: k, participants: participants, estimate: 5.92, lower: 2.95, upper: 11.89, I2: I2, p: p, label: "Total")
    }

    /// Every variant is a sentence with a verb, whatever is known of the pooled result.
    @Test func everyVariantHasAVerb() {
        #expect(ResultsText.statement(Self.summary(p: .below(0.00001)), effect: "risk ratio")
                == "The pooled risk ratio was 5.92 (95% CI 2.95 to 11.89; P < 0.00001).")
        #expect(ResultsText.statement(Self.summary(participants: 99), effect: "risk ratio")
                == "The pooled risk ratio (99 participants) was 5.92 (95% CI 2.95 to 11.89).")
        #expect(ResultsText.statement(Self.summary(k: 1), effect: "risk ratio")
                == "One study contributed to this analysis: risk ratio 5.92 (95% CI 2.95 to 11.89).")
        #expect(ResultsText.statement(Self.summary(k: 6, participants: 191, I2: 48.5, p: .exact(0.2)), effect: "risk ratio")
                == "Six studies (191 participants) contributed to this analysis: risk ratio 5.92 (95% CI 2.95 to 11.89; I² = 48%; P = 0.20).")
    }

    /// The chronic-pain review's psychotomimetic effects: no number of studies is given.
    @Test func givenResultWithoutStudiesReadsAsASentence() throws {
        let loaded = try LoadedReview("""
            title: T
            analyses:
              - id: psychotomimetic
                title: Psychotomimetic effects
                measure: RR
                results: {model: random, method: DL, pooled: [{estimate: 5.92, ci_lower: 2.95, ci_upper: 11.89, test: {p: "< 0.00001"}}]}
            """)
        #expect(ResultsText.sentence(try loaded.outcome("psychotomimetic")) == "The pooled risk ratio was 5.92 (95% CI 2.95 to 11.89; P < 0.00001).")
    }
}
