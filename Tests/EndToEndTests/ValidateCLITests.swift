import Foundation
import Testing

/// `metareport validate` on the corpus of broken review files prints exactly the intended
/// messages (file, line or row, column or key; what is wrong; how to fix it) and exits with 3;
/// the examples validate cleanly.
@Suite struct ValidateCLITests {
    static let corpus = CLI.root.appendingPathComponent("Tests/Fixtures/invalid")
    static let cases: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
    static let examples: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("examples").path)) ?? [])
        .filter { FileManager.default.fileExists(atPath: CLI.root.appendingPathComponent("examples/\($0)/review.yaml").path) }.sorted()

    @Test(arguments: cases)
    func brokenReviewGivesItsMessage(name: String) throws {
        let folder = Self.corpus.appendingPathComponent(name)
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
        let run = try CLI.run(["validate", "review.yaml"], in: folder)
        #expect(run.status == 3)
        #expect(run.stderr == expected)
        #expect(run.stdout.isEmpty)
    }

    @Test(arguments: examples)
    func exampleValidates(name: String) throws {
        let run = try CLI.run(["validate", "examples/\(name)/review.yaml"], in: CLI.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "examples/\(name)/review.yaml: valid\n")
    }

    /// Figure ids and options are checked even when the data has errors: every problem at once.
    @Test func figureProblemsAreReportedBesideDataErrors() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try """
            title: Data errors do not hide figure errors
            analyses:
              - id: main
                title: Main outcome
                measure: RR
                method: DL
                figures:
                  - forrest
                  - funnel: {contour: true}
                data:
                  - {study: A, exp_events: 11, exp_total: 10, ctrl_events: 2, ctrl_total: 10}
                  - {study: B, exp_events: 3, exp_total: 12, ctrl_events: 4, ctrl_total: 11}

            """.write(to: folder.appendingPathComponent("review.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["validate", "review.yaml"], in: folder)
        #expect(run.status == 3)
        #expect(run.stderr == """
            review.yaml:11:32: column exp_events: error: 11 events is more than the arm's total of 10
                Check that the events and total columns are not swapped.
            review.yaml:8:9: error: unknown figure 'forrest'
                Did you mean 'forest'?
            review.yaml:9:18: error: the figure 'funnel' has no option 'contour'
                Did you mean 'contours'?
            review.yaml: 3 errors

            """)
    }

    /// Two analyses reading one data file: its problems are reported once.
    @Test func aSharedDataFilesProblemsAreReportedOnce() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "study,exp_events,exp_total,ctrl_events,ctrl_total\nA,11,10,2,10\nB,3,12,4,11\n"
            .write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        try "title: T\nanalyses:\n  - {id: a, title: A, measure: RR, method: DL, data: d.csv}\n  - {id: b, title: B, measure: OR, method: DL, data: d.csv}\n"
            .write(to: folder.appendingPathComponent("review.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["validate", "review.yaml"], in: folder)
        #expect(run.status == 3)
        #expect(run.stderr == "d.csv:row 2, column exp_events: error: 11 events is more than the arm's total of 10\n    Check that the events and total columns are not swapped.\nreview.yaml: 1 error\n")
    }

    /// CSV-only settings with a review file are refused, not silently ignored.
    @Test func csvSettingsWithAReviewFileAreUsageErrors() throws {
        for command in [["analyze", "examples/bcg-vaccine/review.yaml", "--measure", "RR", "--hksj"],
                        ["figure", "forest", "examples/bcg-vaccine/review.yaml", "--method", "DL", "-o", "/tmp/never-written.svg"]] {
            let run = try CLI.run(command, in: CLI.root)
            #expect(run.status == 2)
            #expect(run.stderr.contains("take their settings from the review file"), "\(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.svg"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let run = try CLI.run(["validate"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Missing expected argument"))
        #expect(try CLI.run(["no-such-command"]).status == 2)
    }
}
