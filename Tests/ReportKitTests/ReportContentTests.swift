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

@Suite struct SubgroupResultsTests {
    /// The randomized-trials review's Figure 4: three time points, no overall row.
    static let yaml = """
        title: T
        analyses:
          - id: pain-after-treatment
            title: Pain after treatment
            measure: MD
            results:
              model: random
              method: IV
              pooled:
                - {subgroup: 1 week after treatment, estimate: -2.14, ci_lower: -2.65, ci_upper: -1.63, k: 5, participants: 182, heterogeneity: {I2: 79}, test: {p: "< 0.00001"}}
                - {subgroup: 2 weeks after treatment, estimate: -1.30, ci_lower: -2.04, ci_upper: -0.57, k: 5, participants: 152, heterogeneity: {I2: 84}, test: {p: 0.0005}}
                - {subgroup: High dose, estimate: -2.11, ci_lower: -2.87, ci_upper: -1.35}
              subgroup_differences: {I2: 45}
        """

    @Test func eachSubgroupGetsASentenceFromItsNumbers() throws {
        let loaded = try LoadedReview(Self.yaml)
        let blocks = ResultsText.blocks(try loaded.outcome("pain-after-treatment"))
        let markdown = MarkdownWriter().write(ReportDocument(title: "T", blocks: blocks))
        #expect(markdown.contains("This analysis is reported by subgroup only, with no overall pooled result:"))
        #expect(markdown.contains("- 1 week after treatment: five studies (182 participants) gave a pooled mean difference of −2.14 (95% CI −2.65 to −1.63; I² = 79%; P &lt; 0.00001)."))
        #expect(markdown.contains("- 2 weeks after treatment: five studies (152 participants) gave a pooled mean difference of −1.30 (95% CI −2.04 to −0.57; I² = 84%; P = 0.0005)."))
        #expect(markdown.contains("- High dose: the pooled mean difference was −2.11 (95% CI −2.87 to −1.35)."))
        #expect(markdown.contains("The test for subgroup differences gave I² = 45%."))
    }

    /// The report puts them in the analysis's section.
    @Test func theReportCarriesThem() throws {
        let loaded = try LoadedReview(Self.yaml)
        let document = ReportBuilder(review: loaded.review, outcomes: loaded.outcomes, figures: [], options: ReportOptions()).document()
        let markdown = MarkdownWriter().write(document)
        #expect(markdown.contains("1 week after treatment: five studies (182 participants) gave a pooled mean difference of −2.14"))
    }
}

@Suite struct SummaryOfFindingsWordingTests {
    /// GRADEpro words continuous differences with a direction on every number, never a minus sign.
    @Test func continuousDifferencesReadWithoutDoubleNegatives() {
        let lower = EffectWithCI(measure: "MD", estimate: -2.14, lower: -2.65, upper: -1.63, unit: "points")
        #expect(SummaryOfFindingsTable.continuousDifference(lower) == "MD 2.14 points lower (2.65 lower to 1.63 lower)")
        let higher = EffectWithCI(measure: "MD", estimate: 1.2, lower: 0.4, upper: 2)
        #expect(SummaryOfFindingsTable.continuousDifference(higher) == "MD 1.20 higher (0.40 higher to 2.00 higher)")
        let mixed = EffectWithCI(measure: "SMD", estimate: -0.55, lower: -1.14, upper: 0.05, unit: "SD")
        #expect(SummaryOfFindingsTable.continuousDifference(mixed) == "SMD 0.55 SD lower (1.14 lower to 0.05 higher)")
        // An SMD given without a unit is in standard deviations, as GRADEpro writes it.
        let smd = EffectWithCI(measure: "SMD", estimate: -0.44, lower: -0.64, upper: -0.24)
        #expect(SummaryOfFindingsTable.continuousDifference(smd) == "SMD 0.44 SD lower (0.64 lower to 0.24 lower)")
        let none = EffectWithCI(measure: "MD", estimate: 0.001, lower: -0.5, upper: 0, unit: "points")
        #expect(SummaryOfFindingsTable.continuousDifference(none) == "MD 0.00 points (0.50 lower to 0.00)")
    }

    /// The table's cell for the neuropathic-pain review's first pain row.
    @Test func theTableUsesIt() throws {
        let loaded = try LoadedReview("""
            title: T
            summary_of_findings:
              outcomes:
                - outcome: Pain at one week
                  studies: 5
                  participants: 182
                  absolute: {measure: MD, estimate: -2.14, ci_lower: -2.65, ci_upper: -1.63, unit: points}
                  certainty: low
                  downgrades: {inconsistency: 1, imprecision: 1}
            """)
        let sof = try #require(loaded.review.summaryOfFindings)
        let table = SummaryOfFindingsTable.table(sof, review: loaded.review, outcomes: loaded.outcomes)
        let markdown = MarkdownWriter().write(ReportDocument(title: "T", blocks: [.table(table)]))
        #expect(markdown.contains("| MD 2.14 points lower (2.65 lower to 1.63 lower) |"))
    }
}

