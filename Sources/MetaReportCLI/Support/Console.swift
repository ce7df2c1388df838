import Foundation
import ReviewKit

/// Where the CLI writes: results to standard output, messages to standard error.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints diagnostics to standard error, errors first, each with its place and hint.
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics.sorted(by: { ($0.severity == .error ? 0 : 1) < ($1.severity == .error ? 0 : 1) }) {
            error(diagnostic.description)
        }
    }
}
