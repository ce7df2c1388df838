import Foundation
import Yams

/// Reads and checks a review file and everything it refers to, reporting every problem at once.
public struct ReviewLoader: Sendable {
    /// What the loader may do beyond the defaults.
    public struct Options: Sendable {
        /// Let data paths point outside the review file's folder (off by default, so a review
        /// file from elsewhere cannot read arbitrary files).
        public var allowOutsidePaths: Bool
        /// Treat warnings (such as PRISMA counts that do not add up) as errors; notes stay notes.
        public var strict: Bool

        /// Options; by default data paths stay in the review's folder and warnings stay warnings.
        public init(allowOutsidePaths: Bool = false, strict: Bool = false) {
            self.allowOutsidePaths = allowOutsidePaths
            self.strict = strict
        }
    }

    /// The review when it has no errors, and every diagnostic found (warnings included).
    public struct Result: Sendable {
        /// The review, or nil when there are errors.
        public var review: Review?
        /// Every problem found, warnings and notes included.
        public var diagnostics: [Diagnostic]
        /// The figures each analysis asks for, including analyses left out of `review` for their
        /// errors, so that `validate` can check figure options in the same run.
        public var figureRequests: [[FigureRequest]] = []
        /// The review's top-level `figures` (review-wide figures), likewise.
        public var reviewFigureRequests: [FigureRequest] = []
    }

    /// Largest review file accepted; a review file is hand-written text, not data.
    static let maximumReviewFileSize = 16 << 20
    /// Largest data file accepted.
    static let maximumDataFileSize = 512 << 20

    /// What the loader may do beyond the defaults.
    public var options: Options

    /// A loader with `options`.
    public init(options: Options = Options()) { self.options = options }

    /// Loads the review file at `url`. `displayPath` is how messages name it (default: the path).
    public func load(_ url: URL, displayPath: String? = nil) -> Result {
        let shown = displayPath ?? url.path
        switch FileInput.read(url, shownAs: shown, limit: Self.maximumReviewFileSize, kind: "review file") {
        case .failure(let error):
            return Result(review: nil, diagnostics: error.diagnostics)
        case .success(let text):
            return load(yaml: text, file: shown, directory: url.deletingLastPathComponent(),
                        shownDirectory: (shown as NSString).deletingLastPathComponent)
        }
    }

    /// Loads a review from the bytes of a review file (checked for NUL bytes and UTF-8 first).
    public func load(data: Data, file: String, directory: URL, shownDirectory: String = "") -> Result {
        switch FileInput.decode(data, shownAs: file, kind: "review file") {
        case .failure(let error): return Result(review: nil, diagnostics: error.diagnostics)
        case .success(let text): return load(yaml: text, file: file, directory: directory, shownDirectory: shownDirectory)
        }
    }

    /// Loads a review from YAML text. Relative paths are resolved against `directory` and shown
    /// in messages relative to `shownDirectory`.
    public func load(yaml text: String, file: String, directory: URL, shownDirectory: String = "") -> Result {
        let sink = DiagnosticSink()
        let context = LoadContext(file: file, directory: directory, shownDirectory: shownDirectory,
                                  options: options, sink: sink)
        var review: Review?
        if let problem = YAMLSafety.nestingProblem(in: text, file: file) ?? YAMLSafety.aliasKeyProblem(in: text, file: file) {
            sink.add(problem)
        } else {
            do {
                if let root = try Yams.compose(yaml: text) {
                    review = ReviewParser(context: context).review(YAMLValue(node: root, file: file, sink: sink))
                } else {
                    sink.error(SourceLocation(file: file), "the review file is empty",
                               hint: "Start with 'title:' and a list of 'analyses:' (see docs/review-format.md).")
                }
            } catch let error as YamlError {
                sink.add(YAMLSafety.diagnostic(for: error, file: file))
            } catch {
                sink.error(SourceLocation(file: file), "the file could not be read as YAML: \(error)")
            }
        }
        review?.inputFiles = [directory.appendingPathComponent((file as NSString).lastPathComponent)] + sink.filesRead
        // Analyses sharing a data file would each report its problems: say each once.
        var seen: Set<Diagnostic> = []
        var diagnostics = sink.items.filter { seen.insert($0).inserted }
        if options.strict {
            diagnostics = diagnostics.strict
        }
        return Result(review: diagnostics.hasErrors ? nil : review, diagnostics: diagnostics, figureRequests: sink.figureRequests,
                      reviewFigureRequests: sink.reviewFigureRequests)
    }
}

/// Shared state of one load: where files are, how to show their names, where problems go.
struct LoadContext {
    let file: String
    let directory: URL
    let shownDirectory: String
    let options: ReviewLoader.Options
    let sink: DiagnosticSink

    /// Resolves a data path from the review file; nil (with a diagnostic) when it is not allowed.
    func resolve(_ path: String, at location: SourceLocation) -> (url: URL, shown: String)? {
        let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
        let shown = path.hasPrefix("/") || shownDirectory.isEmpty ? path : (shownDirectory as NSString).appendingPathComponent(path)
        if !options.allowOutsidePaths {
            let base = directory.standardizedFileURL.resolvingSymlinksInPath().path
            let target = url.standardizedFileURL.resolvingSymlinksInPath().path
            let prefix = base.hasSuffix("/") ? base : base + "/"
            guard target.hasPrefix(prefix) else {
                sink.error(location, "the path '\(path.truncatedForMessage)' leads outside the review file's folder",
                           hint: "Keep the files a review reads (data, themes) in its folder or below, or pass --allow-outside-paths if you trust this review file.")
                return nil
            }
        }
        return (url, shown)
    }

    /// Reads a CSV file named in the review file.
    func table(_ path: String, at location: SourceLocation, canonicalHeaders: Bool = true) -> DataTable? {
        guard let (url, shown) = resolve(path, at: location) else { return nil }
        sink.recordRead(url)
        switch FileInput.readData(url, shownAs: shown, limit: ReviewLoader.maximumDataFileSize, kind: "data file", referencedFrom: location) {
        case .failure(let error):
            sink.add(error.diagnostics)
            return nil
        case .success(let data):
            do {
                return try CSVReader.read(data, file: shown, canonicalHeaders: canonicalHeaders)
            } catch {
                sink.add(error.diagnostics)
                return nil
            }
        }
    }
}
