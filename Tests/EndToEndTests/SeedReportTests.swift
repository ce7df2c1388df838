import Foundation
import Testing

/// The examples rebuilt from the seed papers render reports whose numbers match the papers, and
/// the generated sentences and GRADE arithmetic say what the numbers say.
@Suite struct SeedReportTests {
    static func report(_ example: String) throws -> String {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["render", "examples/\(example)/review.yaml", "-o", folder.path, "--format", "md", "-q"], in: CLI.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("figures").path))
        return try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
    }

    /// The randomized-trials review's Table 4: psychedelic effects 8/134 vs 56/132, RR 4.94
    /// (2.76–8.84), 200 per 1000 → 788 more per 1000, LOW; discomfort 2/20 vs 12/20, 167 per
    /// 1000 → 511 more.
    @Test func neuropathicPainSummaryOfFindingsMatchesTable4() throws {
        let markdown = try Self.report("ketamine-neuropathic-pain")
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| **Psychedelic effects**") })
        for fragment in ["200 per 1000", "788 more per 1000 (from 352 more to 800 more)", "RR 4.94 (2.76 to 8.84)",
                         "266 (9 studies)", "events 8/134", "vs 56/132", "⊕⊕◯◯ LOW"] {
            #expect(row.contains(fragment), "missing \(fragment) in \(row)")
        }
        let discomfort = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| **Discomfort**") })
        #expect(discomfort.contains("167 per 1000") && discomfort.contains("511 more per 1000") && discomfort.contains("RR 4.06 (1.18 to 13.95)"))
    }

    /// The 2019 review's primary result, as its text gives it.
    @Test func chronicPainSentenceSaysWhatThePaperSays() throws {
        let markdown = try Self.report("ketamine-chronic-pain")
        #expect(markdown.contains("Six studies (191 participants) contributed to this analysis: mean difference −1.83 (95% CI −2.35 to −1.31; I² = 48%"))
    }

    /// A computed analysis: the sentence carries the engine's numbers (BCG, REML).
    @Test func computedSentenceCarriesTheEngineNumbers() throws {
        let markdown = try Self.report("bcg-vaccine")
        #expect(markdown.contains("13 studies (357,347 participants) contributed to this analysis: risk ratio 0.49 (95% CI 0.34 to 0.70; I² = 92%; P &lt; 0.0001). The 95% prediction interval was 0.13 to 1.78."))
        #expect(markdown.contains("Random-effects meta-analysis of risk ratios with the restricted maximum-likelihood (REML) estimator of τ²"))
    }
}
