import Foundation
import ReviewKit

/// The weights of a weighted risk-of-bias summary: each assessed study's weight, from the
/// analysis the review names (`risk_of_bias.analysis`) when its outcome is in the figure input,
/// otherwise from the assessment's weight column.
struct RiskOfBiasWeights {
    /// One weight per assessed study, in the assessment's order.
    var weights: [Double]
    /// Where they come from, for the caption and alt text.
    var source: String

    /// Figures never run analyses, so the analysis's study weights come in `outcome`: whoever
    /// draws the summary passes the outcome of the analysis the review names.
    init(_ assessment: RiskOfBiasAssessment, outcome: AnalysisOutcome?) throws {
        if let id = assessment.analysisID, let outcome, outcome.analysis.id == id {
            var byKey: [String: Double] = [:]
            if let result = outcome.result {
                for study in result.studies { byKey[RiskOfBiasLookup.key(study.label), default: 0] += study.weight }
            } else if let given = outcome.given {
                for study in given.studies { if let w = study.weight { byKey[RiskOfBiasLookup.key(study.label), default: 0] += w } }
            }
            weights = assessment.studies.map { byKey[RiskOfBiasLookup.key($0.study)] ?? 0 }
            guard weights.contains(where: { $0 > 0 }) else {
                throw FigureError("no assessed study has a weight in the analysis '\(id)': check that the study labels match")
            }
            let included = weights.filter { $0 > 0 }.count
            source = "Weighted by the study weights of the analysis '\(outcome.analysis.title)'"
                + (included < weights.count ? " (\(included) of \(weights.count) studies)" : "")
            return
        }
        let missing = assessment.studies.filter { $0.weight == nil }.map(\.study)
        guard missing.isEmpty else {
            let analysisNote = assessment.analysisID.map { " The analysis '\($0)' named in risk_of_bias was not given to the figure." } ?? ""
            throw FigureError("a weighted summary needs a weight for every study; missing for \(missing.prefix(3).joined(separator: ", "))\(missing.count > 3 ? " and \(missing.count - 3) more" : "")."
                              + analysisNote + " Add a Weight column after Overall, or name an analysis in risk_of_bias.analysis.")
        }
        weights = assessment.studies.map { $0.weight ?? 0 }
        guard weights.contains(where: { $0 > 0 }) else { throw FigureError("a weighted summary needs weights above zero") }
        source = "Weighted by the studies' weights"
    }
}
