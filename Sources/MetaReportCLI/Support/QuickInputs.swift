import ArgumentParser
import Foundation
import ReviewKit

/// The quick path of review-wide figures: the file format each one can be drawn from directly,
/// read by ReviewKit into a review that holds just that data.
enum QuickInputs {
    static func review(for figure: String, file: String, tool: String?) throws -> Review {
        switch figure {
        default:
            throw ValidationError("'\(figure)' is drawn from a review file: metareport figure \(figure) review.yaml -o OUT")
        }
    }
}
