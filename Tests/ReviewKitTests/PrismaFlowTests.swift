import Foundation
import Testing
@testable import ReviewKit

/// PRISMA counts: every kind of inconsistency is caught, acknowledged ones become notes, and the
/// CSV reader fills the same model with errors that name the row and column.
@Suite struct PrismaArithmeticTests {
    /// An updated review with both columns whose counts all add up.
    static let consistent = PrismaFlow(
        previous: .init(studies: 10, reports: 12),
        databases: [.init(label: "MEDLINE", count: 800), .init(label: "Embase", count: 604)],
        registers: [.init(label: "", count: 12)],
        removedDuplicates: 7, removedAutomation: 3, screened: 1406, excludedScreening: 1358, sought: 48, notRetrieved: 2,
        assessed: 46, excludedReports: [.init(label: "Wrong population", count: 10), .init(label: "Not randomised", count: 14)],
        otherMethods: .init(identified: [.init(label: "websites", count: 3), .init(label: "citation_searching", count: 5)],
                            sought: 8, notRetrieved: 1, assessed: 7, excludedReports: [.init(label: "Wrong design", count: 2)]),
        includedStudies: 36, includedReports: 39, metaAnalysisStudies: 30, location: SourceLocation(file: "t"))

    @Test func consistentCountsHaveNoProblems() {
        #expect(Self.consistent.arithmeticProblems().isEmpty)
    }

