import Foundation
import MetaAnalysis
import ReviewKit

/// The methods paragraph, generated from the analysis settings.
enum MethodsText {
    static func paragraph(for review: Review, outcomes: [AnalysisOutcome]) -> String? {
        var sentences: [String] = []
        let computed = outcomes.filter { $0.result != nil }.map(\.analysis)
        // One sentence per distinct way of pooling, naming the analyses when there are several.
        var seen: [String: [String]] = [:]
        var order: [String] = []
        for analysis in computed {
            let sentence = poolingSentence(analysis)
            if seen[sentence] == nil { order.append(sentence) }
            seen[sentence, default: []].append(analysis.title)
        }
        for sentence in order {
            let titles = seen[sentence] ?? []
            if order.count > 1 {
                sentences.append(sentence + " (" + titles.joined(separator: "; ") + ").")
            } else {
                sentences.append(sentence + ".")
            }
        }
        if !computed.isEmpty {
            sentences.append("Heterogeneity was quantified with Cochran's Q, I² and, for random-effects analyses, τ².")
        }
        if computed.contains(where: { $0.method.isRandomEffects }) {
            sentences.append("95% prediction intervals were computed as θ ± t(k−2)·√(τ² + SE²) (Higgins et al., 2009) where at least three studies were pooled.")
        }
        if computed.contains(where: { $0.subgroupColumn != nil }) {
            sentences.append("Subgroups were pooled separately with the same method and compared with a test for subgroup differences (Q across subgroup estimates).")
        }
        let figureIDs = Set(computed.flatMap { $0.figures.map(\.id) })
        if figureIDs.contains("funnel") {
            sentences.append("Small-study effects were assessed with funnel plots, Egger's regression test, Begg's rank correlation and trim-and-fill (L0 estimator), interpreted with caution when fewer than ten studies were pooled.")
        }
        if computed.contains(where: { $0.moderatorColumn != nil }) {
            sentences.append("Meta-regression on a study-level moderator used the same τ² estimator.")
        }
        if outcomes.contains(where: { $0.given != nil }) {
            sentences.append("Results taken from published analyses are reported as given, without recomputation.")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// "Random-effects meta-analysis of risk ratios with the REML estimator of τ² and
    /// Hartung–Knapp–Sidik–Jonkman confidence intervals".
    static func poolingSentence(_ analysis: Analysis) -> String {
        let effect = effectPlural(analysis)
        switch analysis.method {
        case .IV: return "Common-effect inverse-variance meta-analysis of \(effect)"
        case .MH: return "Mantel–Haenszel common-effect meta-analysis of \(effect)"
        case .PETO: return "Peto's one-step common-effect meta-analysis of odds ratios"
        default:
            var text = "Random-effects meta-analysis of \(effect) with the \(estimatorName(analysis.method)) of τ²"
            text += analysis.hksj ? " and Hartung–Knapp–Sidik–Jonkman confidence intervals" : " and Wald-type confidence intervals"
            return text
        }
    }

    static func estimatorName(_ method: PoolingMethod) -> String {
        switch method {
        case .DL: return "DerSimonian–Laird estimator"
        case .REML: return "restricted maximum-likelihood (REML) estimator"
        case .PM: return "Paule–Mandel estimator"
        case .SJ: return "Sidik–Jonkman estimator"
        case .HS: return "Hunter–Schmidt estimator"
        case .ML: return "maximum-likelihood estimator"
        case .EB: return "empirical Bayes estimator"
        default: return method.rawValue
        }
    }

    static func effectPlural(_ analysis: Analysis) -> String {
        switch analysis.measure {
        case .RR: return "risk ratios"
        case .OR: return "odds ratios"
        case .RD: return "risk differences"
        case .MD: return "mean differences"
        case .SMD: return "standardised mean differences (Hedges' g)"
        case .GEN: return analysis.effectLabel.map { $0.lowercased() + "s" } ?? "effect estimates (generic inverse variance)"
        }
    }
}
