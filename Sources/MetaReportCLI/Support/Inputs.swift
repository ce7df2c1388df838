import Foundation
import MetaAnalysis
import ReviewKit

/// Loading what the commands are given, reporting problems the same way everywhere.
enum Inputs {
    static func isReviewFile(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml")
    }

    /// Loads and checks a review file; prints its diagnostics (warnings too) and stops on errors.
    static func loadReview(_ path: String, allowOutsidePaths: Bool = false, strict: Bool = false,
                           quiet: Bool = false) throws -> Review {
        let result = ReviewLoader(options: .init(allowOutsidePaths: allowOutsidePaths, strict: strict))
            .load(URL(fileURLWithPath: path), displayPath: path)
        var diagnostics = result.diagnostics
        diagnostics += ReviewValidation.figureProblems(result)
        if !quiet || diagnostics.hasErrors { Console.report(diagnostics) }
        guard let review = result.review, !diagnostics.hasErrors else { throw ExitStatus.invalidInput }
        return review
    }

    /// Pools an analysis; engine failures are reported at the analysis.
    static func run(_ analysis: Analysis, predictionInterval: PredictionIntervalMethod = .higginsTkMinus2) throws -> AnalysisOutcome {
        do {
            return try analysis.run(predictionInterval: predictionInterval)
        } catch {
            Console.report(error.diagnostics)
            throw ExitStatus.invalidInput
        }
    }
}
