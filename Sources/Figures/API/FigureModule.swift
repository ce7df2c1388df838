import Foundation
import Graphics
import ReviewKit

/// What a figure module draws from.
public enum FigureScope: String, Sendable {
    /// One analysis of a review (forest, funnel, …): the figure is drawn once per analysis that asks for it.
    case analysis
    /// The review as a whole (risk of bias, PRISMA): drawn once.
    case review
}

/// What a figure is drawn from: the review, and for analysis figures the analysis with its numbers.
public struct FigureInput: Sendable {
    /// The whole review (risk of bias, PRISMA counts, study characteristics, every analysis).
    public var review: Review
    /// The analysis being drawn, with its numbers; nil for review-wide figures (except the
    /// risk-of-bias summary, which may get the analysis that weights it).
    public var outcome: AnalysisOutcome?

    /// An input for `review`, and for analysis figures the analysis outcome to draw.
    public init(review: Review, outcome: AnalysisOutcome? = nil) {
        self.review = review
        self.outcome = outcome
    }
}

/// A figure type. A new figure is one new type conforming to this, plus one line in
/// `FigureRegistry.modules` (see docs/adding-a-figure-module.md).
///
/// A module first lays the figure out as a `Scene` of plain values (tests check it without
/// pixels), which `FigureRenderer` then draws to PNG, PDF or SVG.
public protocol FigureModule: Sendable {
    /// The id used in review files and on the command line, e.g. `forest`.
    var id: String { get }
    /// A short name, e.g. "Forest plot".
    var name: String { get }
    /// One sentence on what the figure shows.
    var summary: String { get }
    /// Whether it draws an analysis or the whole review.
    var scope: FigureScope { get }
    /// The options it understands (besides the common ones), with defaults and help.
    var options: [FigureOptionSpec] { get }
    /// A command that makes this figure, for `metareport figures` and the docs gallery.
    var example: String { get }

    /// Why this input cannot be drawn (e.g. "needs study-level data"), or nil when it can.
    func unsuitability(for input: FigureInput) -> String?

    /// Lays the figure out.
    func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene
}

/// A figure that cannot be drawn from what it was given; the message says why and what to do.
public struct FigureError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what to do, as a sentence for the user.
    public var message: String
    /// The figure option whose value cannot be used (e.g. `xlim`), when the option is at fault
    /// rather than the data: on the command line that is a usage error.
    public var option: String?

    /// An error with a message for the user, naming the option at fault if there is one.
    public init(_ message: String, option: String? = nil) {
        self.message = message
        self.option = option
    }

    public var description: String { message }
}
