import Foundation
import Testing

/// Opens a rendered report in headless Chromium (installed by `make deps`): the page loads, makes
/// no network request of its own, logs no error, and a screenshot is written for people to look at
/// (`.build/report-screenshot.png`).
@Suite(.serialized) struct ReportBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct PageLoad {
        var requests: [String]
        var consoleErrors: [String]
        var screenshot: Data?
    }

    /// Loads `page` and reports the requests the page itself made (Chromium's own background
    /// traffic has no origin and is left out) and what it logged to the console.
    static func load(_ page: URL, screenshot: URL) throws -> PageLoad {
        guard let chromium else {
            Issue.record("Chromium is not installed: run `make deps` (it installs Debian's chromium package).")
            return PageLoad(requests: [], consoleErrors: [], screenshot: nil)
        }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let netlog = folder.appendingPathComponent("netlog.json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--disable-background-networking", "--disable-component-update", "--disable-sync",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--window-size=1280,2600", "--screenshot=\(screenshot.path)",
                             "--log-net-log=\(netlog.path)", "--enable-logging=stderr", "--v=0", page.absoluteString]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var requests: [String] = []
        if let data = try? Data(contentsOf: netlog),
           let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
           let constants = json["constants"] as? [String: Any],
           let types = constants["logEventTypes"] as? [String: Int],
           let start = types["URL_REQUEST_START_JOB"],
           let events = json["events"] as? [[String: Any]] {
            for event in events where event["type"] as? Int == start {
                guard let params = event["params"] as? [String: Any], let url = params["url"] as? String else { continue }
                // Requests the page makes carry its origin ("null" for file: pages).
                if params["initiator"] as? String != "not an origin" { requests.append(url) }
            }
        }
        let console = log.split(separator: "\n").filter { $0.contains(":CONSOLE") || $0.contains("Refused to") }.map(String.init)
        return PageLoad(requests: requests.filter { !$0.hasPrefix("file:") && !$0.hasPrefix("data:") },
                        consoleErrors: console, screenshot: try? Data(contentsOf: screenshot))
    }

    @Test func theCheckCatchesALeakyPage() throws {
        guard Self.chromium != nil else { Issue.record("Chromium is not installed: run `make deps`."); return }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("leaky.html")
        try "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/x.png\"><script>console.error('boom')</script></body></html>"
            .write(to: page, atomically: true, encoding: .utf8)
        let load = try Self.load(page, screenshot: folder.appendingPathComponent("leaky.png"))
        #expect(load.requests.contains("http://127.0.0.1:9/x.png"))
        #expect(load.consoleErrors.contains { $0.contains("boom") })
    }

    @Test func exampleReportLoadsCleanly() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let review = CLI.root.appendingPathComponent("examples/bcg-vaccine/review.yaml")
        let render = try CLI.run(["render", review.path, "-o", folder.path, "--format", "html"])
        #expect(render.status == 0, "\(render.stderr)")
        let shot = CLI.root.appendingPathComponent(".build/report-screenshot.png")
        let load = try Self.load(folder.appendingPathComponent("report.html"), screenshot: shot)
        #expect(load.requests.isEmpty, "the report made requests: \(load.requests)")
        #expect(load.consoleErrors.isEmpty, "the report logged: \(load.consoleErrors)")
        let png = try #require(load.screenshot)
        #expect(png.count > 20_000, "the screenshot looks empty")
    }
}

/// Printed, the report's tables wrap to the page: on screen a wide table scrolls sideways, which
/// paper cannot do, so without the print stylesheet's rules its right-hand columns are cut off.
@Suite(.serialized) struct ReportPrintTests {
    @Test func aWideTableKeepsEveryColumnOnThePage() throws {
        guard let chromium = ReportBrowserTests.chromium else {
            Issue.record("Chromium is not installed: run `make deps` (it installs Debian's chromium package).")
            return
        }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Fourteen columns of prose with long words, like the ketamine reviews' characteristics
        // ("hydrochloride", "encephalopathy"): unbroken, their words alone are wider than the page.
        // Each column's last cell ends in a short marker (Col1 … Col14) that must be on the page.
        let columns = (1...14).map { "Column heading number \($0)" }
        let prose = "Participants with electroencephalographically confirmed posttraumatic neuropathic pain and allodynia"
        var csv = columns.joined(separator: ",") + "\n"
        for row in 1...3 {
            csv += (1...14).map { "\"\(prose) \(row == 3 ? "Col\($0)" : "")\"" }.joined(separator: ",") + "\n"
        }
        try csv.write(to: folder.appendingPathComponent("characteristics.csv"), atomically: true, encoding: .utf8)
        try "title: Wide table\ncharacteristics: characteristics.csv\n"
            .write(to: folder.appendingPathComponent("review.yaml"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let render = try CLI.run(["render", folder.appendingPathComponent("review.yaml").path, "-o", out.path, "--format", "html"])
        #expect(render.status == 0, "\(render.stderr)")

        let pdf = folder.appendingPathComponent("report.pdf")
        let print = Process()
        print.executableURL = URL(fileURLWithPath: chromium)
        print.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                           "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--no-pdf-header-footer",
                           "--print-to-pdf=\(pdf.path)", out.appendingPathComponent("report.html").absoluteString]
        print.standardOutput = FileHandle.nullDevice
        print.standardError = FileHandle.nullDevice
        try print.run()
        print.waitUntilExit()
        // pdftotext reads only what lies on the page: text cut off at its edge is missing.
        let pdftotext = Process()
        pdftotext.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        pdftotext.arguments = [pdf.path, "-"]
        let output = Pipe()
        pdftotext.standardOutput = output
        try pdftotext.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        pdftotext.waitUntilExit()
        #expect(text.contains("Characteristics of included studies"), "no text in the printed page")
        for column in 1...14 {
            #expect(text.contains("Col\(column)"), "column \(column) is cut off the printed page")
        }
    }
}
