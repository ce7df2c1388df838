import Foundation
import ReviewKit

/// Reports rendering progress: a bar on a terminal, a line per review otherwise, nothing with
/// --quiet (errors are always printed). Safe to call from parallel work.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let quiet: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var done = 0
    private let lock = NSLock()

    init(total: Int, quiet: Bool) {
        self.total = total
        self.quiet = quiet
    }

    func finished(_ outcome: RenderOutcome, verbose: Bool) {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        if isTerminal && !quiet && total > 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        // Problems first, whole, so parallel reviews never interleave their messages.
        let shown = quiet && !outcome.failed ? outcome.diagnostics.filter { $0.severity == .error } : outcome.diagnostics
        Console.report(shown)
        if outcome.failed {
            Console.error("\(outcome.path): \(outcome.error ?? "not rendered: \(outcome.diagnostics.filter { $0.severity == .error }.count) error(s)")")
        } else if !quiet {
            if verbose { for note in outcome.notes { Console.error("\(outcome.path): note: \(note)") } }
            let target = outcome.destination.map { $0.path + (outcome.hasHTML ? "/report.html" : "") } ?? "?"
            Console.out("\(outcome.path) → \(target)" + (verbose ? String(format: " (%.2f s)", locale: Locale(identifier: "en_US_POSIX"), outcome.seconds) : ""))
        }
        if isTerminal && !quiet && total > 1 && done < total {
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write(Data("[\(bar)] \(done)/\(total)".utf8))
        }
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal && !quiet && total > 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
