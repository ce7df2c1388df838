import Foundation
import MetaAnalysis
import Testing
@testable import ReviewKit

@Suite struct InvalidReviewCorpusTests {
    /// Every folder of Tests/Fixtures/invalid holds a broken review and, in expected.txt, exactly
    /// what `metareport validate review.yaml` prints for it (its last line is the CLI's summary).
    static let cases = Paths.folders(in: Paths.fixtures.appendingPathComponent("invalid")).map(\.lastPathComponent)

    @Test func corpusIsThere() {
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func reportsTheIntendedMessage(name: String) throws {
        let folder = Paths.fixtures.appendingPathComponent("invalid/\(name)")
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).dropLast(2).joined(separator: "\n")
        let text = try String(contentsOf: folder.appendingPathComponent("review.yaml"), encoding: .utf8)
        let result = ReviewLoader().load(yaml: text, file: "review.yaml", directory: folder)
        #expect(result.review == nil)
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(!errors.isEmpty)
        #expect(result.diagnostics.map(\.description).joined(separator: "\n") == expected)
        // Every message names its file and a line, a row, or a column.
        for diagnostic in result.diagnostics {
            let place = diagnostic.location
            #expect(!place.file.isEmpty)
            #expect(place.line != nil || place.row != nil || place.columnName != nil || name.contains("empty"),
                    "\(diagnostic) names no line, row or column")
        }
    }
}

@Suite struct ReviewLoaderTests {
    func load(_ yaml: String, in directory: URL = FileManager.default.temporaryDirectory) -> ReviewLoader.Result {
        ReviewLoader().load(yaml: yaml, file: "review.yaml", directory: directory)
    }

    @Test func readsSpreadsheetExportsInlineRowsGivenResultsAndMergeKeys() throws {
        let folder = Paths.fixtures.appendingPathComponent("valid/spreadsheet-export")
        let result = ReviewLoader().load(folder.appendingPathComponent("review.yaml"), displayPath: "review.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let review = try #require(result.review)
        #expect(review.analyses.map(\.id) == ["binary", "binary-mh", "generic", "inline", "given"])

        guard case .studies(let binary) = review.analyses[0].content else { Issue.record("no studies"); return }
        #expect(binary.map(\.label) == ["Müller; Schmidt, 2001", "García\n(multi-centre)", "O'Brien 2005"])
        #expect(binary[0].data == .binary(expEvents: 4, expTotal: 123, ctrlEvents: 11, ctrlTotal: 139))
        #expect(review.analyses[1].method == .MH)
        #expect(review.analyses[1].measure == .RR)

        guard case .studies(let generic) = review.analyses[2].content else { Issue.record("no studies"); return }
        #expect(generic[0].data == .genericSE(yi: -0.25, se: 0.12))
        #expect(generic[0].moderator == 1.5)

        #expect(review.analyses[3].hksj)
        guard case .given(let given) = review.analyses[4].content else { Issue.record("not given"); return }
        #expect(given.studies.count == 2)
        #expect(given.pooled.last?.p == .below(0.00001))
        #expect(given.pooled.first?.subgroup == "short")

        let rob = try #require(review.riskOfBias)
        #expect(rob.tool.id == "ROB1")
        #expect(rob.studies[0].judgements == [.low, .low, .moderate, .moderate, .high, .high, nil])
        #expect(rob.studies[0].overall == .high)
    }

    @Test func findsEveryProblemAtOnce() {
        let folder = Paths.fixtures.appendingPathComponent("invalid/several-problems")
        let result = ReviewLoader().load(folder.appendingPathComponent("review.yaml"))
        #expect(result.diagnostics.filter { $0.severity == .error }.count == 4)
    }

    @Test func suggestsTheNearestKey() {
        #expect(YAMLMapping.suggestion(for: "mesure", among: ReviewParser.analysisKeys) == "Did you mean 'measure'?")
        #expect(YAMLMapping.suggestion(for: "subgrup", among: ReviewParser.analysisKeys) == "Did you mean 'subgroup'?")
        #expect(YAMLMapping.suggestion(for: "zzzzzzzz", among: ["title"]) == "Valid keys here: title.")
    }

    /// Ten levels of ten aliases each: 10^10 values if expanded.
    static let laughs: String = {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        return yaml
    }()

    @Test func exponentialAliasesAreNotExpanded() {
        let result = load(Self.laughs + "title: laughs\nanalyses: *a9\nsummary: *a9\n")
        #expect(result.review == nil)
        #expect(result.diagnostics.contains { $0.message == "unknown key 'a0' in the review file" })
        #expect(result.diagnostics.contains { $0.message.hasPrefix("an analysis must be a mapping") })
    }

    @Test(arguments: ["summary: {? *a9 : x}\n", "summary:\n  *a9 : x\n", "summary: {*a8 : y}\n"])
    func aliasKeysAreRefused(tail: String) {
        let result = load(Self.laughs + "title: laughs\n" + tail)
        #expect(result.diagnostics.map(\.message) == ["an alias (*name) is used as a mapping key"])
    }

    @Test func refusesDeepNesting() {
        let yaml = "title: deep\nsummary: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let result = load(yaml)
        #expect(result.diagnostics.first?.message.contains("nests brackets more than 64 levels") == true)
        #expect(result.diagnostics.first?.location.line == 2)
    }

    @Test func keepsApostrophesInPlainValues() {
        let result = load("title: Hedges' g [pooled] {all}\nsummary: it's fine\n")
        #expect(result.diagnostics.isEmpty)
        #expect(result.review?.title == "Hedges' g [pooled] {all}")
    }

    @Test func warnsWhenPrismaCountsDoNotAddUp() {
        let yaml = """
            title: Flow
            prisma:
              identification: {databases: 100}
              removed_before_screening: {duplicates: 10}
              screened: 80
              excluded_screening: 60
              sought: 20
              assessed: 20
              excluded_reports: {Wrong design: 5}
              included_studies: 15
              included_reports: 15
            """
        let result = load(yaml)
        #expect(result.review != nil)
        #expect(result.diagnostics.map(\.message) == ["screened is 80, but records identified (100) − removed before screening (10) = 90"])
        #expect(result.diagnostics.first?.severity == .warning)
        let strict = ReviewLoader(options: .init(strict: true)).load(yaml: yaml, file: "review.yaml",
                                                                    directory: FileManager.default.temporaryDirectory)
        #expect(strict.review == nil)
    }
}

@Suite struct ExampleReviewTests {
    static let examples = Paths.exampleReviews.map(\.lastPathComponent)

    @Test(arguments: examples)
    func exampleIsValid(name: String) {
        let file = Paths.examples.appendingPathComponent("\(name)/review.yaml")
        let result = ReviewLoader().load(file, displayPath: "examples/\(name)/review.yaml")
        #expect(result.review != nil)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
    }
}