    /// One change that breaks one rule, the key it must be reported at, and words of the message.
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout PrismaFlow) -> Void
        let key: String
        let words: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "screened ≠ identified − removed", change: { $0.removedOther = 6 }, key: "screened",
             words: "screened is 1406, but records identified (1416) − removed before screening (16) = 1400"),
        Case(name: "removed exceed identified", change: { $0.screened = nil; $0.removedOther = 2000 }, key: "removed_before_screening",
             words: "records removed before screening (2010) exceed the records identified (1416)"),
        Case(name: "sought ≠ screened − excluded", change: { $0.excludedScreening = 1350 }, key: "sought",
             words: "sought is 48, but records screened (1406) − excluded (1350) = 56"),
        Case(name: "excluded exceed screened", change: { $0.sought = nil; $0.excludedScreening = 1500 }, key: "excluded_screening",
             words: "records excluded (1500) exceed the records screened (1406)"),
        Case(name: "sought exceed screened", change: { $0.excludedScreening = nil; $0.sought = 1500; $0.assessed = nil }, key: "sought",
             words: "reports sought (1500) exceed the records screened (1406)"),
        Case(name: "assessed ≠ sought − not retrieved", change: { $0.notRetrieved = 1 }, key: "assessed",
             words: "assessed is 46, but reports sought (48) − not retrieved (1) = 47"),
        Case(name: "not retrieved exceed sought", change: { $0.assessed = nil; $0.notRetrieved = 50 }, key: "not_retrieved",
             words: "reports not retrieved (50) exceed the reports sought (48)"),
        Case(name: "excluded reports exceed assessed", change: { $0.excludedReports.append(.init(label: "Other", count: 30)) }, key: "excluded_reports",
             words: "reports excluded (54) exceed the reports assessed (46)"),
        Case(name: "other: sought exceed identified", change: { $0.otherMethods?.identified = [.init(label: "", count: 6)] }, key: "other_methods.sought",
             words: "other methods: reports sought (8) exceed the records identified (6)"),
        Case(name: "other: assessed ≠ sought − not retrieved", change: { $0.otherMethods?.notRetrieved = 0 }, key: "other_methods.assessed",
             words: "other methods: assessed is 7, but reports sought (8) − not retrieved (0) = 8"),
        Case(name: "other: not retrieved exceed sought", change: { $0.otherMethods?.notRetrieved = 9; $0.otherMethods?.assessed = nil }, key: "other_methods.not_retrieved",
             words: "other methods: reports not retrieved (9) exceed the reports sought (8)"),
        Case(name: "other: excluded exceed assessed", change: { $0.otherMethods?.excludedReports = [.init(label: "", count: 8)] }, key: "other_methods.excluded_reports",
             words: "other methods: reports excluded (8) exceed the reports assessed (7)"),
        Case(name: "previous studies exceed their reports", change: { $0.previous?.reports = 9; $0.includedReports = 36 }, key: "previous",
             words: "previous version: studies (10) exceed their reports (9)"),
        Case(name: "studies exceed reports", change: { $0.includedStudies = 40 }, key: "included_studies",
             words: "included studies (40) exceed the reports of included studies (39)"),
        Case(name: "fewer studies than the previous version", change: { $0.includedStudies = 9; $0.metaAnalysisStudies = nil }, key: "included_studies",
             words: "included studies (9) are fewer than the previous version's (10)"),
        Case(name: "included reports ≠ eligible", change: { $0.includedReports = 41 }, key: "included_reports",
             words: "included reports is 41, but reports assessed (46) − excluded (24) + other methods: assessed (7) − excluded (2) + previous reports (12) = 39"),
        Case(name: "studies exceed eligible reports", change: { $0.includedReports = nil; $0.includedStudies = 40 }, key: "included_studies",
             words: "included studies (40) exceed the eligible reports"),
        Case(name: "fewer reports than the known part", change: { $0.otherMethods?.assessed = nil; $0.includedReports = 33; $0.includedStudies = 33 }, key: "included_reports",
             words: "included reports (33) are fewer than reports assessed (46) − excluded (24) + previous reports (12) = 34"),
        Case(name: "more reports than possible", change: { $0.otherMethods?.assessed = nil; $0.includedReports = 42 }, key: "included_reports",
             words: "included reports (42) exceed reports assessed (46) − excluded (24) + previous reports (12) + at most 7 from other methods = 41"),
        Case(name: "meta-analysis exceeds included", change: { $0.metaAnalysisStudies = 37 }, key: "meta_analysis_studies",
             words: "studies in the meta-analysis (37) exceed the studies included (36)"),
    ]

    @Test(arguments: cases)
    func eachKindOfInconsistencyIsCaught(_ test: Case) {
        var flow = Self.consistent
        test.change(&flow)
        let problems = flow.arithmeticProblems()
        #expect(problems.map(\.key) == [test.key], "\(problems.map(\.message))")
        #expect(problems.first?.message.hasPrefix(test.words) == true, "\(problems.map(\.message))")
    }

    @Test func missingCountsAreNotGuessed() {
        let flow = PrismaFlow(databases: [.init(label: "", count: 184)], registers: [], excludedReports: [],
                              includedStudies: 20, includedReports: 20, metaAnalysisStudies: 6, location: SourceLocation(file: "t"))
        #expect(flow.arithmeticProblems().isEmpty)
    }
}

@Suite struct PrismaReviewFileTests {
    func load(_ prisma: String, strict: Bool = false) -> ReviewLoader.Result {
        ReviewLoader(options: .init(strict: strict)).load(yaml: "title: Flow\nprisma:\n" + prisma, file: "review.yaml",
                                                          directory: FileManager.default.temporaryDirectory)
    }

    static let inconsistent = """
          identification: {databases: 1404}
          removed_before_screening: {duplicates: 7}
          screened: 1404
          sought: 39
          assessed: 32
          excluded_reports: {"Not eligible": 14}
          included_studies: 18
          included_reports: 18

        """

    @Test func unacknowledgedProblemsAreWarningsAndErrorsWhenStrict() {
        let result = load(Self.inconsistent)
        #expect(result.diagnostics.map(\.severity) == [.warning, .warning])
        #expect(result.diagnostics.map(\.location.line) == [5, 7])
        #expect(result.diagnostics[0].description.contains("review.yaml:5:13: warning: screened is 1404"))
        #expect(load(Self.inconsistent, strict: true).review == nil)
    }

