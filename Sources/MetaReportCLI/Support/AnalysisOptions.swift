import ArgumentParser
import Foundation
import MetaAnalysis
import ReviewKit

/// The options that define a quick-path analysis, shared by `analyze` and `figure`.
struct AnalysisOptions: ParsableArguments {
    @Option(help: "Effect measure: RR, OR, RD, MD, SMD or GEN.")
    var measure: String?

    @Option(help: "Pooling method: IV (FE), MH, PETO, or a random-effects estimator DL, REML, PM, SJ, HS, ML, EB.")
    var method: String = "REML"

    @Flag(help: "Hartung–Knapp–Sidik–Jonkman confidence intervals (random effects).")
    var hksj = false

    @Flag(help: "GEN only: the effect is a ratio analysed on the log scale (estimates and CIs given as ratios).")
    var logScale = false

    @Option(help: "Studies with no events in either arm: exclude (RevMan, default) or include (metafor).")
    var doubleZero: String = "exclude"

    @Option(help: "A column to pool subgroups by.")
    var subgroup: String?

    @Option(help: "A numeric column for meta-regression.")
    var moderator: String?

    @Option(help: "A column ordering the cumulative meta-analysis, e.g. year.")
    var order: String?

    @Option(help: "Labels of the arms, experimental then control, e.g. --arms Ketamine,Placebo.")
    var arms: String?

    @Option(help: "Labels under the axis, left then right, e.g. --favours 'Favours ketamine,Favours placebo'.")
    var favours: String?

    /// Refuses these options with a review file, whose analyses say their own settings: ignoring
    /// them silently would print a result the user did not ask for.
    func checkNotGiven(forReview path: String) throws {
        var given: [String] = []
        if measure != nil { given.append("--measure") }
        if method.uppercased() != "REML" { given.append("--method") }
        if hksj { given.append("--hksj") }
        if logScale { given.append("--log-scale") }
        if doubleZero.lowercased() != "exclude" { given.append("--double-zero") }
        if subgroup != nil { given.append("--subgroup") }
        if moderator != nil { given.append("--moderator") }
        if order != nil { given.append("--order") }
        if arms != nil { given.append("--arms") }
        if favours != nil { given.append("--favours") }
        guard given.isEmpty else {
            throw ValidationError("\(given.joined(separator: ", ")) appl\(given.count == 1 ? "ies" : "y") to a CSV file; the analyses of '\(path)' take their settings from the review file. Change them there, or give the CSV file instead.")
        }
    }

    /// The analysis these options describe, read from a CSV file.
    func analysis(csv path: String) throws -> Analysis {
        guard let measureText = measure else {
            throw ValidationError("--measure is required for a CSV file (RR, OR, RD, MD, SMD or GEN).")
        }
        guard let measure = EffectMeasure(rawValue: measureText.uppercased()) else {
            throw ValidationError("unknown measure '\(measureText)'; use RR, OR, RD, MD, SMD or GEN.")
        }
        guard let method = PoolingMethod(parsing: method) else {
            throw ValidationError("unknown method '\(self.method)'; use IV (FE), MH, PETO, DL, REML, PM, SJ, HS, ML or EB.")
        }
        var settings = DataFile.Settings(measure: measure, method: method)
        settings.hksj = hksj
        settings.logScale = logScale
        switch doubleZero.lowercased() {
        case "exclude": settings.includeDoubleZeroStudies = false
        case "include": settings.includeDoubleZeroStudies = true
        default: throw ValidationError("--double-zero must be exclude or include, not '\(doubleZero)'.")
        }
        settings.subgroupColumn = subgroup
        settings.moderatorColumn = moderator
        settings.orderColumn = order
        if let arms {
            let parts = arms.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw ValidationError("--arms takes two labels separated by a comma.") }
            settings.arms = Arms(experimental: parts[0], control: parts[1])
        }
        if let favours {
            let parts = favours.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw ValidationError("--favours takes two labels separated by a comma.") }
            settings.favours = Favours(left: parts[0], right: parts[1])
        }
        // A bare CSV has no risk-of-bias or characteristics to match by label, so repeated labels
        // (as in some public datasets) are numbered with a warning rather than refused.
        settings.numberRepeatedLabels = true
        let read = DataFile.read(URL(fileURLWithPath: path), shownAs: path, settings: settings)
        Console.report(read.diagnostics)
        guard let analysis = read.analysis else { throw ExitStatus.invalidInput }
        return analysis
    }
}
