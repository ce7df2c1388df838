import Foundation
import Testing

/// `metareport render` end to end: the files it writes, that user text cannot inject markup,
/// that a failed render leaves the previous report intact, and that inputs are never replaced.
@Suite struct RenderCLITests {
    /// A small review in a temporary folder; `labels` become the study labels.
    static func review(in folder: URL, title: String = "Test review", labels: [String] = ["Smith, 2001", "Jones, 2003", "Lee, 2010"],
                       dataName: String = "data.csv") throws -> URL {
        var csv = "study,exp_events,exp_total,ctrl_events,ctrl_total\n"
        for (i, label) in labels.enumerated() {
            csv += "\"\(label.replacingOccurrences(of: "\"", with: "\"\""))\",\(3 + i),\(40 + i),\(7 + i),\(41 + i)\n"
        }
        try csv.write(to: folder.appendingPathComponent(dataName), atomically: true, encoding: .utf8)
        let yaml = """
            title: "\(title.replacingOccurrences(of: "\"", with: "\\\""))"
            analyses:
              - id: main
                title: Main outcome
                measure: RR
                method: DL
                figures: [forest]
                data: \(dataName)
            """
        let url = folder.appendingPathComponent("review.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func writesReportAndFigures() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = try Self.review(in: folder)
        let run = try CLI.run(["render", review.path, "-o", folder.appendingPathComponent("out").path, "--format", "html,md,svg,png,pdf"])
        #expect(run.status == 0, "\(run.stderr)")
        for file in ["report.html", "report.md", "figures/main-forest.svg", "figures/main-forest.png", "figures/main-forest.pdf"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/\(file)").path), "missing \(file)")
        }
        let html = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("<svg"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("<link"))
        // Hover titles on the forest plot's rows.
        #expect(html.contains("<title>Smith, 2001: Risk Ratio"))
        let markdown = try String(contentsOf: folder.appendingPathComponent("out/report.md"), encoding: .utf8)
        #expect(markdown.contains("![") && markdown.contains("(figures/main-forest.svg)"))
    }

    @Test func hostileLabelsStayText() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let hostile = ["<img src=x onerror=alert(1)>", "| **bold** |", "<script>alert(1)</script>"]
        let review = try Self.review(in: folder, title: "<b>Title</b> [x](javascript:alert(1))", labels: hostile)
        let run = try CLI.run(["render", review.path, "-o", folder.appendingPathComponent("out").path, "--format", "html,md"])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<b>Title"))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test func failedRenderLeavesThePreviousReport() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = try Self.review(in: folder)
        let out = folder.appendingPathComponent("out")
        #expect(try CLI.run(["render", review.path, "-o", out.path]).status == 0)
        let before = try Data(contentsOf: out.appendingPathComponent("report.html"))
        let figure = try Data(contentsOf: out.appendingPathComponent("figures/main-forest.svg"))
        // Break the data: the next render must fail and change nothing.
        try "study,exp_events,exp_total,ctrl_events,ctrl_total\nA,9,5,1,10\n".write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        let failed = try CLI.run(["render", review.path, "-o", out.path])
        #expect(failed.status == 3)
        #expect(try Data(contentsOf: out.appendingPathComponent("report.html")) == before)
        #expect(try Data(contentsOf: out.appendingPathComponent("figures/main-forest.svg")) == figure)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }

    @Test func neverReplacesAnInput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The data file happens to be called report.md, and the report is written beside it.
        let review = try Self.review(in: folder, dataName: "report.md")
        let data = try Data(contentsOf: folder.appendingPathComponent("report.md"))
        let run = try CLI.run(["render", review.path, "-o", folder.path])
        #expect(run.status == 2) // the output folder chosen on the command line is the problem
        #expect(run.stderr.contains("refusing to overwrite the input file 'report.md'"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("report.md")) == data)
    }

    @Test func rendersAreByteIdentical() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = try Self.review(in: folder)
        let formats = "html,md,svg,png,pdf"
        #expect(try CLI.run(["render", review.path, "-o", folder.appendingPathComponent("a").path, "--format", formats]).status == 0)
        #expect(try CLI.run(["render", review.path, "-o", folder.appendingPathComponent("b").path, "--format", formats],
                            environment: ["LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "TZ": "Asia/Tokyo"]).status == 0)
        for file in ["report.html", "report.md", "figures/main-forest.svg", "figures/main-forest.png", "figures/main-forest.pdf"] {
            let a = try Data(contentsOf: folder.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: folder.appendingPathComponent("b/\(file)"))
            #expect(a == b, "\(file) differs between renders")
        }
    }

    @Test func watchRendersAgainWhenDataChanges() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = try Self.review(in: folder)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["render", review.path, "-o", folder.appendingPathComponent("out").path, "--format", "md", "--watch"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let report = folder.appendingPathComponent("out/report.md")
        func waitFor(_ condition: () -> Bool) -> Bool {
            for _ in 0..<200 where !condition() { usleep(50_000) }
            return condition()
        }
        #expect(waitFor { FileManager.default.fileExists(atPath: report.path) })
        let first = try String(contentsOf: report, encoding: .utf8)
        // New data: the report must change without running the command again.
        try (RenderCLITests.binaryCSV(labels: ["Smith, 2001", "Jones, 2003", "Lee, 2010", "Added, 2020"]))
            .write(to: folder.appendingPathComponent("data.csv"), atomically: true, encoding: .utf8)
        #expect(waitFor { (try? String(contentsOf: report, encoding: .utf8)).map { $0 != first && $0.contains("in 4 studies") } ?? false })
        process.terminate()
        process.waitUntilExit()
        #expect(!process.isRunning)
    }

    static func binaryCSV(labels: [String]) -> String {
        var csv = "study,exp_events,exp_total,ctrl_events,ctrl_total\n"
        for (i, label) in labels.enumerated() { csv += "\"\(label)\",\(3 + i),\(40 + i),\(7 + i),\(41 + i)\n" }
        return csv
    }

    /// Several reviews in one folder each get their own report, named after the file; two that
    /// would still share a folder are refused before anything is written.
    @Test func severalReviewsNeverShareAReportFolder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = try Self.review(in: folder)
        let text = try String(contentsOf: review, encoding: .utf8)
        try text.replacingOccurrences(of: "Test review", with: "First").write(to: folder.appendingPathComponent("first.yaml"), atomically: true, encoding: .utf8)
        try text.replacingOccurrences(of: "Test review", with: "Second").write(to: folder.appendingPathComponent("second.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try CLI.run(["render", "first.yaml", "second.yaml", "-o", out.path, "-q"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        for (name, title) in [("first", "First"), ("second", "Second")] {
            let html = try String(contentsOf: out.appendingPathComponent("\(name)/report.html"), encoding: .utf8)
            #expect(html.contains(title))
        }
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("first/report.html") && index.contains("second/report.html"))
        // Without -o: beside each file, <name>-report.
        #expect(try CLI.run(["render", "first.yaml", "second.yaml", "-q"], in: folder).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("first-report/report.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("second-report/report.html").path))

        // Two review.yaml files in folders of the same name would collide: refused, nothing written.
        for parent in ["a/x", "b/x"] {
            let sub = folder.appendingPathComponent(parent)
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            _ = try Self.review(in: sub)
        }
        let clash = folder.appendingPathComponent("clash")
        let refused = try CLI.run(["render", "a/x/review.yaml", "b/x/review.yaml", "-o", clash.path], in: folder)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("'a/x/review.yaml' and 'b/x/review.yaml' would both be written to '\(clash.appendingPathComponent("x").standardizedFileURL.path)'"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: clash.path))
    }

    /// A report's figures/ folder is replaced whole on each render, so an input inside it stops the render.
    @Test func neverReplacesAFiguresFolderHoldingAnInput() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("figures"), withIntermediateDirectories: true)
        let review = try Self.review(in: folder, dataName: "figures/data.csv")
        let before = try Data(contentsOf: folder.appendingPathComponent("figures/data.csv"))
        let run = try CLI.run(["render", review.path, "-o", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("its figures/ folder is replaced on every render, and it holds the input file"), "\(run.stderr)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("figures/data.csv")) == before)
    }

    /// A command-line theme or resolution that cannot be used is a usage error (2), found before any work.
    @Test func badThemeOrResolutionOnTheCommandLineIsAUsageError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = try Self.review(in: folder)
        let out = folder.appendingPathComponent("out")
        let theme = try CLI.run(["render", review.path, "-o", out.path, "--theme", "lancett"])
        #expect(theme.status == 2)
        #expect(theme.stderr.contains("there is no theme called 'lancett' and no such file. Did you mean 'lancet'?"), "\(theme.stderr)")
        let dpi = try CLI.run(["render", review.path, "-o", out.path, "--dpi", "0"])
        #expect(dpi.status == 2)
        #expect(dpi.stderr.contains("--dpi must be a number of dots per inch above 0"), "\(dpi.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let figure = try CLI.run(["figure", "forest", review.path, "--theme", "nosuch", "-o", folder.appendingPathComponent("f.png").path])
        #expect(figure.status == 2)
    }

    /// `figure` draws a review-wide figure with the review's own options (its top-level figures),
    /// as the report does; an option on the command line wins.
    @Test func figureTakesTheReviewsOptionsForReviewWideFigures() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = try Self.review(in: folder)
        let yaml = try String(contentsOf: review, encoding: .utf8) + """

            prisma: {identification: {databases: 50}, screened: 50, excluded_screening: 40, sought: 10, not_retrieved: 0, assessed: 10, excluded_reports: {Other: 7}, included_studies: 3, included_reports: 3}
            figures:
              - prisma-flow: {links: "#prisma-{box}"}
            """
        try yaml.write(to: review, atomically: true, encoding: .utf8)
        let linked = folder.appendingPathComponent("linked.svg"), plain = folder.appendingPathComponent("plain.svg")
        #expect(try CLI.run(["figure", "prisma-flow", review.path, "-o", linked.path]).status == 0)
        #expect(try CLI.run(["figure", "prisma-flow", review.path, "--links", "", "-o", plain.path]).status == 0)
        #expect(try String(contentsOf: linked, encoding: .utf8).contains("<a href=\"#prisma-screened\""))
        #expect(!(try String(contentsOf: plain, encoding: .utf8)).contains("<a "))
        // An unknown option is named as such, with the nearest one, even when a value follows it.
        let unknown = try CLI.run(["figure", "forest", review.path, "--sortt", "year", "-o", plain.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("the figure 'forest' has no option '--sortt'. Did you mean '--sort'?"), "\(unknown.stderr)")
    }
}
