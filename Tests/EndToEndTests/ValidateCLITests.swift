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

    @Test func usageErrorsExitWithTwo() throws {
        let run = try CLI.run(["validate"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("Missing expected argument"))
        #expect(try CLI.run(["no-such-command"]).status == 2)
    }
}
