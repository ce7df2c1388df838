import Foundation
import MetaAnalysis

/// An analysis with its numbers: computed by the engine from study data, or given as reported.
public struct AnalysisOutcome: Sendable {
    /// The analysis, as the review file describes it.
    public var analysis: Analysis
    /// The engine's result, for analyses with study-level data.
    public var result: AnalysisResult?
    /// The common-effect (inverse-variance) companion of a random-effects result, for figures
    /// that show both diamonds.
    public var commonEffect: AnalysisResult?
    /// Results as given, for analyses with `results`.
    public var given: GivenResults?
}

extension Analysis {
    /// The engine settings this analysis asks for.
    public var settings: AnalysisSettings {
        AnalysisSettings(measure: measure, method: method, hksj: hksj, genericIsRatio: measure == .GEN && logScale,
                         doubleZeroStudies: includeDoubleZeroStudies ? .includeWithCorrection : .excludeAsNotEstimable,
                         compatibility: compatibility, mantelHaenszelRandomEffects: mantelHaenszelRandomEffects)
    }

    /// Pools the analysis (or passes given results through). Engine failures become a
    /// diagnostic at the analysis, e.g. "no study has an estimable risk ratio".
    public func run(request: AnalysisRequest = .all,
                    predictionInterval: PredictionIntervalMethod = .higginsTkMinus2) throws(InputError) -> AnalysisOutcome {
        switch content {
        case .given(let given):
            return AnalysisOutcome(analysis: self, result: nil, commonEffect: nil, given: given)
        case .studies(let studies):
            var request = request
            request.subgroupColumn = subgroupColumn
            request.moderatorName = moderatorColumn
            do {
                var settings = self.settings
                settings.predictionInterval = predictionInterval
                let result = try MetaAnalysis.analyze(studies, settings: settings, request: request)
                var common: AnalysisResult?
                if method.isRandomEffects {
                    var commonSettings = settings
                    // The Mantel–Haenszel random-effects model's companion is the Mantel–Haenszel one.
                    commonSettings.method = mantelHaenszelRandomEffects ? .MH : .IV
                    commonSettings.mantelHaenszelRandomEffects = false
                    commonSettings.hksj = false
                    common = try? MetaAnalysis.analyze(studies, settings: commonSettings, request: .pooledOnly)
                }
                return AnalysisOutcome(analysis: self, result: result, commonEffect: common, given: nil)
            } catch {
                throw InputError(.error(location, "analysis '\(id)' cannot be computed: \(error)"))
            }
        }
    }
}
