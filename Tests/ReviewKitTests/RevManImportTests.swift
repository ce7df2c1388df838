import Foundation
import Testing
import MetaAnalysis
@testable import ReviewKit

/// Importing RevMan 5 files: the real ones in Tests/Fixtures/revman, and small hand-made ones for
/// what those do not contain.
@Suite("RevMan import")
struct RevManImportTests {
    static let folder = Paths.fixtures.appendingPathComponent("revman")
    static let fixtures = ["CD000023-antibiotics-excerpt", "CD004976-excerpt", "CD007419-excerpt", "CD007868-excerpt"]

    static func fixture(_ name: String) throws -> RevManImport {
        let url = folder.appendingPathComponent(name + ".rm5")
        return try RevManImport.read(url, shownAs: name + ".rm5").get()
    }

    static func imported(_ xml: String, file: String = "test.rm5") -> Result<RevManImport, InputError> {
        RevManImport.read(data: Data(xml.utf8), file: file)
    }

    // MARK: - Real files

    @Test("every outcome of the real files agrees with RevMan's stored results", arguments: fixtures)
    func checkAgrees(_ name: String) throws {
        let imported = try Self.fixture(name)
        let reports = RevManCheck.run(imported)
        #expect(!reports.isEmpty)
        for report in reports where report.skipped == nil {
            #expect(report.compared > 0)
            #expect(report.agrees, "\(report.outcomeID): \(report.worst ?? "") \(report.worstPValue ?? "")")
        }
        #expect(reports.contains { $0.compared > 0 })
    }

    @Test("the check fails when a stored number is changed")
    func checkDetectsDifference() throws {
        let url = Self.folder.appendingPathComponent("CD007419-excerpt.rm5")
        var text = try String(contentsOf: url, encoding: .utf8)
        let original = try #require(text.range(of: "CHI2=\""))
        text.replaceSubrange(original, with: "CHI2=\"1")   // prefix a digit: a different Chi²
        let imported = try Self.imported(text).get()
        let report = try #require(RevManCheck.run(imported).first)
        #expect(!report.agrees)
        #expect(report.worst?.contains("Chi²") == true)
    }