@Suite struct AssumedComparatorRiskTests {
    static func table(_ outcomeYAML: String, analyses: String = "") throws -> ReportTable {
        let loaded = try LoadedReview("title: T\n" + analyses + "summary_of_findings:\n  outcomes:\n" + outcomeYAML)
        let sof = try #require(loaded.review.summaryOfFindings)
        return SummaryOfFindingsTable.table(sof, review: loaded.review, outcomes: loaded.outcomes)
    }

    static func text(_ cell: [Inline]) -> String {
        cell.map { if case .text(let t) = $0 { return t } else { return "" } }.joined()
    }

    /// Events but no comparator_risk_per_1000: the control-group risk, 8/134 = 59.7 per 1000, is
    /// assumed (GRADEpro's default) and the explanation says so.
    @Test func controlGroupRiskIsTheDefault() throws {
        let table = try Self.table("""
                - outcome: Psychedelic effects
                  events: {experimental: 56, experimental_total: 132, control: 8, control_total: 134}
                  relative: {measure: RR, estimate: 4.94, ci_lower: 2.76, ci_upper: 8.84}
                  certainty: high
            """)
        let row = try #require(table.rows.first)
        #expect(Self.text(row[1]) == "60 per 1000")
        // 59.70 × 4.94 − 59.70 = 235.2; × 2.76 → 105.1; × 8.84 → 468.1.
        #expect(Self.text(row[2]) == "235 more per 1000 (from 105 more to 468 more)")
        let note = try #require(table.footnotes.first { $0.text.hasPrefix("Assumed risk with the comparator") })
        #expect(note.text.contains("8/134 = 60 per 1000"))
        #expect(row[1].contains(.footnote(id: note.id)))
    }

    /// The events of a given analysis's overall row count too.
    @Test func eventsComeFromTheLinkedAnalysis() throws {
        let table = try Self.table("""
                - outcome: Discomfort
                  analysis: discomfort
                  certainty: high
            """, analyses: """
            analyses:
              - id: discomfort
                title: Discomfort
                measure: RR
                results:
                  pooled: [{estimate: 4.06, ci_lower: 1.18, ci_upper: 13.95, events: {experimental: 12, experimental_total: 20, control: 2, control_total: 20}}]

            """)
        let row = try #require(table.rows.first)
        #expect(Self.text(row[1]) == "100 per 1000")
        #expect(Self.text(row[2]).hasPrefix("306 more per 1000"))
    }

    /// A stated comparator risk wins, and no explanation is added.
    @Test func statedRiskWins() throws {
        let table = try Self.table("""
                - outcome: Psychedelic effects
                  events: {experimental: 56, experimental_total: 132, control: 8, control_total: 134}
                  relative: {measure: RR, estimate: 4.94, ci_lower: 2.76, ci_upper: 8.84}
                  comparator_risk_per_1000: 200
                  certainty: high
            """)
        #expect(Self.text(table.rows[0][1]) == "200 per 1000")
        #expect(!table.footnotes.contains { $0.text.hasPrefix("Assumed risk") })
    }
}

@Suite struct TableExplanationTests {
    static let document = ReportDocument(title: "T", blocks: [
        .table(ReportTable(id: "sof", caption: "Summary of findings", header: ["Outcome", "Certainty"],
                           rows: [[["Pain"], [.text("⊕⊕◯◯ LOW"), .footnote(id: "sof-1"), .footnote(id: "sof-2")]],
                                  [["Nausea"], [.text("⊕⊕⊕◯ MODERATE"), .footnote(id: "sof-2")]]],
                           footnotes: [("sof-1", "Inconsistency (serious): I² > 60%."), ("sof-2", "Imprecision (serious): fewer than 400 patients.")],
                           note: "GRADE certainty: …")),
        .heading(level: 2, text: "Characteristics of included studies", anchor: "characteristics"),
        .paragraph(["A long table follows."]),
    ])

