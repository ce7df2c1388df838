import ArgumentParser
import Foundation
import ReviewKit

/// `metareport import-revman`: a RevMan 5 review as a review folder, and a check of our numbers
/// against the ones RevMan stored in the file.
struct ImportRevMan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-revman",
        abstract: "Import a RevMan 5 review (.rm5) as review.yaml with CSV data, and check its numbers.",
        discussion: """
            Writes DIR/review.yaml, DIR/data/<outcome id>.csv per analysis and DIR/risk-of-bias.csv. \
            Every dichotomous, continuous and generic inverse-variance outcome becomes an analysis with \
            RevMan's outcome ID (e.g. CMP-001.02), method and labels, computed as RevMan 5 computes it \
            (compatibility: revman). Outcomes that cannot be imported are listed with the reason.

            With --check, compares metareport's analysis of each outcome with the results RevMan stored \
            in the file and prints the largest relative difference per outcome; exits 1 if any exceeds \
            the tolerance (1e-6). p-values are compared by their absolute difference (also 1e-6), as \
            RevMan computes χ² p-values to about 1e-7. See docs/revman.md.

            Examples:
              metareport import-revman review.rm5 -o imported
              metareport import-revman --check review.rm5
              metareport render review.rm5 -o report
            """
    )

    @Argument(help: "A RevMan 5 file (.rm5).")
    var input: String

    @Option(name: .shortAndLong, help: "The folder to write review.yaml and the data to (created if needed).")
    var output: String?

    @Flag(help: "Compare metareport's numbers with those RevMan stored in the file.")
    var check = false

    @Option(help: "The largest relative difference --check accepts.")
    var tolerance: Double = RevManCheck.tolerance

    @Option(help: "The largest absolute difference --check accepts between p-values (RevMan computes them to about 1e-7).")
    var pValueTolerance: Double = RevManCheck.pValueTolerance

    @Flag(help: "Replace files already in the -o folder (review.yaml, data) that differ from the import.")
    var force = false

    @Flag(help: "Treat warnings (an outcome or study left out) as errors.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors and differences.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "With --check, also name the number that differs most for every outcome.")
    var verbose = false

    func validate() throws {
        guard output != nil || check else {
            throw ValidationError("give -o DIR to write the review, --check to compare with RevMan's numbers, or both.")
        }
        guard tolerance > 0, tolerance.isFinite, pValueTolerance > 0, pValueTolerance.isFinite else {
            throw ValidationError("--tolerance and --p-value-tolerance must be positive numbers.")
        }
    }

    func run() throws {
        let imported = try Inputs.importRevMan(input, strict: strict, quiet: quiet)
        if let output { try write(imported, to: output) }
        if check { try compare(imported) }
        // What could be imported was written; an error in the file (e.g. truncated) still fails the run.
        if imported.diagnostics.hasErrors { throw ExitStatus.invalidInput }
    }

    private func write(_ imported: RevManImport, to output: String) throws {
        let folder = URL(fileURLWithPath: output)
        let files = RevManReviewWriter.files(for: imported)
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        } catch {
            Console.error("error: cannot create the folder '\(output)': \(error.localizedDescription)")
            throw ExitStatus.failure
        }
        // A review.yaml in the folder may have been edited by hand since an earlier import.
        let changed = files.filter { file in
            let existing = FileManager.default.contents(atPath: folder.appendingPathComponent(file.path).path)
            return existing != nil && existing != file.contents
        }
        if !force, !changed.isEmpty {
            throw ValidationError("'\(output)' already has \(changed.map(\.path).joined(separator: ", ")), which the import would replace with different contents. Import into a new folder, or pass --force to replace them.")
        }
        // review.yaml last: until it is in place, the folder's review (if any) still reads its own data.
        for file in files.sorted(by: { ($0.path == "review.yaml" ? 1 : 0) < ($1.path == "review.yaml" ? 1 : 0) }) {
            try OutputFiles.write(file.contents, to: folder.appendingPathComponent(file.path).path, inputs: [input])
        }
        if !quiet {
            let count = imported.review.analyses.count
            Console.out("\(input) → \((output as NSString).appendingPathComponent("review.yaml")) (\(count) analys\(count == 1 ? "is" : "es")\(imported.review.riskOfBias != nil ? ", risk of bias" : ""))")
        }
    }

    private func compare(_ imported: RevManImport) throws {
        let reports = RevManCheck.run(imported)
        var failing = 0, compared = 0
        for report in reports {
            let agrees = report.agrees(tolerance: tolerance, pValueTolerance: pValueTolerance)
            if !agrees { failing += 1 }
            if report.compared > 0 { compared += 1 }
            guard !quiet || !agrees else { continue }
            var line = "\(report.outcomeID)  \(report.title.truncated(48))  [\(report.method)]  "
            if let skipped = report.skipped, report.compared == 0 {
                line += skipped
            } else {
                line += "\(report.compared) numbers, largest relative difference \(Self.scientific(report.maxRelativeDifference))"
                line += " (p-values: absolute \(Self.scientific(report.maxPValueDifference)))"
            }
            if report.maxRelativeDifference > tolerance || verbose, let worst = report.worst {
                line += "\n    \(report.maxRelativeDifference > tolerance ? "DIFFERS" : "largest"): \(worst)"
            }
            if report.maxPValueDifference > pValueTolerance || verbose, let worst = report.worstPValue {
                line += "\n    \(report.maxPValueDifference > pValueTolerance ? "DIFFERS" : "largest p"): \(worst)"
            }
            Console.out(line)
        }
        if failing > 0 {
            Console.error("\(input): \(failing) of \(reports.count) outcome\(reports.count == 1 ? "" : "s") differ from RevMan's numbers by more than \(Self.scientific(tolerance)) (p-values: absolute \(Self.scientific(pValueTolerance))).")
            throw ExitStatus.failure
        }
        if !quiet {
            Console.out("\(input): all \(compared) compared outcome\(compared == 1 ? "" : "s") agree with RevMan's numbers within \(Self.scientific(tolerance)) (p-values within \(Self.scientific(pValueTolerance)) absolute).")
        }
    }

    static func scientific(_ value: Double) -> String {
        if value.isInfinite { return "∞" }
        if value == 0 { return "0" }
        return String(format: "%.1e", locale: Locale(identifier: "en_US_POSIX"), value)
    }
}

private extension String {
    func truncated(_ length: Int) -> String {
        count > length ? String(prefix(length - 1)) + "…" : padding(toLength: length, withPad: " ", startingAt: 0)
    }
}