    @Test func acknowledgedProblemsAreNotesEvenWhenStrict() throws {
        let prisma = Self.inconsistent + "  acknowledge_inconsistencies: \"the paper removed duplicates after screening\"\n"
        for strict in [false, true] {
            let result = load(prisma, strict: strict)
            #expect(result.diagnostics.map(\.severity) == [.note, .note])
            #expect(!result.diagnostics.hasErrors)
            #expect(result.diagnostics[0].description.hasPrefix("review.yaml:5:13: note: screened is 1404"))
            #expect(result.diagnostics[0].hint == "Acknowledged: the paper removed duplicates after screening")
            let flow = try #require(result.review?.prisma)
            #expect(flow.acknowledgedInconsistencies == "the paper removed duplicates after screening")
        }
    }

    @Test func anAcknowledgementWithNothingToAcknowledgeIsAWarning() {
        let result = load("  identification: {databases: 10}\n  screened: 10\n  acknowledge_inconsistencies: old reason\n")
        #expect(result.diagnostics.map(\.message) == ["'acknowledge_inconsistencies' is given, but the counts add up"])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.location.line == 5)
        #expect(load("  screened: 10\n  acknowledge_inconsistencies: \" \"\n").diagnostics.map(\.message) == ["'acknowledge_inconsistencies' is empty"])
    }

    @Test func nestedKeysAreReportedWhereTheyAreWritten() {
        let result = load("""
              other_methods:
                identified: {websites: 3}
                sought: 3
                not_retrieved: 0
                assessed: 2

            """)
        #expect(result.diagnostics.map(\.message) == ["other methods: assessed is 2, but reports sought (3) − not retrieved (0) = 3"])
        #expect(result.diagnostics.first?.location.line == 7)
        #expect(result.diagnostics.first?.location.column == 15)
    }

    @Test func totalsAreUnlabelledAndBreakdownsKeepTheirLabels() throws {
        let result = load("  identification: {databases: {MEDLINE: 800, Embase: 604}, registers: 12}\n  excluded_reports: 14\n")
        let flow = try #require(result.review?.prisma)
        #expect(flow.databases.map(\.label) == ["MEDLINE", "Embase"])
        #expect(flow.registers == [.init(label: "", count: 12)])
        #expect(flow.excludedReports == [.init(label: "", count: 14)])
        #expect(flow.identifiedTotal == 1416)
    }
}

