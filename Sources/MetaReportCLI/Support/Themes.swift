import Foundation
import ReviewKit

/// Theme lookup for the commands.
enum Themes {
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
