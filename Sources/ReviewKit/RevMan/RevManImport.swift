import Foundation
import MetaAnalysis

/// A RevMan 5 file (`.rm5`) imported as a review: one analysis per outcome, computed as RevMan
/// computes it (`compatibility: revman`), the risk-of-bias judgements, and for every outcome what
/// RevMan itself computed, so that `RevManCheck` can compare the two.
///
/// Each analysis keeps RevMan's outcome ID (`CMP-001.02`) as its id. What cannot be imported — an
/// unsupported outcome type, a row without data, an outcome without any estimable study — is
/// left out with a diagnostic at its line; the rest is imported.
public struct RevManImport: Sendable {
    /// The review, ready to render or write out.
    public var review: Review
    /// The file as read.
    public var file: RevManFile
    /// Every outcome of the file, imported or not, in file order.
    public var outcomes: [ImportedOutcome]
    /// Warnings and notes about what was left out or adjusted (errors only where data were invalid).
    public var diagnostics: [Diagnostic]
    /// The file as named in messages.
    public var shownPath: String

    /// One outcome of the file and what became of it.
    public struct ImportedOutcome: Sendable {
        /// The comparison's number and name.
        public var comparisonNumber: Int?
        /// The comparison's name.
        public var comparisonName: String
        /// The outcome as read from the file.
        public var outcome: RevManFile.Outcome
        /// The id of the analysis made of it; nil when it was not imported.
        public var analysisID: String?
        /// Why it was not imported.
        public var skipped: String?
        /// The rows that became the analysis' studies, in the same order.
        public var rows: [RevManFile.Row]
        /// The analysis' name for each of the outcome's subgroups (same order).
        public var subgroupNames: [String]
    }

    /// Largest file accepted (RevMan reviews with figures embedded run to tens of megabytes).
    public static let maximumFileSize = 256 << 20

    /// Reads and imports the file at `url`, named `shownAs` in messages.
    public static func read(_ url: URL, shownAs shown: String) -> Result<RevManImport, InputError> {
        switch FileInput.readData(url, shownAs: shown, limit: maximumFileSize, kind: "RevMan file") {
        case .failure(let error): return .failure(error)
        case .success(let data):
            var result = read(data: data, file: shown)
            if case .success(var imported) = result {
                imported.review.file = url
                imported.review.inputFiles = [url]
                result = .success(imported)
            }
            return result
        }
    }

    /// Imports a RevMan file's bytes; `file` names it in messages.
    public static func read(data: Data, file: String) -> Result<RevManImport, InputError> {
        let root: XMLTreeElement
        var truncation: [Diagnostic] = []
        do {
            let read = try XMLTreeReader.readAllowingTruncation(data)
            root = read.root
            // A file that ends too soon still gives the outcomes read completely.
            if let error = read.truncation {
                truncation.append(.error(SourceLocation(file: file, line: error.line),
                                         "the file is truncated: \(error.message)",
                                         hint: "What was read completely is imported; save the file again from RevMan to get the rest."))
            }
        } catch {
            return .failure(InputError(.error(SourceLocation(file: file, line: error.line),
                                              "the file cannot be read as XML: \(error.message)", hint: error.hint)))
        }
        var parser = RevManFileParser(file: file)
        guard let revman = parser.parse(root) else { return .failure(InputError(truncation + parser.diagnostics)) }
        var builder = RevManReviewBuilder(file: revman, shown: file)
        let imported = builder.build()
        let diagnostics = truncation + parser.diagnostics + builder.diagnostics
        guard !imported.review.analyses.isEmpty || imported.review.riskOfBias != nil else {
            let place = SourceLocation(file: file, line: root.line)
            return .failure(InputError(diagnostics + [.error(place, "nothing in this RevMan file can be imported: it has no analysis with data and no risk-of-bias judgements")]))
        }
        return .success(RevManImport(review: imported.review, file: revman, outcomes: imported.outcomes,
                                     diagnostics: diagnostics, shownPath: file))
    }
}

extension RevManImport {
    /// A RevMan file as `ReviewLoader` gives a review file: the review unless there are errors
    /// (warnings too with `strict`), and every diagnostic.
    public static func load(_ url: URL, displayPath: String? = nil, strict: Bool = false) -> ReviewLoader.Result {
        switch read(url, shownAs: displayPath ?? url.path) {
        case .failure(let error):
            return ReviewLoader.Result(review: nil, diagnostics: error.diagnostics)
        case .success(let imported):
            let diagnostics = strict ? imported.diagnostics.strict : imported.diagnostics
            return ReviewLoader.Result(review: diagnostics.hasErrors && strict ? nil : imported.review, diagnostics: diagnostics)
        }
    }
}
