import Foundation
import Testing
@testable import ReviewKit

@Suite struct CSVReaderTests {
    func read(_ text: String) throws -> DataTable {
        try CSVReader.read(Data(text.utf8), file: "t.csv")
    }

    @Test func readsQuotedFieldsWithSeparatorsQuotesAndLineBreaks() throws {
        let table = try read("study,note\n\"Smith, 2001\",\"said \"\"no\"\"\"\n\"two\nlines\",x\n")
        #expect(table.rows.count == 2)
        #expect(table.rows[0]["study"]?.text == "Smith, 2001")
        #expect(table.rows[0]["note"]?.text == "said \"no\"")
        #expect(table.rows[1]["study"]?.text == "two\nlines")
        // A quoted line break does not start a new spreadsheet row.
        #expect(table.rows[1]["study"]?.location.row == 3)
    }

    @Test func dropsByteOrderMarkAndCarriageReturns() throws {
        let table = try CSVReader.read(Data([0xEF, 0xBB, 0xBF] + Array("study,yi\r\nA,1\r\n".utf8)), file: "t.csv")
        #expect(table.columns == ["study", "yi"])
        #expect(table.rows[0]["yi"]?.text == "1")
    }

    @Test func readsSemicolonFilesWithDecimalCommas() throws {
        let table = try read("study;yi;vi\nA;-0,25;0,01\n")
        #expect(table.decimalComma)
        #expect(table.rows[0]["yi"]?.text == "-0,25")
        #expect(try NumberParsing.parse("-0,25", decimalComma: true).get() == -0.25)
    }

    @Test func mapsMetaforNamesToCanonicalColumns() throws {
        let table = try read("Study,ai,N1I,ci,n2i,m1i,sd1i,m2i,sd2i,sei\nA,1,2,3,4,5,6,7,8,9\n")
        #expect(table.columns == ["study", "exp_events", "exp_total", "ctrl_events", "ctrl_total",
                                  "exp_mean", "exp_sd", "ctrl_mean", "ctrl_sd", "se"])
    }

    @Test func skipsBlankLinesButKeepsRowNumbers() throws {
        let table = try read("study,yi\n\nA,1\n\nB,2\n")
        #expect(table.rows.map { $0.location.row } == [3, 5])
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("study,yi\n", "the file has a header but no data rows"),
        ("study,study\nA,B\n", "the column 'study' appears twice (columns 1 and 2)"),
        ("study,yi\n\"A,1\n", "a quoted field opened on this row is never closed"),
        ("study,yi\nA\n", "this row has 1 fields but the header has 2"),
    ])
    func reportsBrokenFiles(text: String, message: String) {
        #expect(throws: InputError.self) { try read(text) }
        do { _ = try read(text) } catch let error as InputError { #expect(error.diagnostics.map(\.message).contains(message)) } catch { Issue.record("\(error)") }
    }

    @Test func refusesBinaryAndInvalidUTF8() {
        #expect(throws: InputError.self) { try CSVReader.read(Data([0x73, 0x0A, 0x00, 0x01]), file: "b.csv") }
        do {
            _ = try CSVReader.read(Data(Array("study\nA\n".utf8) + [0xFF, 0xFE, 0x0A]), file: "b.csv")
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.diagnostics[0].message == "the file is not valid UTF-8 text")
            #expect(error.diagnostics[0].location.line == 3)
        }
    }
}

@Suite struct NumberParsingTests {
    @Test(arguments: [("1.5", 1.5), ("-2", -2.0), ("3e-4", 3e-4), (" 7 ", 7.0), ("\u{2212}0.5", -0.5), ("-0", 0.0), ("1e308", 1e308)])
    func readsNumbers(text: String, value: Double) throws {
        let parsed = try NumberParsing.parse(text).get()
        #expect(parsed == value)
        #expect(parsed.sign == .plus || value < 0) // -0 reads as 0
    }

    @Test(arguments: ["", "ten", "1,5", "1.2.3", "0x10", "1e", "--1", "5%"])
    func refusesNonNumbers(text: String) {
        if case .success = NumberParsing.parse(text) { Issue.record("'\(text)' was read as a number") }
    }

    @Test(arguments: ["NaN", "inf", "-Infinity", "1e309"])
    func refusesNonFiniteNumbers(text: String) {
        guard case .failure(let failure) = NumberParsing.parse(text) else {
            Issue.record("'\(text)' was read as a number"); return
        }
        #expect(failure.kind == .notFinite)
    }
}
