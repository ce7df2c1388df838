import Foundation

/// Mantel–Haenszel pooling of RR, OR and RD from the raw 2×2 counts (no continuity correction),
/// with the variances metafor's rma.mh uses: Robins, Breslow & Greenland (1986) for the log OR,
/// Greenland & Robins (1985) for the log RR, and Sato, Greenland & Robins (1989) for the RD.
enum MantelHaenszel {
    /// - Parameters:
    ///   - qEffects: the (yi, vi) pairs that enter Cochran's Q (metafor leaves out double-zero
    ///     studies there).
    ///   - revman: RevMan 5's variant: ½ added to every cell of a table with a zero cell, and
    ///     Greenland & Robins' (1985) variance of the risk difference.
    static func fit(_ effects: [StudyEffect], measure: EffectMeasure, level: Double,
                    qEffects: [(yi: Double, vi: Double)], revman: Bool = false) throws -> PoolFit {
        let tables = try estimate(effects, measure: measure, revman: revman)
        let heterogeneity = PoolFit.cochranQ(around: tables.estimate, effects: qEffects)
        return .commonEffect(estimate: tables.estimate, se: tables.variance.squareRoot(), level: level,
                             weights: tables.weights, heterogeneity: heterogeneity)
    }

    /// The Mantel–Haenszel estimate (analysis scale), its variance and each table's weight.
    static func estimate(_ effects: [StudyEffect], measure: EffectMeasure,
                         revman: Bool) throws -> (estimate: Double, variance: Double, weights: [Double]) {
        var tables: [BinaryCounts] = []
        for effect in effects {
            guard let counts = effect.counts else {
                throw MetaAnalysisError.methodDoesNotFitMeasure(method: .MH, measure: measure)
            }
            tables.append(revman ? counts.correctedForZeroCells : counts)
        }
        let estimate: Double, variance: Double, weights: [Double]
        switch measure {
        case .OR:
            var R = 0.0, S = 0.0, PR = 0.0, PSQR = 0.0, QS = 0.0
            for t in tables {
                let N = t.total
                let r = t.a * t.d / N, s = t.b * t.c / N
                let pp = (t.a + t.d) / N, qq = (t.b + t.c) / N
                R += r; S += s
                PR += pp * r; PSQR += pp * s + qq * r; QS += qq * s
            }
            guard R > 0, S > 0 else {
                throw MetaAnalysisError.poolingUndefined(
                    "the Mantel–Haenszel odds ratio is \(R == 0 ? "0" : "infinite") because no study has both events in one arm and non-events in the other (Σ a·d/N = \(R), Σ b·c/N = \(S)).")
            }
            estimate = log(R / S)
            variance = 0.5 * (PR / (R * R) + PSQR / (R * S) + QS / (S * S))
            weights = tables.map { $0.b * $0.c / $0.total }
        case .RR:
            var R = 0.0, S = 0.0, numerator = 0.0, eventsExp = 0.0, eventsCtrl = 0.0
            for t in tables {
                let N = t.total
                R += t.a * (t.n2 / N)
                S += t.c * (t.n1 / N)
                numerator += (t.n1 / N) * (t.n2 / N) * (t.a + t.c) - (t.a / N) * t.c
                eventsExp += t.a; eventsCtrl += t.c
            }
            guard eventsExp > 0, eventsCtrl > 0 else {
                throw MetaAnalysisError.poolingUndefined(
                    "the Mantel–Haenszel risk ratio needs events in both arms, but the \(eventsExp == 0 ? "experimental" : "control") arms have none.")
            }
            estimate = log(R / S)
            variance = numerator / (R * S)
            weights = tables.map { $0.c * $0.n1 / $0.total }
        case .RD:
            var numerator = 0.0, denominator = 0.0, part1 = 0.0, part2 = 0.0
            for t in tables {
                let N = t.total
                numerator += t.a * (t.n2 / N) - t.c * (t.n1 / N)
                denominator += t.n1 * (t.n2 / N)
            }
            let rd = numerator / denominator
            for t in tables {
                let N = t.total
                part1 += t.c * pow(t.n1 / N, 2) - t.a * pow(t.n2 / N, 2) + (t.n1 / N) * (t.n2 / N) * (t.n2 - t.n1) / 2
                part2 += t.a * (t.n2 - t.c) / N + t.c * (t.n1 - t.a) / N
            }
            estimate = rd
            if revman {
                // Greenland & Robins (1985), as RevMan 5: Σ(a·b·n₂³ + c·d·n₁³)/(n₁n₂N²) / (Σn₁n₂/N)².
                let sum = tables.reduce(0) { total, t in
                    total + (t.a * t.b * pow(t.n2, 3) + t.c * t.d * pow(t.n1, 3)) / (t.n1 * t.n2 * t.total * t.total)
                }
                variance = sum / (denominator * denominator)
            } else {
                variance = (rd * part1 + part2 / 2) / (denominator * denominator)
            }
            weights = tables.map { $0.n1 * $0.n2 / $0.total }
        default:
            throw MetaAnalysisError.methodDoesNotFitMeasure(method: .MH, measure: measure)
        }
        guard variance > 0, variance.isFinite else {
            throw MetaAnalysisError.degenerate(
                "The Mantel–Haenszel \(measure.displayName.lowercased()) has no variance (for example, no study has any event).")
        }
        return (estimate, variance, weights)
    }
}
