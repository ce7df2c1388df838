import Foundation
import MetaAnalysis

/// Compares metareport's analysis of each imported outcome with the numbers RevMan stored in the
/// file: the pooled effect and its confidence interval, z and its p-value, Chi², df, its p-value,
/// I² and τ² of the outcome and of each subgroup, the test for subgroup differences, and each
/// study's effect, confidence interval and weight. Only what RevMan computed is compared (an
/// outcome or subgroup RevMan marks not estimable, or whose totals it does not show, is not).
public enum RevManCheck {
    /// The largest relative difference accepted (see `relativeDifference` for numbers near zero).
    public static let tolerance = 1e-6
    /// The largest absolute difference accepted for p-values. RevMan's χ² tail probabilities carry
    /// absolute errors of up to about 1.5e-7 (they differ by that much from the exact closed forms,
    /// erfc(√(Q/2)) for 1 df and exp(−Q/2) for 2 df), which is a large relative error for a small
    /// p-value; p-values are therefore compared absolutely (docs/revman.md).
    public static let pValueTolerance = 1e-6

    /// The comparison for one outcome.
    public struct OutcomeReport: Sendable {
        /// RevMan's outcome ID, e.g. "CMP-001.02".
        public var outcomeID: String
        /// The id of the analysis it was imported as; nil when it was not imported.
        public var analysisID: String?
        /// The outcome's number and name, e.g. "1.2 Mortality".
        public var title: String
        /// "RR, M-H, Random" — RevMan's description of the analysis.
        public var method: String
        /// How many numbers were compared.
        public var compared: Int
        /// The largest relative difference found (0 when all agree exactly, ∞ for a structural mismatch).
        public var maxRelativeDifference: Double
        /// Which number that was ("overall τ²", "study 'Smith 2001' weight").
        public var worst: String?
        /// The largest absolute difference between p-values, which are held to `pValueTolerance`.
        public var maxPValueDifference: Double
        /// Which p-value that was.
        public var worstPValue: String?
        /// Why the outcome was not compared, when it was not.
        public var skipped: String?

        /// True when every compared number is within its tolerance.
        public var agrees: Bool { agrees(tolerance: RevManCheck.tolerance) }

        /// True when every compared number is within `tolerance` (relative) and every p-value
        /// within `pValueTolerance` (absolute).
        public func agrees(tolerance: Double, pValueTolerance: Double = RevManCheck.pValueTolerance) -> Bool {
            maxRelativeDifference <= tolerance && maxPValueDifference <= pValueTolerance
        }
    }

    /// |a − b| / max(|a|, |b|, `scale`). The scale keeps numbers near zero from being compared
    /// relatively (an effect of 0 against 1e-17): below it the difference is measured against the
    /// scale, so 1e-6 × tolerance is the absolute bound there.
    public static func relativeDifference(_ a: Double, _ b: Double, scale: Double = 1e-6) -> Double {
        let difference = abs(a - b)
        if difference == 0 { return 0 }
        guard difference.isFinite else { return .infinity }
        return difference / max(abs(a), abs(b), scale)
    }

    /// Compares every outcome of the import.
    public static func run(_ imported: RevManImport) -> [OutcomeReport] {
        imported.outcomes.map { compare($0, review: imported.review) }
    }

    // MARK: - One outcome

