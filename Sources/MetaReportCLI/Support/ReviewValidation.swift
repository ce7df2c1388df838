import Foundation
import ReviewKit

/// Everything `validate` checks: the review file and its data (ReviewKit), plus what only the
/// layers above know — figure ids and options, and theme names.
enum ReviewValidation {
    static func check(path: String, options: ReviewLoader.Options) -> [Diagnostic] {
        let url = URL(fileURLWithPath: path)
        let result = ReviewLoader(options: options).load(url, displayPath: path)
        return result.diagnostics
    }
}
