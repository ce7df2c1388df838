import ArgumentParser
import Foundation
import MetaAnalysis
import ReviewKit

/// `metareport analyze`: pools a CSV file or every analysis of a review and prints the results.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pool study data and print the results (RevMan wording, or JSON).",
        discussion: """
            Give a CSV file with --measure (and optionally --method, --subgroup, --moderator, --order), \
            or a review file to analyse each of its analyses. Without --json, prints a summary to paste \
            into a manuscript; with --json, one object with the studies, pooled estimate, heterogeneity, \
            prediction interval and, where they apply, small-study tests, leave-one-out, subgroups, \
            cumulative and meta-regression results (analysis scale: log for RR and OR; weights in percent).

            Examples:
              metareport analyze examples/bcg-vaccine/data/bcg.csv --measure RR --method REML --subgroup allocation
              metareport analyze examples/bcg-vaccine/data/bcg.csv --measure RR --method DL --moderator latitude --json
              metareport analyze examples/bcg-vaccine/review.yaml
            """
    )

    @Argument(help: "A CSV file of study data, or a review file (.yaml).")
    var input: String

    @OptionGroup var analysisOptions: AnalysisOptions

    @Flag(help: "Print JSON instead of the summary.")
    var json = false

    @Option(help: "Prediction interval: cochrane (t with k−2 df, the default) or metafor (metafor 3.8's predict()).")
    var predictionInterval: String = "cochrane"

    @Flag(help: "Allow data paths outside the review file's folder.")
    var allowOutsidePaths = false

    @Flag(name: .shortAndLong, help: "Print the results only: no warnings or notes about the input.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print the analysis settings before each result.")
    var verbose = false

    func run() throws {
        let interval: PredictionIntervalMethod
        switch predictionInterval.lowercased() {
        case "cochrane", "higgins": interval = .higginsTkMinus2
        case "metafor": interval = .metafor
        default: throw ValidationError("--prediction-interval must be cochrane or metafor.")
        }
        var outcomes: [AnalysisOutcome] = []
        if Inputs.isReviewFile(input) {
            try analysisOptions.checkNotGiven(forReview: input)
            let review = try Inputs.loadReview(input, allowOutsidePaths: allowOutsidePaths, quiet: quiet)
            for analysis in review.analyses {
                outcomes.append(try Inputs.run(analysis, predictionInterval: interval))
            }
        } else {
            outcomes.append(try Inputs.run(try analysisOptions.analysis(csv: input), predictionInterval: interval))
        }
        if json {
            Console.out(try AnalysisJSON.encode(outcomes, single: !Inputs.isReviewFile(input)))
        } else {
            Console.out(outcomes.map { outcome in
                let settings = verbose ? "[\(outcome.analysis.id): measure \(outcome.analysis.measure.rawValue), method \(outcome.analysis.method.rawValue)\(outcome.analysis.hksj ? ", HKSJ" : "")]\n" : ""
                return settings + AnalysisSummary.text(outcome)
            }.joined(separator: "\n\n"))
        }
    }
}
