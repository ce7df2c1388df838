import Foundation
import Testing

/// `metareport import-revman` and `metareport render FILE.rm5`, on the real RevMan files in
/// Tests/Fixtures/revman.
@Suite("RevMan CLI")
struct RevManCLITests {
    static let fixtures = CLI.root.appendingPathComponent("Tests/Fixtures/revman")
    static let names = ["CD000023-antibiotics-excerpt", "CD004976-excerpt", "CD007419-excerpt", "CD007868-excerpt"]

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name + ".rm5").path }

    @Test("--check agrees with every outcome RevMan pooled, within 1e-6", arguments: names)
    func check(_ name: String) throws {
        let run = try CLI.run(["import-revman", "--check", Self.fixture(name)])
        #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("agree with RevMan's numbers within 1.0E-06"))
        #expect(!run.stdout.contains("DIFFERS"))
    }

    @Test("--check prints each outcome's largest relative difference and fails on a changed number")
    func checkFails() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try String(contentsOfFile: Self.fixture("CD007868-excerpt"), encoding: .utf8)
        // RevMan's Tau² for CMP-001.01, changed in its fourth digit.
        let stored = "TAU2=\"0.11529132583618297\""
        #expect(text.contains(stored))
        text = text.replacingOccurrences(of: stored, with: "TAU2=\"0.1153\"")
        let file = folder.appendingPathComponent("changed.rm5")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLI.run(["import-revman", "--check", file.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("CMP-001.01") && run.stdout.contains("DIFFERS: overall Tau²"))
        #expect(run.stderr.contains("1 of 26 outcomes differ"))
    }

    @Test("import-revman -o writes review.yaml and CSVs that validate and render like the .rm5")
    func importWritesFolder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("imported")
        let run = try CLI.run(["import-revman", Self.fixture("CD000023-antibiotics-excerpt"), "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        let yaml = try String(contentsOf: out.appendingPathComponent("review.yaml"), encoding: .utf8)
        #expect(yaml.contains("- id: CMP-001.02") && yaml.contains("method: MH-DL") && yaml.contains("compatibility: revman"))
        for file in ["data/CMP-001.01.csv", "data/CMP-004.03.csv", "risk-of-bias.csv"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "missing \(file)")
        }
        // The outcome RevMan could not pool either is named, not imported.
        #expect(run.stderr.contains("CMP-002.04") && run.stderr.contains("warning"))
        let validate = try CLI.run(["validate", out.appendingPathComponent("review.yaml").path])
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")

        let fromYAML = try CLI.run(["render", out.appendingPathComponent("review.yaml").path, "-o", folder.appendingPathComponent("a").path,
                                    "--format", "md,svg", "-q"])
        let fromRM5 = try CLI.run(["render", Self.fixture("CD000023-antibiotics-excerpt"), "-o", folder.appendingPathComponent("b").path,
                                   "--format", "md,svg", "-q"])
        #expect(fromYAML.status == 0 && fromRM5.status == 0, "\(fromYAML.stderr)\(fromRM5.stderr)")
        let svgA = try Data(contentsOf: folder.appendingPathComponent("a/figures/CMP-001.02-forest.svg"))
        let svgB = try Data(contentsOf: folder.appendingPathComponent("b/figures/CMP-001.02-forest.svg"))
        #expect(svgA == svgB)

        // Importing again changes nothing; a review.yaml edited since is kept unless --force.
        #expect(try CLI.run(["import-revman", Self.fixture("CD000023-antibiotics-excerpt"), "-o", out.path, "-q"]).status == 0)
        let edited = yaml.replacingOccurrences(of: "compatibility: revman", with: "compatibility: metafor")
        try edited.write(to: out.appendingPathComponent("review.yaml"), atomically: true, encoding: .utf8)
        let refused = try CLI.run(["import-revman", Self.fixture("CD000023-antibiotics-excerpt"), "-o", out.path, "-q"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("already has review.yaml, which the import would replace"), "\(refused.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("review.yaml"), encoding: .utf8) == edited)
        #expect(try CLI.run(["import-revman", Self.fixture("CD000023-antibiotics-excerpt"), "-o", out.path, "-q", "--force"]).status == 0)
        #expect(try String(contentsOf: out.appendingPathComponent("review.yaml"), encoding: .utf8) == yaml)
    }

    @Test("render FILE.rm5 writes the full report: every analysis' forest plot and the risk-of-bias figures")
    func renderRevMan() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["render", Self.fixture("CD000023-antibiotics-excerpt"), "-o", folder.path, "--format", "html,svg"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Antibiotics for sore throat"))
        #expect(html.contains("Symptom of fever on day 3: children compared with adults"))
        let figures = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("figures").path)
        #expect(figures.filter { $0.hasSuffix("-forest.svg") }.count == 10)
        #expect(figures.contains("rob-summary.svg") && figures.contains("rob-traffic-light.svg"))
    }

    @Test("a malformed or truncated file: file:line messages, exit 3; a truncated one still imports what it can")
    func badFiles() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let malformed = folder.appendingPathComponent("malformed.rm5")
        try "<?xml version=\"1.0\"?>\n<COCHRANE_REVIEW>\n<COVER_SHEET>\n</COVER>\n".write(to: malformed, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["import-revman", "--check", malformed.path])
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("malformed.rm5:4: error: the file cannot be read as XML"))

        let data = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("CD007868-excerpt")))
        let cut = folder.appendingPathComponent("cut.rm5")
        try data.prefix(40_000).write(to: cut)
        let out = folder.appendingPathComponent("out")
        let truncated = try CLI.run(["import-revman", cut.path, "-o", out.path])
        #expect(truncated.status == 3)
        #expect(truncated.stderr.contains("error: the file is truncated"))
        #expect(truncated.stderr.contains("the outcome CMP-009.03 is not imported: the file ends inside it"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("data/CMP-009.02.csv").path))

        let missing = try CLI.run(["import-revman", "--check", folder.appendingPathComponent("none.rm5").path])
        #expect(missing.status == 3 && missing.stderr.contains("none.rm5"))
        let usage = try CLI.run(["import-revman", Self.fixture("CD007419-excerpt")])
        #expect(usage.status == 2)
    }
}
