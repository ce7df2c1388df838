import Foundation
import Testing

/// Every command in the README and in docs/ runs as written.
///
/// The test reads each document's fenced blocks in order:
///
/// - In ```sh (or ```bash, ```shell) blocks, every line that starts with `metareport`,
///   `.build/debug/metareport` (or another `.build…/debug|release/metareport`) is run through the built executable,
///   from the top of a temporary copy of the repository (README.md, docs/, examples/, Tests/Fixtures/), so files the
///   command writes (`-o out/bcg`) land in the copy. It must exit with 0, or with the status its
///   comment names (`# exits with 3`). `\` continues a line; quotes and `*` work as in a shell.
///   `make …`, `swift …` and package-manager lines are not run (they build and install). Any other
///   line fails the test: a document must not show a command that nobody checks.
/// - A block whose info string names a file (```yaml file=my-review/review.yaml) is written to that
///   path in the copy before the commands after it run — or, when the file is part of the
///   repository, must equal it, so a document that quotes a file cannot drift from it.
/// - A command with `--watch` must start, render and keep watching; it is then stopped.
@Suite struct DocumentationCommandsTests {
    /// The documents whose commands must run.
    static let documents: [String] = {
        let docs = ((try? FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("docs").path)) ?? [])
            .filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
        return ["README.md"] + docs
    }()

    @Test(arguments: documents)
    func commandsRunAsWritten(document: String) throws {
        let text = try String(contentsOf: CLI.root.appendingPathComponent(document), encoding: .utf8)
        let steps = try DocumentSteps.parse(text, document: document)
        let copy = try RepositoryCopy.make()
        defer { try? FileManager.default.removeItem(at: copy) }
        let runner = DocumentRunner(folder: copy, figureIDs: try Self.figureIDs())
        for step in steps {
            if let failure = try runner.perform(step) { Issue.record("\(failure)") }
        }
    }

    /// The documents that must show commands do, and the extraction finds them.
    @Test func documentsShowCommands() throws {
        var total = 0
        for document in Self.documents {
            let text = try String(contentsOf: CLI.root.appendingPathComponent(document), encoding: .utf8)
            let commands = try DocumentSteps.parse(text, document: document).filter { if case .run = $0 { true } else { false } }
            total += commands.count
            if ["README.md", "docs/getting-started.md", "docs/cli.md", "docs/themes.md", "docs/figures.md"].contains(document) {
                #expect(!commands.isEmpty, "\(document) shows no metareport command the test can find")
            }
        }
        #expect(total >= 30, "only \(total) commands found in the README and docs/")
    }

    /// Every relative link in the README and docs/ points at a file or folder that exists.
    @Test(arguments: documents)
    func relativeLinksExist(document: String) throws {
        let url = CLI.root.appendingPathComponent(document)
        let text = try String(contentsOf: url, encoding: .utf8)
        for match in text.matches(of: #/\]\(([^)\s]+)\)/#) {
            let target = String(match.1)
            if target.hasPrefix("#") || target.contains("://") || target.hasPrefix("mailto:") { continue }
            let path = String(target.split(separator: "#", maxSplits: 1).first ?? "")
            let resolved = url.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
            #expect(FileManager.default.fileExists(atPath: resolved.path), "\(document): the link '\(target)' leads nowhere")
        }
    }

    // MARK: - Themes: the built-in ones and the worked example of docs/themes.md

    /// Every file in themes/ loads (a built-in theme with a mistake is left out of the tool) and
    /// docs/themes.md's table names each one.
    @Test func builtInThemesAreListedAndDocumented() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("themes").path)
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
        let run = try CLI.run(["themes"])
        #expect(run.status == 0)
        let listed = run.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }.sorted()
        #expect(listed == files)
        let page = try String(contentsOf: CLI.root.appendingPathComponent("docs/themes.md"), encoding: .utf8)
        for name in files {
            #expect(page.contains("| `\(name)`"), "docs/themes.md does not list the theme \(name)")
        }
    }

    /// The example theme changes what it says it changes, and only through `extends`.
    @Test func theExampleThemeIsApplied() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("forest.svg").path
        let run = try CLI.run(["figure", "forest", "examples/bcg-vaccine/data/bcg.csv", "--measure", "RR",
                               "--theme", "examples/themes/house-style.yaml", "-o", output], in: CLI.root)
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOfFile: output, encoding: .utf8).lowercased()
        #expect(svg.contains("fill=\"#6a3d9a\""), "the theme's study colour is not used")
        #expect(svg.contains("font-family=\"'dejavu sans'"), "the theme's font is not used")
        #expect(!svg.contains("#1f4fb4"), "cochrane's study colour is still used")
        // The prediction interval keeps cochrane's colour: the file does not change it.
        #expect(svg.contains("#c00000"))
    }

    // MARK: - The checker itself can fail

    @Test func aWrongFlagFails() throws {
        let failures = try Self.failures(of: """
            ```sh
            .build/debug/metareport render examples/bcg-vaccine/review.yaml --no-such-flag -o out/x
            ```
            """)
        #expect(failures.count == 1)
        #expect(failures.first?.contains("exited with 2") == true)
    }

    @Test func aWrongExpectedStatusFails() throws {
        let failures = try Self.failures(of: """
            ```sh
            metareport validate examples/bcg-vaccine/review.yaml   # exits with 3
            ```
            """)
        #expect(failures.count == 1)
    }

    @Test func aMissingInputFails() throws {
        let failures = try Self.failures(of: """
            ```sh
            metareport figure forest examples/no-such/data.csv --measure RR -o f.svg
            ```
            """)
        #expect(failures.count == 1)
    }

    @Test func anUncheckedCommandFails() {
        #expect(throws: DocumentSteps.Problem.self) {
            _ = try DocumentSteps.parse("```sh\nmetareprot render examples/bcg-vaccine/review.yaml\n```\n", document: "t.md")
        }
        #expect(throws: DocumentSteps.Problem.self) {
            _ = try DocumentSteps.parse("```sh\nmetareport figures | head\n```\n", document: "t.md")
        }
    }

    @Test func aQuotedFileMustMatchTheRepository() throws {
        let failures = try Self.failures(of: """
            ```csv file=examples/bcg-vaccine/data/bcg.csv
            study,exp_events
            ```
            """)
        #expect(failures.count == 1)
    }

    @Test func writtenFilesAndQuotingWork() throws {
        let failures = try Self.failures(of: """
            ```yaml file=mine/review.yaml
            title: "A review"
            analyses:
              - {id: a, title: A, measure: RR, figures: [forest], data: data.csv}
            ```

            ```csv file=mine/data.csv
            study,exp_events,exp_total,ctrl_events,ctrl_total
            "Smith, 2001",3,40,7,41
            "Jones, 2003",4,41,8,42
            ```

            ```sh
            # a comment line
            metareport validate mine/review.yaml       # a comment with 'quotes'
            metareport figure forest mine/data.csv --measure RR --favours "Favours A,Favours B" \\
              --arms 'A arm,B arm' -o forest.svg
            metareport render ex*/bcg-vaccine/review.yaml -o out/bcg -q
            metareport validate mine/missing.yaml      # exits with 3
            make demo
            ```
            """)
        #expect(failures.isEmpty, "\(failures)")
    }

    static func failures(of markdown: String) throws -> [String] {
        let copy = try RepositoryCopy.make()
        defer { try? FileManager.default.removeItem(at: copy) }
        let runner = DocumentRunner(folder: copy, figureIDs: try figureIDs())
        return try DocumentSteps.parse(markdown, document: "test.md").compactMap { try runner.perform($0) }
    }

    /// The ids `metareport figures` lists.
    static func figureIDs() throws -> Set<String> {
        let run = try CLI.run(["figures"])
        return Set(run.stdout.split(separator: "\n").compactMap { line -> String? in
            guard !line.hasPrefix(" "), let id = line.split(separator: " ").first else { return nil }
            return String(id)
        })
    }
}

