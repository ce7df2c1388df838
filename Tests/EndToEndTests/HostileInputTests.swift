import Foundation
import Testing

/// Hostile and broken inputs: each gives its exact message and exit code, and no run ends by a
/// signal. Large inputs are generated here rather than kept in the repository.
@Suite struct HostileInputTests {
    /// One case: files to write, the command, and what it must print on standard error.
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var files: @Sendable () -> [String: Data]
        var arguments: [String]
        var status: Int32
        /// Standard error exactly, or nil to check `stderrContains` only.
        var stderr: String?
        var stderrContains: [String] = []
        var stdoutContains: [String] = []

        var description: String { name }
    }

    static let binaryHeader = "study,exp_events,exp_total,ctrl_events,ctrl_total\n"
    static func review(data: String, measure: String = "RR") -> Data {
        Data("title: Hostile\nanalyses:\n  - id: main\n    title: Main\n    measure: \(measure)\n    method: DL\n    data: \(data)\n".utf8)
    }

    static let cases: [Case] = [
        Case(name: "binary garbage as the review file",
             files: { ["review.yaml": Data((0..<4096).map { UInt8(($0 * 37 + 11) % 256) })] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "review.yaml:2: error: the review file contains a NUL byte: it looks like a binary file\n    Point metareport at the YAML review file.\nreview.yaml: 1 error\n"),
        Case(name: "binary garbage as the data file",
             files: { ["review.yaml": review(data: "data.csv"), "data.csv": Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array(repeating: 0xFF, count: 100))] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "data.csv:1: error: the file contains a NUL byte: it looks like a binary file, not CSV\n    Save the spreadsheet as 'CSV UTF-8 (comma delimited)'.\nreview.yaml: 1 error\n"),
        Case(name: "invalid UTF-8 in the review file",
             files: { ["review.yaml": Data("title: ok\nsummary: caf".utf8) + Data([0xE9, 0x0A])] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "review.yaml:2: error: the review file is not valid UTF-8 text\n    Save it as UTF-8 (most editors offer it under 'Save with encoding').\nreview.yaml: 1 error\n"),
        Case(name: "Latin-1 CSV from an old spreadsheet",
             files: { ["review.yaml": review(data: "data.csv"), "data.csv": Data(binaryHeader.utf8) + Data("M".utf8) + Data([0xFC]) + Data("ller,1,10,2,10\n".utf8)] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "data.csv:2: error: the file is not valid UTF-8 text\n    Save it as 'CSV UTF-8' from your spreadsheet, or convert it: iconv -f latin1 -t utf-8.\nreview.yaml: 1 error\n"),
        Case(name: "NUL bytes inside a CSV field",
             files: { ["review.yaml": review(data: "data.csv"), "data.csv": Data((binaryHeader + "A,1,10,2,10\nB\u{0},1,10,2,10\n").utf8)] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "data.csv:3: error: the file contains a NUL byte: it looks like a binary file, not CSV\n    Save the spreadsheet as 'CSV UTF-8 (comma delimited)'.\nreview.yaml: 1 error\n"),
        Case(name: "deeply nested YAML",
             files: { ["review.yaml": Data(("title: deep\nsummary: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n").utf8)] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "review.yaml:2:74: error: the review file nests brackets more than 64 levels deep\n    Review files nest only a few levels; check for unbalanced '[' or '{'.\nreview.yaml: 1 error\n"),
        Case(name: "deeply indented YAML",
             files: { ["review.yaml": Data(("title: deep\n" + (0..<2000).map { String(repeating: " ", count: $0) + "a\($0):" }.joined(separator: "\n") + "\n").utf8)] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderrContains: ["error: the review file is indented more than 512 spaces"]),
        Case(name: "billion laughs",
             files: {
                 var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                 for level in 1...9 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
                 return ["review.yaml": Data((yaml + "title: laughs\nanalyses: *a9\nauthors: *a9\n").utf8)]
             },
             arguments: ["validate", "review.yaml"], status: 3,
             stderrContains: ["review.yaml:1:1: error: unknown key 'a0' in the review file", "error: an analysis must be a mapping"]),
        Case(name: "billion laughs as a mapping key",
             files: {
                 var yaml = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
                 for level in 1...9 { yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
                 return ["review.yaml": Data((yaml + "title: laughs\nsummary: {? *a9 : x}\n").utf8)]
             },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "review.yaml:12:13: error: an alias (*name) is used as a mapping key\n    Write the key out; aliases are allowed only as values.\nreview.yaml: 1 error\n"),
        Case(name: "right-to-left and combining characters in labels",
             files: { ["review.yaml": review(data: "data.csv"),
                       "data.csv": Data((binaryHeader + "\"\u{202E}evil label\u{202C}\",3,40,7,41\n\"שלום 2001\",4,50,9,52\n\"Z\u{0351}\u{0358}\u{0360}a\u{0315}l\u{0327}go\",5,60,6,61\n").utf8)] },
             arguments: ["render", "review.yaml", "-o", "out", "--format", "html,svg,png,pdf"], status: 0, stderr: nil,
             stdoutContains: ["review.yaml → "]),
        Case(name: "labels of 10,000 characters",
             files: { ["review.yaml": review(data: "data.csv"),
                       "data.csv": Data((binaryHeader + (0..<3).map { "\"" + String(repeating: "Very long label \($0) ", count: 500).prefix(10_000) + "\",\(3 + $0),40,7,41" }.joined(separator: "\n") + "\n").utf8)] },
             arguments: ["render", "review.yaml", "-o", "out", "--format", "html,svg,pdf"], status: 0, stderr: nil,
             stdoutContains: ["review.yaml → "]),
        Case(name: "numbers like 1e308 and -0",
             files: { ["review.yaml": review(data: "data.csv", measure: "MD"),
                       "data.csv": Data("study,exp_mean,exp_sd,exp_total,ctrl_mean,ctrl_sd,ctrl_total\nA,1e308,1,20,-1e308,1,20\nB,-0,1,20,0,1,20\n".utf8)] },
             arguments: ["analyze", "review.yaml"], status: 3,
             stderrContains: ["error: analysis 'main' cannot be computed"]),
        Case(name: "a number beyond Double",
             files: { ["review.yaml": review(data: "data.csv"), "data.csv": Data((binaryHeader + "A,1e400,10,2,10\n").utf8)] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "data.csv:row 2, column exp_events: error: the value is not a finite number ('1e400')\n    Write a plain number such as 12 or 0.35.\nreview.yaml: 1 error\n"),
        Case(name: "SDs of 0 and totals of 0",
             files: { ["review.yaml": review(data: "data.csv", measure: "SMD"),
                       "data.csv": Data("study,exp_mean,exp_sd,exp_total,ctrl_mean,ctrl_sd,ctrl_total\nA,1,0,20,2,1,20\nB,1,1,0,2,1,0\n".utf8)] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: """
                 data.csv:row 2, column exp_sd: error: the standard deviation must be greater than 0, not 0
                     An SD of 0 usually means it was not reported: impute it (Cochrane Handbook 6.5.2) or leave the study out.
                 data.csv:row 3, column exp_total: error: the total must be at least 1, not 0
                     An arm with no participants cannot be analysed: remove the study or correct the total.
                 data.csv:row 3, column ctrl_total: error: the total must be at least 1, not 0
                     An arm with no participants cannot be analysed: remove the study or correct the total.
                 review.yaml: 3 errors

                 """),
        Case(name: "a 50 MB CSV",
             files: {
                 var csv = binaryHeader.dropLast() + ",notes\n"
                 let note = String(repeating: "x", count: 5_000)
                 for i in 0..<10_000 { csv += "S\(i),\(1 + i % 9),\(40 + i % 300),\(2 + i % 11),\(41 + i % 300),\(note)\n" }
                 return ["review.yaml": review(data: "data.csv"), "data.csv": Data(csv.utf8)]
             },
             arguments: ["validate", "review.yaml"], status: 0, stderr: "", stdoutContains: ["review.yaml: valid"]),
        Case(name: "a 1-million-row CSV",
             files: {
                 var csv = binaryHeader
                 csv.reserveCapacity(25_000_000)
                 for i in 0..<1_000_000 { csv += "S\(i),\(1 + i % 9),\(40 + i % 300),\(2 + i % 11),\(41 + i % 300)\n" }
                 return ["review.yaml": review(data: "data.csv"), "data.csv": Data(csv.utf8)]
             },
             arguments: ["validate", "review.yaml"], status: 0, stderr: "", stdoutContains: ["review.yaml: valid"]),
        Case(name: "a data path outside the review's folder",
             files: { ["review.yaml": review(data: "/etc/passwd")] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "review.yaml:7:11: error: the path '/etc/passwd' leads outside the review file's folder\n    Keep the files a review reads (data, themes) in its folder or below, or pass --allow-outside-paths if you trust this review file.\nreview.yaml: 1 error\n"),
        Case(name: "a theme path outside the review's folder (never read, never echoed)",
             files: { ["review.yaml": Data("theme: /etc/passwd\n".utf8) + review(data: "data.csv"),
                       "data.csv": Data("study,exp_events,exp_total,ctrl_events,ctrl_total\nA,1,10,2,10\n".utf8)] },
             arguments: ["validate", "review.yaml"], status: 3,
             stderr: "review.yaml:1:8: error: the path '/etc/passwd' leads outside the review file's folder\n    Keep the files a review reads (data, themes) in its folder or below, or pass --allow-outside-paths if you trust this review file.\nreview.yaml: 1 error\n"),
    ]

    /// A device or a pipe given as a file is refused before it is read (it would never end, or block).
    @Test func devicesAndPipesAreNotFiles() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("review.yaml")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        for path in ["/dev/zero", pipe.path] {
            let run = try CLI.run(["validate", path])
            #expect(run.status == 3)
            #expect(run.stderr.hasPrefix("\(path): error: '\(path)' is not a regular file (it is a device, a pipe or a socket)"), "\(run.stderr)")
        }
        let csv = try CLI.run(["analyze", "/dev/zero", "--measure", "RR"])
        #expect(csv.status == 3)
        #expect(csv.stderr.contains("is not a regular file"))
    }

    /// Bytes that are not XML at all, named .rm5: the message does not invent an XML declaration.
    @Test func randomBytesAsARevManFile() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("noise.rm5")
        try Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 77) | 0x80 }).write(to: file)
        let run = try CLI.run(["import-revman", file.path, "--check"])
        #expect(run.status == 3)
        #expect(run.stderr.contains("the file is not valid UTF-8, which XML assumes when there is no declaration"), "\(run.stderr)")
    }

    @Test(arguments: cases)
    func hostileInputGivesItsMessage(_ hostile: Case) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, data) in hostile.files() { try data.write(to: folder.appendingPathComponent(name)) }
        let run = try CLI.run(hostile.arguments, in: folder)
        #expect(run.exited, "\(hostile.name): ended by a signal")
        #expect(run.status == hostile.status, "\(hostile.name): \(run.stderr.prefix(2000))")
        if let expected = hostile.stderr { #expect(run.stderr == expected) }
        for fragment in hostile.stderrContains { #expect(run.stderr.contains(fragment), "\(hostile.name): \(run.stderr.prefix(2000))") }
        for fragment in hostile.stdoutContains { #expect(run.stdout.contains(fragment), "\(hostile.name): \(run.stdout.prefix(500))") }
    }
}
