import ArgumentParser
import Foundation
import ReviewKit

/// The quick path of review-wide figures: the file format each one can be drawn from directly,
/// read by ReviewKit into a review that holds just that data.
enum QuickInputs {
    static func review(for figure: String, file: String, tool: String?) throws -> Review {
        switch figure {
        case "prisma-flow":
            return try prisma(file: file)
        default:
            throw ValidationError("'\(figure)' is drawn from a review file: metareport figure \(figure) review.yaml -o OUT")
        }
    }

    /// A `box,count` CSV of PRISMA counts (ReviewKit's `PrismaFile`). Problems are printed with
    /// their row and column; counts that do not add up are warnings (notes when acknowledged).
    private static func prisma(file: String) throws -> Review {
        let result = PrismaFile.review(URL(fileURLWithPath: file), shownAs: file)
        Console.report(result.diagnostics)
        guard let review = result.review else { throw ExitStatus.invalidInput }
        return review
    }
}
