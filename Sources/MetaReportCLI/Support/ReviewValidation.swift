import Figures
import Foundation
import ReviewKit

/// Everything `validate` checks: the review file and its data (ReviewKit), plus what only the
/// layers above know — figure ids and options, and theme names.
enum ReviewValidation {
    static func check(path: String, options: ReviewLoader.Options) -> [Diagnostic] {
        let url = URL(fileURLWithPath: path)
        let result = ReviewLoader(options: options).load(url, displayPath: path)
        guard let review = result.review else { return result.diagnostics }
        return result.diagnostics + figureProblems(review, shownDirectory: (path as NSString).deletingLastPathComponent)
    }

    /// Unknown figures, figures in the wrong place, bad options, unknown themes.
    static func figureProblems(_ review: Review, shownDirectory: String = "") -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for analysis in review.analyses {
            diagnostics += FigureRegistry.check(analysis.figures, scope: .analysis)
        }
        if let theme = review.theme, ThemeLibrary.named(theme) == nil {
            let directory = review.file?.deletingLastPathComponent()
            let shown = shownDirectory.isEmpty ? theme : (shownDirectory as NSString).appendingPathComponent(theme)
            if case .failure(let error) = ThemeLibrary.resolve(theme, relativeTo: directory, shownAs: shown) {
                diagnostics += error.diagnostics
            }
        }
        return diagnostics
    }
}