/// What a document asks for, in order.
enum DocumentStep {
    /// A file shown in the document (```yaml file=PATH).
    case file(path: String, content: String, place: String)
    /// A metareport command.
    case run(DocumentCommand)
}

struct DocumentCommand {
    var place: String
    var text: String
    /// The arguments after `metareport`, unquoted, before glob expansion.
    var words: [Word]
    var expectedStatus: Int32

    struct Word: Equatable {
        var text: String
        /// Unquoted and containing `*`, `?` or `[`: expanded against the files, as a shell does.
        var isPattern: Bool
    }

    var watches: Bool { words.contains { $0.text == "--watch" } }
}

/// Finds the fenced blocks and commands of a Markdown document.
enum DocumentSteps {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Lines shown in shell blocks that are not run: they build, install, fetch or set up the shell.
    static let notRun = ["make", "swift", "sudo", "apt-get", "git", "export"]

    static func parse(_ markdown: String, document: String) throws -> [DocumentStep] {
        var steps: [DocumentStep] = []
        let lines = markdown.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("```") else { index += 1; continue }
            let indent = line.count - trimmed.count
            let fence = String(trimmed.prefix { $0 == "`" })
            let info = trimmed.dropFirst(fence.count).split(separator: " ").map(String.init)
            let start = index + 1
            var end = start
            while end < lines.count, !lines[end].drop(while: { $0 == " " }).hasPrefix(fence) { end += 1 }
            let body = lines[start..<min(end, lines.count)].map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
            index = end + 1
            let language = info.first ?? ""
            if let file = info.dropFirst().first(where: { $0.hasPrefix("file=") }) {
                steps.append(.file(path: String(file.dropFirst(5)), content: body.joined(separator: "\n") + "\n",
                                   place: "\(document):\(start)"))
            } else if ["sh", "bash", "shell"].contains(language) {
                steps += try commands(in: body, document: document, firstLine: start + 1).map { .run($0) }
            }
        }
        return steps
    }

    /// The commands of a shell block; `firstLine` is the 1-based line of its first body line.
    static func commands(in body: [String], document: String, firstLine: Int) throws -> [DocumentCommand] {
        var commands: [DocumentCommand] = []
        var pending = "", pendingLine = firstLine
        for (offset, raw) in body.enumerated() {
            if pending.isEmpty { pendingLine = firstLine + offset }
            if raw.hasSuffix("\\") {
                pending += raw.dropLast() + " "
                continue
            }
            let text = pending + raw
            pending = ""
            let place = "\(document):\(pendingLine)"
            if let first = text.split(separator: " ").first, notRun.contains(String(first)) { continue }
            let (words, comment) = try split(text, place: place)
            guard let first = words.first else { continue }
            guard first.text.wholeMatch(of: #/(\.build[^/]*/(debug|release)/)?metareport/#) != nil else {
                throw Problem(description: "\(place): '\(text)' is neither a metareport command nor one the test knows not to run (\(notRun.joined(separator: ", "))); show only commands that run as written")
            }
            var status: Int32 = 0
            if let comment, let match = comment.firstMatch(of: #/exits? (?:with )?(\d+)/#) { status = Int32(match.1) ?? 0 }
            commands.append(DocumentCommand(place: place, text: text.trimmingCharacters(in: .whitespaces),
                                            words: Array(words.dropFirst()), expectedStatus: status))
        }
        return commands
    }

    /// Splits a command line into words as a POSIX shell does for simple commands: single and
    /// double quotes, backslash escapes, `#` comments. Pipes, redirections, variables and command
    /// substitution are refused: a documented command must stand on its own.
    static func split(_ line: String, place: String) throws -> (words: [DocumentCommand.Word], comment: String?) {
        var words: [DocumentCommand.Word] = []
        var current = "", inWord = false, pattern = false
        var characters = Array(line)[...]
        func finish() {
            if inWord { words.append(.init(text: current, isPattern: pattern)) }
            current = ""; inWord = false; pattern = false
        }
        while let c = characters.popFirst() {
            switch c {
            case " ", "\t":
                finish()
            case "#" where !inWord:
                finish()
                return (words, String(characters))
            case "'":
                inWord = true
                while let q = characters.popFirst(), q != "'" { current.append(q) }
            case "\"":
                inWord = true
                while let q = characters.popFirst(), q != "\"" {
                    if q == "$" || q == "`" { throw Problem(description: "\(place): '\(line)' uses shell expansion; write the value out") }
                    if q == "\\", let next = characters.first, "\"\\$`".contains(next) {
                        current.append(characters.removeFirst())
                    } else {
                        current.append(q)
                    }
                }
            case "\\":
                inWord = true
                if let next = characters.popFirst() { current.append(next) }
            case "|", "&", ";", "<", ">", "$", "`", "(", ")":
                throw Problem(description: "\(place): '\(line)' needs a shell ('\(c)'); document a single command")
            default:
                inWord = true
                if "*?[".contains(c) { pattern = true }
                current.append(c)
            }
        }
        finish()
        return (words, nil)
    }
}