    @Test("CD000023: title, authors, analyses with RevMan's IDs, methods and labels")
    func antibiotics() throws {
        let imported = try Self.fixture("CD000023-antibiotics-excerpt")
        let review = imported.review
        #expect(review.title == "Antibiotics for sore throat")
        #expect(review.authors == ["Anneliese Spinks", "Paul Glasziou", "Chris Del Mar"])
        #expect(imported.file.revmanVersion == "5.2.11")
        #expect(imported.file.studies.count == 27)
        #expect(imported.file.studies.first { $0.id == "STD-El_x002d_Daher-1991" }?.name == "El-Daher 1991")
        #expect(review.analyses.map(\.id) == ["CMP-001.01", "CMP-001.02", "CMP-001.03", "CMP-002.01", "CMP-002.03",
                                              "CMP-003.01", "CMP-003.02", "CMP-004.01", "CMP-004.02", "CMP-004.03"])
        let analysis = try #require(review.analysis("CMP-001.02"))
        #expect(analysis.measure == .RR && analysis.method == .DL && analysis.mantelHaenszelRandomEffects)
        #expect(analysis.compatibility == .revman)
        #expect(analysis.arms.experimental == "Antibiotics" && analysis.arms.control == "Placebo")
        #expect(analysis.favours?.left == "Favours antibiotics" && analysis.favours?.right == "Favours placebo")
        #expect(analysis.subgroupColumn != nil)
        guard case .studies(let studies) = analysis.content else { Issue.record("no studies"); return }
        #expect(studies.count == 15)
        #expect(Set(studies.compactMap(\.subgroup)) == ["Symptom of sore throat on day 3: blinded studies",
                                                          "Symptom of sore throat on day 3: unblinded studies"])
        // The outcome with no estimable study is left out with a warning at its line.
        let warning = try #require(imported.diagnostics.first { $0.message.contains("CMP-002.04") })
        #expect(warning.severity == .warning && warning.location.line != nil)
    }

    @Test("CD000023: risk of bias — YES/NO/UNKNOWN as low/high/unclear, per-group items named once")
    func riskOfBias() throws {
        let rob = try #require(try Self.fixture("CD000023-antibiotics-excerpt").review.riskOfBias)
        #expect(rob.tool.domains.map(\.name) == [
            "Random sequence generation (selection bias)", "Allocation concealment (selection bias)",
            "Blinding (performance bias and detection bias)", "Incomplete outcome data (attrition bias)",
            "Selective reporting (reporting bias)", "Other bias",
        ])
        #expect(rob.studies.count == 27)
        let bennike = try #require(rob.studies.first { $0.study == "Bennike 1951" })
        #expect(bennike.judgements == [.high, .high, .high, .low, .moderate, .moderate])
        let leelarasamee = try #require(rob.studies.first { $0.study == "Leelarasamee 2000" })
        #expect(leelarasamee.judgements == [.low, .low, .low, .moderate, .low, .moderate])
    }

    @Test("CD007868: UTF-8 names, XML-escaped IDs, rows of one study told apart by their footnotes")
    func fluoride() throws {
        let imported = try Self.fixture("CD007868-excerpt")
        #expect(imported.file.studies.contains { $0.name == "Sønju Clasen 1995" })
        let analysis = try #require(imported.review.analysis("CMP-017.01"))
        guard case .studies(let studies) = analysis.content else { Issue.record("no studies"); return }
        #expect(studies.map(\.label) == ["Stephen 1988", "Stephen 1988 (SMFP plus 0.5% ZCT)"])
        let mullane = try #require(imported.review.analysis("CMP-014.01"))
        guard case .studies(let rows) = mullane.content else { Issue.record("no studies"); return }
        #expect(rows.contains { $0.label == "O'Mullane 1997" })
        #expect(mullane.measure == .SMD && mullane.method == .DL && !mullane.mantelHaenszelRandomEffects)
    }

    @Test("CD007419: a generic inverse-variance outcome whose measure is an element")
    func genericInverseVariance() throws {
        let analysis = try #require(try Self.fixture("CD007419-excerpt").review.analyses.first)
        #expect(analysis.id == "CMP-001.01")
        #expect(analysis.measure == .GEN && analysis.method == .IV && !analysis.logScale)
        #expect(analysis.effectLabel == "Mean Difference")
    }

    @Test("the written review folder loads back to the same analyses and numbers", arguments: fixtures)
    func roundTrip(_ name: String) throws {
        let imported = try Self.fixture(name)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revman-roundtrip-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in RevManReviewWriter.files(for: imported) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url)
        }
        let loaded = ReviewLoader().load(folder.appendingPathComponent("review.yaml"))
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        let review = try #require(loaded.review)
        #expect(review.analyses.map(\.id) == imported.review.analyses.map(\.id))
        for (original, reloaded) in zip(imported.review.analyses, review.analyses) {
            #expect(reloaded.settings == original.settings)
            let a = try #require(original.run().result), b = try #require(reloaded.run().result)
            #expect(a.pooled.yi == b.pooled.yi && a.pooled.se == b.pooled.se && a.heterogeneity.Q == b.heterogeneity.Q)
            #expect(a.studies.map(\.weight) == b.studies.map(\.weight))
            #expect(a.studies.map(\.label) == b.studies.map(\.label))
        }
        #expect(review.riskOfBias?.studies.map(\.judgements) == imported.review.riskOfBias?.studies.map(\.judgements))
    }

    @Test("a truncated real file imports the outcomes before the cut and reports the cut")
    func truncatedFixture() throws {
        let data = try Data(contentsOf: Self.folder.appendingPathComponent("CD007868-excerpt.rm5"))
        let imported = try RevManImport.read(data: data.prefix(40_000), file: "cut.rm5").get()
        #expect(imported.diagnostics.contains { $0.severity == .error && $0.message.contains("truncated") })
        #expect(imported.diagnostics.contains { $0.severity == .error && $0.message.contains("CMP-009.03") })
        #expect(imported.review.analyses.count == 18)
        #expect(imported.review.analysis("CMP-009.02") != nil && imported.review.analysis("CMP-009.03") == nil)
    }

    // MARK: - Hand-made files for what the real ones lack

    static let handMade = """
        <?xml version="1.0" encoding="UTF-8"?>
        <COCHRANE_REVIEW REVMAN_SUB_VERSION="5.3.5" TYPE="INTERVENTION">
        <COVER_SHEET><TITLE>Trial &amp; error</TITLE></COVER_SHEET>
        <STUDIES_AND_REFERENCES><STUDIES><INCLUDED_STUDIES>
        <STUDY ID="STD-Bolt-1999" NAME="Bolt 1999" YEAR="1999"/>
        <STUDY ID="STD-Chen-2005" NAME="Chen 2005" YEAR=""/>
        </INCLUDED_STUDIES></STUDIES></STUDIES_AND_REFERENCES>
        <ANALYSES_AND_DATA>
        <COMPARISON ID="CMP-001" NO="1"><NAME>Drug versus placebo</NAME>
        <DICH_OUTCOME CHI2="" CI_END="" CI_START="" CI_STUDY="95" CI_TOTAL="95" DF="" EFFECT_MEASURE="RR" EFFECT_SIZE="" ESTIMABLE="YES" ID="CMP-001.01" METHOD="MH" NO="1" P_CHI2="" P_Z="" RANDOM="NO" SUBGROUPS="NO" TOTALS="YES" Z="">
        <NAME>Death</NAME>
        <DICH_DATA EVENTS_1="5" EVENTS_2="9" STUDY_ID="STD-Bolt-1999" TOTAL_1="50" TOTAL_2="52"/>
        <DICH_DATA EVENTS_1="3" EVENTS_2="4" STUDY_ID="STD-Chen-2005" TOTAL_1="30" TOTAL_2="31"/>
        <DICH_DATA EVENTS_1="2" EVENTS_2="4" STUDY_ID="STD-Missing-2010" TOTAL_1="20" TOTAL_2="20"/>
        </DICH_OUTCOME>
        <DICH_OUTCOME EFFECT_MEASURE="OR" ID="CMP-001.02" METHOD="MH" NO="2" RANDOM="NO" SUBGROUPS="NO" TOTALS="YES"><NAME>No data yet</NAME></DICH_OUTCOME>
        <IPD_OUTCOME ID="CMP-001.03" NO="3"><NAME>Time to event</NAME></IPD_OUTCOME>
        <OTHER_OUTCOME ID="CMP-001.04" NO="4"><NAME>Adverse events (text)</NAME></OTHER_OUTCOME>
        <CONT_OUTCOME EFFECT_MEASURE="MD" ID="CMP-001.05" NO="5" RANDOM="YES" SUBGROUPS="NO" TOTALS="YES">
        <NAME>Pain</NAME>
        <CONT_DATA MEAN_1="2.5" MEAN_2="3.1" SD_1="1.1" SD_2="1.3" STUDY_ID="STD-Bolt-1999" TOTAL_1="50" TOTAL_2="52"/>
        <CONT_DATA MEAN_1="2.0" MEAN_2="" SD_1="1.0" SD_2="1.2" STUDY_ID="STD-Chen-2005" TOTAL_1="30" TOTAL_2="31"/>
        </CONT_OUTCOME>
        </COMPARISON>
        </ANALYSES_AND_DATA>
        </COCHRANE_REVIEW>
        """

    @Test("unsupported outcome types and a missing study are warnings at their lines; the rest is imported")
    func warnings() throws {
        let imported = try Self.imported(Self.handMade).get()
        let messages = imported.diagnostics.map { "\($0.location.line ?? 0): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("17:") && $0.contains("IPD_OUTCOME") })
        #expect(messages.contains { $0.hasPrefix("18:") && $0.contains("OTHER_OUTCOME") })
        #expect(messages.contains { $0.hasPrefix("14:") && $0.contains("STD-Missing-2010") && $0.contains("not among the review's included studies") })
        #expect(messages.contains { $0.hasPrefix("16:") && $0.contains("CMP-001.02") && $0.contains("no data") })
        #expect(imported.review.title == "Trial & error")
        #expect(imported.review.analyses.map(\.id) == ["CMP-001.01", "CMP-001.05"])
        guard case .studies(let studies) = try #require(imported.review.analysis("CMP-001.01")).content else { return }
        #expect(studies.map(\.label) == ["Bolt 1999", "Chen 2005", "Missing-2010"])
        #expect(imported.review.analysis("CMP-001.01")?.method == .MH)
    }

    @Test("a row with an empty value is left out with a warning at its line; the outcome keeps the rest")
    func emptyValue() throws {
        let imported = try Self.imported(Self.handMade).get()
        let warning = try #require(imported.diagnostics.first { $0.location.line == 22 })
        #expect(warning.severity == .warning && warning.message.contains("MEAN_2"))
        guard case .studies(let studies) = try #require(imported.review.analysis("CMP-001.05")).content else { return }
        #expect(studies.map(\.label) == ["Bolt 1999"])
    }

    @Test("empty attributes for numbers RevMan did not compute are not compared")
    func nothingToCompare() throws {
        let report = try #require(RevManCheck.run(try Self.imported(Self.handMade).get()).first { $0.outcomeID == "CMP-001.01" })
        #expect(report.compared == 0 && report.agrees)
    }

    @Test("a file that is not a RevMan review, or has nothing to import, is an error")
    func notRevMan() {
        guard case .failure(let error) = Self.imported("<?xml version=\"1.0\"?>\n<html><body/></html>") else {
            Issue.record("accepted"); return
        }
        #expect(error.diagnostics.first?.message.contains("<COCHRANE_REVIEW>") == true)
        #expect(error.diagnostics.first?.location.line == 2)
        guard case .failure(let empty) = Self.imported("<COCHRANE_REVIEW><COVER_SHEET><TITLE>T</TITLE></COVER_SHEET></COCHRANE_REVIEW>") else {
            Issue.record("accepted"); return
        }
        #expect(empty.diagnostics.contains { $0.message.contains("nothing in this RevMan file can be imported") })
    }

    @Test("malformed XML gives file:line", arguments: [
        ("<COCHRANE_REVIEW>\n<COVER_SHEET>\n</COVER>\n</COCHRANE_REVIEW>", 3),
        ("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<COCHRANE_REVIEW>\n&e;</COCHRANE_REVIEW>", 4),
    ])
    func malformed(_ xml: String, _ line: Int) {
        guard case .failure(let error) = Self.imported(xml, file: "bad.rm5") else { Issue.record("accepted"); return }
        let diagnostic = error.diagnostics.first
        #expect(diagnostic?.location.file == "bad.rm5" && diagnostic?.location.line == line)
        #expect(diagnostic?.message.hasPrefix("the file cannot be read as XML") == true)
    }

    @Test("study labels from XML-escaped IDs", arguments: [
        ("STD-El_x002d_Daher-1991", "El-Daher-1991"), ("STD-O_x0027_Mullane-1997", "O'Mullane-1997"),
        ("STD-S_x00f8_rensen-2001", "Sørensen-2001"), ("Plain", "Plain"),
    ])
    func labels(_ id: String, _ label: String) {
        #expect(RevManFileParser.label(fromID: id) == label)
    }

    // MARK: - The review file keys

    @Test("review files: 'compatibility' and 'method: MH-DL'")
    func reviewKeys() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("revman-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "study,exp_events,exp_total,ctrl_events,ctrl_total\nA,3,20,8,21\nB,5,30,6,28\n"
            .write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        func load(_ keys: String, measure: String = "RR") -> ReviewLoader.Result {
            let yaml = "title: T\nanalyses:\n  - id: a\n    title: A\n    measure: \(measure)\n    data: d.csv\n" + keys
            return ReviewLoader().load(yaml: yaml, file: "review.yaml", directory: folder)
        }
        let revman = try #require(load("    method: MH-DL\n    compatibility: revman\n").review?.analyses.first)
        #expect(revman.compatibility == .revman && revman.method == .DL && revman.mantelHaenszelRandomEffects)
        #expect(revman.settings.compatibility == .revman && revman.settings.mantelHaenszelRandomEffects)
        let plain = try #require(load("").review?.analyses.first)
        #expect(plain.compatibility == .metafor && !plain.mantelHaenszelRandomEffects)
        #expect(load("    compatibility: stata\n").diagnostics.contains { $0.message.contains("'compatibility' must be 'metafor' or 'revman'") })
        #expect(load("    method: MH-DL\n", measure: "MD").diagnostics.contains { $0.message.contains("MH-DL") && $0.severity == .error })
        #expect(load("    method: MH-DL\n    hksj: true\n").diagnostics.contains { $0.message.contains("'hksj' cannot be used with MH-DL") })
    }
}
