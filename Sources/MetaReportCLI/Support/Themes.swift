import ArgumentParser
import Foundation
import ReviewKit

/// Theme lookup for the commands.
enum Themes {
    /// The theme `--theme` names: a name that is neither built in nor a file is a usage error
    /// (exit 2); a theme file with errors is invalid input (exit 3).
    static func commandLine(_ reference: String) throws -> Theme {
        if ThemeLibrary.named(reference) == nil, !FileManager.default.fileExists(atPath: reference) {
            let hint = Suggestion.nearest(to: reference, among: ThemeLibrary.names).map { " Did you mean '\($0)'?" } ?? ""
            throw ValidationError("--theme: there is no theme called '\(reference)' and no such file.\(hint) Built-in themes: \(ThemeLibrary.names.joined(separator: ", ")).")
        }
        return try load(reference)
    }

    /// `--dpi`: a finite resolution above zero, else a usage error.
    static func checkResolution(_ dpi: Double) throws {
        guard dpi.isFinite, dpi > 0 else {
            throw ValidationError("--dpi must be a number of dots per inch above 0, such as 300; not \(dpi).")
        }
    }

    /// The theme named (built-in or a file), or the default; problems stop the command.
    static func load(_ reference: String?, relativeTo directory: URL? = nil) throws -> Theme {
        guard let reference else { return ThemeLibrary.standard }
        switch ThemeLibrary.resolve(reference, relativeTo: directory) {
        case .success(let theme): return theme
        case .failure(let error):
            Console.report(error.diagnostics)
            throw ExitStatus.invalidInput
        }
    }
}