/// A temporary copy of what the documents' commands read: README.md, docs/, examples/ and the
/// test fixtures (the RevMan example lives there).
enum RepositoryCopy {
    static func make() throws -> URL {
        let folder = try CLI.temporaryFolder()
        for item in ["README.md", "docs", "examples", "Tests/Fixtures"] {
            try copy(CLI.root.appendingPathComponent(item), to: folder.appendingPathComponent(item))
        }
        return folder
    }

    /// Copies a file or folder, leaving out build folders and rendered reports.
    static func copy(_ source: URL, to destination: URL) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: source.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            try fm.copyItem(at: source, to: destination)
            return
        }
        try fm.createDirectory(at: destination, withIntermediateDirectories: true)
        for name in try fm.contentsOfDirectory(atPath: source.path) {
            if name.hasPrefix(".build") || name == ".swiftpm" || name == "report" || name == "out" { continue }
            try copy(source.appendingPathComponent(name), to: destination.appendingPathComponent(name))
        }
    }
}

/// Performs a document's steps in a repository copy; each returns a failure message or nil.
struct DocumentRunner {
    var folder: URL
    /// The registered figure ids (for the module guide's example module; see below).
    var figureIDs: Set<String>

    func perform(_ step: DocumentStep) throws -> String? {
        switch step {
        case .file(let path, let content, let place):
            let original = CLI.root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: original.path) {
                let actual = try String(contentsOf: original, encoding: .utf8)
                return actual == content ? nil : "\(place): the document shows \(path), but its text differs from the repository's file"
            }
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: target, atomically: true, encoding: .utf8)
            return nil
        case .run(let command):
            return try run(command)
        }
    }

    func run(_ command: DocumentCommand) throws -> String? {
        let arguments = try command.words.flatMap { word -> [String] in
            guard word.isPattern else { return [word.text] }
            let matches = Glob.expand(word.text, in: folder)
            guard !matches.isEmpty else { throw DocumentSteps.Problem(description: "\(command.place): '\(word.text)' matches no file") }
            return matches
        }
        var expected = command.expectedStatus
        var expectedMessage: String?
        // docs/adding-a-figure-module.md walks through adding `labbe`; until such a module is
        // registered its commands must fail for exactly that reason, and once it is, they must run.
        if command.place.hasPrefix("docs/adding-a-figure-module.md:"), arguments.first == "figure",
           arguments.count > 1, !figureIDs.contains(arguments[1]) {
            expected = 2
            expectedMessage = "unknown figure '\(arguments[1])'"
        }
        if command.watches { return try watch(command, arguments: arguments) }
        let result = try CLI.run(arguments, in: folder)
        if result.status != expected {
            return "\(command.place): `\(command.text)` exited with \(result.status), not \(expected)\n\(result.stderr.suffix(1500))"
        }
        if let expectedMessage, !result.stderr.contains(expectedMessage) {
            return "\(command.place): `\(command.text)` failed, but not with \"\(expectedMessage)\"\n\(result.stderr.suffix(1500))"
        }
        return nil
    }

    /// Starts a `--watch` command, waits until it has rendered and watches, then stops it.
    func watch(_ command: DocumentCommand, arguments: [String]) throws -> String? {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let log = folder.appendingPathComponent(".watch-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        defer {
            // SIGKILL: the test runner's threads block SIGTERM, and the child inherits that mask.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(300)
        var text = ""
        while Date() < deadline, process.isRunning {
            text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if text.contains("Watching") { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        guard text.contains("Watching") else {
            return "\(command.place): `\(command.text)` did not start watching\(process.isRunning ? "" : " (exited with \(process.terminationStatus))")\n\(text.suffix(1500))"
        }
        Thread.sleep(forTimeInterval: 1)
        guard process.isRunning else {
            return "\(command.place): `\(command.text)` stopped watching (exited with \(process.terminationStatus))\n\(text.suffix(1500))"
        }
        return nil
    }
}

/// Shell-style expansion of `*`, `?` and `[…]` in relative paths, sorted as a shell sorts them.
enum Glob {
    static func expand(_ pattern: String, in folder: URL) -> [String] {
        var paths = [""]
        for component in pattern.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            var next: [String] = []
            for base in paths {
                if !component.contains(where: { "*?[".contains($0) }) {
                    next.append(base.isEmpty ? component : base + "/" + component)
                    continue
                }
                let directory = base.isEmpty ? folder : folder.appendingPathComponent(base)
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
                for name in names where !name.hasPrefix(".") && fnmatch(component, name, 0) == 0 {
                    next.append(base.isEmpty ? name : base + "/" + name)
                }
            }
            paths = next
        }
        return paths.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
    }
}