@Suite struct PrismaFileTests {
    func read(_ csv: String, name: String = "prisma.csv") -> ReviewLoader.Result {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prisma-\(UUID().uuidString).csv")
        try? Data(csv.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return PrismaFile.review(url, shownAs: name)
    }

    static let full = """
        box,count
        database:MEDLINE,800
        database:Embase,604
        registers,12
        duplicates,7
        automation,3
        screened,1406
        excluded_screening,1358
        sought,48
        not_retrieved,2
        assessed,46
        excluded_reason:Wrong population,10
        excluded_reason:Not randomised,14
        other_source:websites,3
        other_source:citation_searching,5
        other_sought,8
        other_not_retrieved,1
        other_assessed,7
        other_excluded_reason:Wrong design,2
        previous_studies,10
        previous_reports,12
        included_studies,36
        included_reports,39
        meta_analysis_studies,30
        """

    @Test func readsTheSameModelAsAReviewFile() throws {
        let result = read(Self.full)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let flow = try #require(result.review?.prisma)
        let expected = PrismaArithmeticTests.consistent
        #expect(flow.databases == expected.databases && flow.registers == expected.registers)
        #expect(flow.excludedReports == expected.excludedReports && flow.otherMethods == expected.otherMethods)
        #expect(flow.previous == expected.previous)
        #expect([flow.removedDuplicates, flow.removedAutomation, flow.removedOther, flow.screened, flow.excludedScreening, flow.sought,
                 flow.notRetrieved, flow.assessed, flow.includedStudies, flow.includedReports, flow.metaAnalysisStudies]
                == [7, 3, nil, 1406, 1358, 48, 2, 46, 36, 39, 30])
        #expect(result.review?.title.hasPrefix("prisma-") == true)
    }

    @Test func arithmeticProblemsAreReportedAtTheirRow() {
        let result = read(Self.full.replacingOccurrences(of: "other_not_retrieved,1", with: "other_not_retrieved,0"))
        #expect(result.diagnostics.map(\.description) == [
            "prisma.csv:row 18, column count: warning: other methods: assessed is 7, but reports sought (8) − not retrieved (0) = 8\n"
                + "    Check the counts against the screening records. If the source's own numbers do not add up, keep them and say why with 'acknowledge_inconsistencies'.",
        ])
        #expect(result.review != nil)
    }

    @Test func anAcknowledgementRowTurnsWarningsIntoNotes() {
        let result = read("box,count\ndatabases,100\nscreened,95\nacknowledge_inconsistencies,\"duplicates were removed, but not counted\"\n")
        #expect(result.diagnostics.map(\.severity) == [.note])
        #expect(result.diagnostics.first?.location.row == 3)
        #expect(result.review?.prisma?.acknowledgedInconsistencies == "duplicates were removed, but not counted")
    }

    /// Each error names the row and the column, and says what to do.
    @Test(arguments: [
        ("databases,1404\ndatabses,3", "prisma.csv:row 3, column box: error: unknown box 'databses'", "Did you mean 'databases'?"),
        ("screened,12.5", "prisma.csv:row 2, column count: error: the count must be a whole number of at least 0, not 12.5", nil),
        ("screened,-3", "prisma.csv:row 2, column count: error: the count must be a whole number of at least 0, not -3", nil),
        ("screened,many", "prisma.csv:row 2, column count: error: the count is not a number ('many')", "Write a whole number such as 1404."),
        ("screened,4\nscreened,5", "prisma.csv:row 3, column box: error: the box 'screened' is given twice (rows 2 and 3)", nil),
        ("database:,4", "prisma.csv:row 2, column box: error: 'database:' needs a name after 'database:'", nil),
        ("screened:title,4", "prisma.csv:row 2, column box: error: the box 'screened' takes no name after ':'", nil),
        ("databases:MEDLINE,4", "prisma.csv:row 2, column box: error: 'databases' is a total and takes no name; write 'database:MEDLINE'", nil),
        ("databases,10\ndatabase:MEDLINE,4", "prisma.csv:row 2, column count: error: 'databases' is given both as a total and by 'database:NAME'", nil),
        ("previous_reports,4", "prisma.csv:row 2, column count: error: 'previous_reports' needs 'previous_studies'", nil),
        ("acknowledge_inconsistencies,", "prisma.csv:row 2, column count: error: 'acknowledge_inconsistencies' is empty", nil),
    ] as [(String, String, String?)])
    func errorsNameTheRowAndColumn(rows: String, message: String, hint: String?) {
        let result = read("box,count\n" + rows + "\n")
        #expect(result.review == nil)
        #expect(result.diagnostics.first?.description.components(separatedBy: "\n").first == message, "\(result.diagnostics)")
        if let hint { #expect(result.diagnostics.first?.hint == hint) }
    }

    @Test func theHeaderMustNameBoxAndCount() {
        let result = read("name,value\ndatabases,4\n")
        #expect(result.diagnostics.first?.description.hasPrefix("prisma.csv:row 1: error: the header must be 'box,count', not 'name,value'") == true)
    }

    @Test func semicolonFilesFromSpreadsheetsAreRead() {
        let result = read("\u{FEFF}Box;Count\r\ndatabases;100\r\nscreened;100\r\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.review?.prisma?.screened == 100)
    }
}