    /// Lettered, comma-separated references in the cells; the explanations right under the table,
    /// not at the end of the document.
    @Test func markdownLettersTheExplanationsUnderTheTable() {
        let markdown = MarkdownWriter().write(Self.document)
        #expect(markdown.contains("| Pain | ⊕⊕◯◯ LOW<sup>a,b</sup> |"))
        #expect(markdown.contains("| Nausea | ⊕⊕⊕◯ MODERATE<sup>b</sup> |"))
        #expect(markdown.contains("**Explanations**\n\n- <sup>a</sup> Inconsistency (serious): I² \\> 60%.\n- <sup>b</sup> Imprecision (serious): fewer than 400 patients."))
        let explanations = markdown.range(of: "**Explanations**")
        let nextSection = markdown.range(of: "## Characteristics")
        #expect(explanations != nil && nextSection != nil && explanations!.lowerBound < nextSection!.lowerBound)
        #expect(!markdown.contains("[^"))
    }

    @Test func htmlShowsTheSameAsSuperscripts() {
        let html = HTMLWriter(css: "").write(Self.document)
        #expect(html.contains("⊕⊕◯◯ LOW<sup>a,b</sup>"))
        #expect(html.contains("<li><sup>a</sup> Inconsistency (serious): I² &gt; 60%.</li>"))
        #expect(!html.contains("footnote"))
        let list = html.range(of: "<li><sup>a</sup>")
        let heading = html.range(of: "<h2 id=\"characteristics\"")
        #expect(list != nil && heading != nil && list!.lowerBound < heading!.lowerBound)
    }

    /// Only the writer's own superscripts survive: user text that spells one reads literally.
    @Test func userTextCannotMakeASuperscript() {
        let document = ReportDocument(title: "T", blocks: [
            .table(ReportTable(id: "t", caption: "c", header: ["a"], rows: [[["x<sup>1</sup>"]]],
                               footnotes: [("n", "<sup>2</sup>")])),
        ])
        let html = HTMLWriter(css: "").write(document)
        #expect(html.contains("x&lt;sup&gt;1&lt;/sup&gt;"))
        #expect(html.contains("<li><sup>a</sup> &lt;sup&gt;2&lt;/sup&gt;</li>"))
    }

    /// The letters after z.
    @Test func lettersGoOnAfterZ() {
        #expect((0..<3).map(MarkdownWriter.footnoteLetter) == ["a", "b", "c"])
        #expect(MarkdownWriter.footnoteLetter(25) == "z")
        #expect(MarkdownWriter.footnoteLetter(26) == "aa")
        #expect(MarkdownWriter.footnoteLetter(27) == "ab")
    }
}

@Suite struct ReasonsNotReportedTests {
    /// The acknowledgement is the certainty's explanation, so the reader sees why none is given.
    @Test func theTableExplainsTheMissingReasons() throws {
        let loaded = try LoadedReview("""
            title: T
            summary_of_findings:
              outcomes:
                - outcome: Pain
                  absolute: {measure: SMD, estimate: -0.44, ci_lower: -0.64, ci_upper: -0.24}
                  certainty: low
                  reasons_not_reported: "the paper's GRADE table is a supplement that is not part of its text."
            """)
        #expect(loaded.warnings.isEmpty)
        let sof = try #require(loaded.review.summaryOfFindings)
        let table = SummaryOfFindingsTable.table(sof, review: loaded.review, outcomes: loaded.outcomes)
        let markdown = MarkdownWriter().write(ReportDocument(title: "T", blocks: [.table(table)]))
        #expect(markdown.contains("⊕⊕◯◯ LOW<sup>a</sup>"))
        #expect(markdown.contains("- <sup>a</sup> Reasons for rating down not reported: the paper's GRADE table is a supplement that is not part of its text."))
    }
}

@Suite struct PrintStylesheetTests {
    /// On screen wide tables scroll (display: block; overflow-x: auto); printed, that cuts them off,
    /// so the print stylesheet makes them page-wide tables that wrap their text.
    @Test func tablesWrapToThePageWhenPrinted() throws {
        let css = ReportCSS.css(for: ThemeLibrary.standard)
        let print = try #require(css.range(of: "@media print {")).upperBound
        let rules = String(css[print...])
        let table = try #require(rules.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("table {") })
        for declaration in ["display: table", "width: 100%", "overflow: visible", "font-size: 8pt"] {
            #expect(table.contains(declaration), "print table rule lacks \(declaration): \(table)")
        }
        // word-wrap is an alias of overflow-wrap: written after it, it would undo "anywhere".
        let cells = try #require(rules.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("th, td {") })
        let anywhere = try #require(cells.range(of: "overflow-wrap: anywhere"))
        #expect(cells.range(of: "word-wrap", range: anywhere.upperBound..<cells.endIndex) == nil)
        // A table longer than a page may break between rows, not be pushed whole to the next page.
        #expect(!rules.contains("figure, table { break-inside: avoid; }"))
    }
}
