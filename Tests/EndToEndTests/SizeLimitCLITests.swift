import Foundation
import Testing

/// Figures too large for a PNG, end to end: `figure` says what to do instead of crashing or
/// writing an empty file; `render` writes the report with SVG and PDF and says why the PNG is
/// missing. (No timings; `make bench` measures those.)
@Suite struct SizeLimitCLITests {
    /// `count` two-arm trials as CSV.
    static func trials(_ count: Int, in folder: URL) throws -> URL {
        var csv = "study,exp_events,exp_total,ctrl_events,ctrl_total\n"
        for index in 0..<count {
            let total = 40 + index % 300
            csv += "Trial \(index + 1),\(2 + index % 17),\(total),\(4 + index % 23),\(total + 5)\n"
        }
        let url = folder.appendingPathComponent("trials.csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func figureTooTallForAPNGSaysWhatToDo() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try Self.trials(1_000, in: folder)
        let png = folder.appendingPathComponent("forest.png")
        let run = try CLI.run(["figure", "forest", data.path, "--measure", "RR", "--method", "DL", "-o", png.path])
        #expect(run.exited, "crashed: \(run.stderr)")
        #expect(run.status == 2) // a resolution that fits is named: a usage error
        #expect(run.stderr.contains("32767 pixels per side"), "\(run.stderr)")
        #expect(run.stderr.contains("Use --dpi 2") && run.stderr.contains("or render PDF or SVG"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: png.path), "no empty or partial file")
        // What it suggests works.
        let lower = try CLI.run(["figure", "forest", data.path, "--measure", "RR", "--method", "DL", "--dpi", "150", "-o", png.path])
        #expect(lower.status == 0, "\(lower.stderr)")
        let svg = try CLI.run(["figure", "forest", data.path, "--measure", "RR", "--method", "DL", "-o", folder.appendingPathComponent("forest.svg").path])
        #expect(svg.status == 0, "\(svg.stderr)")
    }

    @Test func tenThousandStudyReviewRendersWithSVGAndPDF() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try Self.trials(10_000, in: folder)
        let yaml = """
            title: Ten thousand trials
            analyses:
              - id: all
                title: All trials
                measure: RR
                method: DL
                figures: [forest]
                data: trials.csv
            """
        try yaml.write(to: folder.appendingPathComponent("review.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let run = try CLI.run(["render", folder.appendingPathComponent("review.yaml").path, "-o", out.path,
                               "--format", "html,md,svg,png,pdf", "--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("has no PNG"), "\(run.stderr)")
        // The figure files hold every row (a 10,000-row SVG is megabytes); the report links them.
        for (file, minimum) in [("report.html", 1_000_000), ("report.md", 500), ("figures/all-forest.svg", 1_000_000),
                                ("figures/all-forest.pdf", 100_000)] {
            let size = (try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(file).path)[.size] as? Int) ?? 0
            #expect(size > minimum, "\(file): \(size) bytes")
        }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/all-forest.png").path))
    }
}