    static func compare(_ item: RevManImport.ImportedOutcome, review: Review) -> OutcomeReport {
        let outcome = item.outcome
        var report = OutcomeReport(outcomeID: outcome.id, analysisID: item.analysisID,
                                   title: [item.comparisonNumber, outcome.number].compactMap { $0 }.map(String.init).joined(separator: ".") + " " + outcome.name,
                                   method: description(outcome), compared: 0, maxRelativeDifference: 0,
                                   maxPValueDifference: 0)
        guard let id = item.analysisID, let analysis = review.analysis(id), case .studies(let studies) = analysis.content else {
            report.skipped = "not imported: " + (item.skipped ?? "no analysis")
            // An outcome RevMan pooled but metareport could not import does not agree.
            if outcome.result.estimable && outcome.totals != "NO" {
                report.maxRelativeDifference = .infinity
                report.worst = "RevMan pooled this outcome"
            }
            return report
        }
        var comparison = Comparison()
        var settings = analysis.settings
        settings.confidenceLevel = outcome.totalConfidence / 100
        let request = AnalysisRequest(subgroups: true, metaRegression: false, cumulative: false, smallStudy: false,
                                      leaveOneOut: false, subgroupColumn: analysis.subgroupColumn)
        let result: AnalysisResult
        do {
            result = try MetaAnalysis.analyze(studies, settings: settings, request: request)
        } catch {
            report.skipped = "metareport cannot compute it: \(error)"
            report.maxRelativeDifference = .infinity
            return report
        }
        let natural: (Double) -> Double = analysis.isRatio ? { exp($0) } : { $0 }
        let showsTotals = outcome.totals != "NO"

        // The whole outcome. With subtotals only, RevMan's stored overall effect is the common-effect
        // combination of the subgroup estimates (the basis of its test for subgroup differences).
        if outcome.result.estimable && showsTotals {
            var pooled = Summary(result.pooled)
            if outcome.totals == "SUB", outcome.hasSubgroups, let groups = result.subgroups?.groups, !groups.isEmpty {
                pooled = combined(groups.map(\.pooled), level: settings.confidenceLevel)
            }
            comparison.pooled("overall", outcome.result, pooled: pooled, heterogeneity: result.heterogeneity,
                              natural: natural, randomEffects: outcome.randomEffects)
        }
        // Each subgroup.
        if showsTotals {
            for (index, subgroup) in outcome.subgroups.enumerated() where subgroup.result.estimable {
                let name = item.subgroupNames[index]
                guard let ours = result.subgroups?.groups.first(where: { $0.subgroup == name }) else {
                    comparison.mismatch("subgroup '\(name)': RevMan pooled it, metareport did not")
                    continue
                }
                comparison.pooled("subgroup '\(name)'", subgroup.result, pooled: Summary(ours.pooled), heterogeneity: ours.heterogeneity,
                                  natural: natural, randomEffects: outcome.randomEffects)
            }
            if outcome.hasSubgroups && outcome.subgroupTest {
                let test = result.subgroups?.testForSubgroupDifferences
                comparison.value("test for subgroup differences Chi²", test?.Q ?? 0, outcome.result.subgroupQ)
                comparison.value("test for subgroup differences p", test?.p ?? 1, outcome.result.subgroupP, isPValue: true)
                comparison.value("test for subgroup differences I²", test?.I2 ?? 0, outcome.result.subgroupI2)
            }
        }
        // Each study: effect and interval, estimability, weight.
        let weights = studyWeights(outcome: outcome, item: item, studies: studies, settings: settings, overall: result)
        let zStudy = Normal.upperQuantile((1 - outcome.studyConfidence / 100) / 2)
        for (index, row) in item.rows.enumerated() {
            let ours = result.studies[index]
            let name = "study '\(ours.label)'"
            // A row without ESTIMABLE carries no result of RevMan's to compare.
            guard let estimable = row.estimable else { continue }
            if estimable != ours.estimable {
                comparison.mismatch("\(name): RevMan \(estimable ? "estimates" : "does not estimate") it, metareport \(ours.estimable ? "does" : "does not")")
                continue
            }
            guard estimable, let yi = ours.yi, let se = ours.se else { continue }
            comparison.value("\(name) effect", natural(yi), row.effect)
            comparison.value("\(name) CI start", natural(yi - zStudy * se), row.ciStart)
            comparison.value("\(name) CI end", natural(yi + zStudy * se), row.ciEnd)
            if let weight = weights?[index] { comparison.value("\(name) weight", weight, row.weight) }
        }
        report.compared = comparison.count
        report.maxRelativeDifference = comparison.maximum
        report.worst = comparison.worst
        report.maxPValueDifference = comparison.maximumP
        report.worstPValue = comparison.worstP
        if comparison.count == 0 && comparison.maximum == 0 {
            report.skipped = "RevMan computed nothing to compare"
        }
        return report
    }

    /// Each study's weight in percent as RevMan shows it: in the whole outcome when RevMan shows its
    /// total, within its subgroup when it shows subtotals only; nil when RevMan shows no weights.
    private static func studyWeights(outcome: RevManFile.Outcome, item: RevManImport.ImportedOutcome, studies: [Study],
                                     settings: AnalysisSettings, overall: AnalysisResult) -> [Double]? {
        guard outcome.result.estimable else { return nil }
        if outcome.totals == "YES" { return overall.studies.map(\.weight) }
        guard outcome.totals == "SUB", outcome.hasSubgroups else { return nil }
        var weights = [Double](repeating: 0, count: studies.count)
        for name in item.subgroupNames {
            let members = studies.indices.filter { studies[$0].subgroup == name }
            guard let result = try? MetaAnalysis.analyze(members.map { studies[$0] }, settings: settings, request: .pooledOnly) else { continue }
            for (position, index) in members.enumerated() { weights[index] = result.studies[position].weight }
        }
        return weights
    }

