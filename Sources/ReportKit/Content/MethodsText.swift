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
        let given = outcomes.compactMap { outcome in outcome.given.map { (outcome.analysis, $0) } }
        if !given.isEmpty {
            var sentence = "Results taken from published analyses are reported as given, without recomputation"
            if let stated = statedPooling(given) { sentence += "; their sources report them as " + stated }
            sentences.append(sentence + ".")
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// How the sources say they pooled given results, from the stated `model` and `method`:
    /// "random-effects (DerSimonian–Laird) meta-analyses of mean differences and risk ratios".
    /// Nil when no analysis states either (nothing is claimed that the review file does not say).
    static func statedPooling(_ given: [(Analysis, GivenResults)]) -> String? {
        var groups: [(how: String, count: Int, effects: [String])] = []
        var anythingStated = false
        for (analysis, results) in given {
            var how = ""
            if results.modelIsStated {
                how = results.model == .random ? "random-effects" : "common-effect"
                anythingStated = true
            }
            if let method = results.method?.trimmingCharacters(in: .whitespaces), !method.isEmpty {
                how += (how.isEmpty ? "" : " ") + "(" + statedMethodName(method) + ")"
                anythingStated = true
            }
            let effect = givenEffectPlural(analysis)
            if let index = groups.firstIndex(where: { $0.how == how }) {
                groups[index].count += 1
                if !groups[index].effects.contains(effect) { groups[index].effects.append(effect) }
            } else {
                groups.append((how, 1, [effect]))
            }
        }
        guard anythingStated else { return nil }
        let phrases = groups.map { group -> String in
            let kind = (group.how.isEmpty ? "" : group.how + " ") + (group.count == 1 ? "meta-analysis" : "meta-analyses")
            return (group.count == 1 ? "a " : "") + kind + " of " + listed(group.effects)
        }
        // Phrases hold "and" themselves, so they are set apart by ", and" (two) or semicolons.
        return phrases.count > 2 ? listed(phrases, separator: "; ", last: "; and ")
            : listed(phrases, separator: ", ", last: ", and ")
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String], separator: String = ", ", last: String = " and ") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: separator) + last + items[items.count - 1]
    }

    /// A method as a given-results file names it ("DL", "M-H", "IV", "Peto", free text), in words.
    static func statedMethodName(_ text: String) -> String {
        let key = String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        switch key {
        case "dl", "dersimonianlaird", "dersimonianandlaird": return "DerSimonian–Laird"
        case "iv", "inversevariance": return "inverse-variance"
        case "mh", "mantelhaenszel": return "Mantel–Haenszel"
        case "peto": return "Peto"
        case "reml": return "REML"
        case "pm", "paulemandel": return "Paule–Mandel"
        case "sj", "sidikjonkman": return "Sidik–Jonkman"
        case "hksj", "hartungknapp", "hartungknappsidikjonkman": return "Hartung–Knapp–Sidik–Jonkman"
        default: return text
        }
    }

    /// The effect measure in the plural, without claims about how it was computed (an SMD given
    /// by a paper need not be Hedges' g).
    static func givenEffectPlural(_ analysis: Analysis) -> String {
        analysis.measure == .SMD ? "standardised mean differences" : effectPlural(analysis)
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
