import Figures
import Foundation
import ReviewKit

/// Everything `validate` checks: the review file and its data (ReviewKit), plus what only the
/// layers above know — figure ids and options, and theme names.
enum ReviewValidation {
    static func check(path: String, options: ReviewLoader.Options) -> [Diagnostic] {
        let url = URL(fileURLWithPath: path)
        let result = ReviewLoader(options: options).load(url, displayPath: path)
        let figures = figureProblems(result)
        guard let review = result.review else { return result.diagnostics + figures }
        return result.diagnostics + figures + poolingProblems(review)
    }

    /// Data that reads well but cannot be pooled (every study not estimable, say): `render` would
    /// stop on it, so `validate` reports it too.
    static func poolingProblems(_ review: Review) -> [Diagnostic] {
        review.analyses.flatMap { analysis -> [Diagnostic] in
            do {
                _ = try analysis.run(request: .pooledOnly)
                return []
            } catch let error as InputError {
                return error.diagnostics
            } catch {
                return [.error(analysis.location, "analysis '\(analysis.id)' cannot be computed: \(error)")]
            }
        }
    }

    /// Unknown figures, figures in the wrong place, bad options — for every analysis, also those
    /// left out of the review for other errors (the review's theme is checked as it loads).
    static func figureProblems(_ loaded: ReviewLoader.Result) -> [Diagnostic] {
        let requests = loaded.figureRequests.isEmpty ? (loaded.review?.analyses.map(\.figures) ?? []) : loaded.figureRequests
        let reviewWide = loaded.reviewFigureRequests.isEmpty ? (loaded.review?.figures ?? []) : loaded.reviewFigureRequests
        return requests.flatMap { FigureRegistry.check($0, scope: .analysis) } + FigureRegistry.check(reviewWide, scope: .review)
    }

    /// What a valid review holds, for `validate --verbose`.
    static func contents(of path: String) -> String {
        guard let review = ReviewLoader().load(URL(fileURLWithPath: path), displayPath: path).review else { return "" }
        var lines = review.analyses.map { analysis -> String in
            let count: String
            switch analysis.content {
            case .studies(let studies): count = "\(studies.count) stud\(studies.count == 1 ? "y" : "ies")"
            case .given(let given): count = "given results (\(given.studies.count) studies, \(given.pooled.count) pooled rows)"
            }
            let figures = analysis.figures.isEmpty ? "forest" : analysis.figures.map(\.id).joined(separator: ", ")
            let method: String
            switch analysis.content {
            case .studies: method = analysis.method.rawValue
            case .given(let given): method = "\(given.model.rawValue) effects as given"
            }
            return "  analysis '\(analysis.id)': \(analysis.measure.rawValue), \(method), \(count); figures: \(figures)"
        }
        if let rob = review.riskOfBias { lines.append("  risk of bias: \(rob.tool.id), \(rob.studies.count) studies") }
        if let sof = review.summaryOfFindings { lines.append("  summary of findings: \(sof.outcomes.count) outcomes") }
        if review.prisma != nil { lines.append("  PRISMA flow counts") }
        if let table = review.characteristics { lines.append("  study characteristics: \(table.rows.count) rows") }
        return lines.joined(separator: "\n")
    }
}