    /// A pooled estimate as compared: effect, interval and test (analysis scale).
    private struct Summary {
        var yi: Double, ciLower: Double, ciUpper: Double, statistic: Double, p: Double

        init(yi: Double, ciLower: Double, ciUpper: Double, statistic: Double, p: Double) {
            (self.yi, self.ciLower, self.ciUpper, self.statistic, self.p) = (yi, ciLower, ciUpper, statistic, p)
        }

        init(_ pooled: PooledEstimate) {
            self.init(yi: pooled.yi, ciLower: pooled.ciLower, ciUpper: pooled.ciUpper, statistic: pooled.statistic, p: pooled.p)
        }
    }

    /// The common-effect (inverse-variance) combination of subgroup estimates, with a z test.
    private static func combined(_ groups: [PooledEstimate], level: Double) -> Summary {
        let weights = groups.map { 1 / ($0.se * $0.se) }
        let total = weights.reduce(0, +)
        let estimate = zip(weights, groups).reduce(0) { $0 + $1.0 * $1.1.yi } / total
        let se = (1 / total).squareRoot()
        let z = Normal.upperQuantile((1 - level) / 2)
        return Summary(yi: estimate, ciLower: estimate - z * se, ciUpper: estimate + z * se,
                       statistic: estimate / se, p: Normal.twoSidedP(estimate / se))
    }

    /// RevMan's header for the analysis: "Risk Ratio (M-H, Random, 95% CI)".
    static func description(_ outcome: RevManFile.Outcome) -> String {
        let measure = outcome.effectMeasure.isEmpty ? outcome.kind.rawValue : outcome.effectMeasure
        let method: String
        switch outcome.kind {
        case .dichotomous: method = outcome.method == "MH" ? "M-H" : outcome.method == "PETO" ? "Peto" : "IV"
        default: method = "IV"
        }
        return "\(measure), \(method), \(outcome.randomEffects ? "Random" : "Fixed")"
    }

    /// The numbers compared so far and the largest relative difference among them.
    private struct Comparison {
        var count = 0
        var maximum = 0.0
        var worst: String?
        var maximumP = 0.0
        var worstP: String?

        /// Compares one number; nothing when RevMan stored none.
        mutating func value(_ name: String, _ ours: Double, _ theirs: Double?, isPValue: Bool = false) {
            guard let theirs else { return }
            count += 1
            let difference = isPValue ? (ours == theirs ? 0 : abs(ours - theirs))
                                      : RevManCheck.relativeDifference(ours, theirs)
            let text = "\(name): metareport \(ours), RevMan \(theirs)"
            if isPValue {
                if difference > maximumP { maximumP = difference; worstP = text }
            } else if difference > maximum {
                maximum = difference
                worst = text
            }
        }

        mutating func mismatch(_ what: String) {
            count += 1
            maximum = .infinity
            worst = what
        }

        mutating func pooled(_ name: String, _ stored: RevManFile.Result, pooled: Summary, heterogeneity: Heterogeneity,
                             natural: (Double) -> Double, randomEffects: Bool) {
            value("\(name) effect", natural(pooled.yi), stored.effect)
            value("\(name) CI start", natural(pooled.ciLower), stored.ciStart)
            value("\(name) CI end", natural(pooled.ciUpper), stored.ciEnd)
            value("\(name) Z", abs(pooled.statistic), stored.z)
            value("\(name) P", pooled.p, stored.pZ, isPValue: true)
            value("\(name) Chi²", heterogeneity.Q, stored.chi2)
            if let df = stored.df, Double(heterogeneity.df) != df {
                mismatch("\(name) df: metareport \(heterogeneity.df), RevMan \(RevManReviewBuilder.format(df))")
            } else if stored.df != nil {
                count += 1
            }
            value("\(name) P(Chi²)", heterogeneity.p, stored.pChi2, isPValue: true)
            value("\(name) I²", heterogeneity.I2, stored.i2)
            if randomEffects { value("\(name) Tau²", heterogeneity.tau2 ?? 0, stored.tau2) }
        }
    }
}
