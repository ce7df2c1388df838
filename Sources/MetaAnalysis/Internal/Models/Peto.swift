import Foundation

/// Peto's one-step odds ratio (Yusuf et al. 1985), as metafor's rma.peto: log OR = Σ(O − E)/ΣV,
/// SE = 1/√ΣV, and the heterogeneity statistic Σ(O − E)²/V − (Σ(O − E))²/ΣV.
enum Peto {
    /// - Parameter studiesWithEffect: how many studies have a defined log OR (Q's df + 1).
    static func fit(_ effects: [StudyEffect], level: Double, studiesWithEffect: Int) throws -> PoolFit {
        var sumOE = 0.0, sumV = 0.0, sumOE2overV = 0.0
        var informative = 0
        var weights: [Double] = []
        for effect in effects {
            let t = effect.counts!
            let N = t.total
            let eventTotal = t.a + t.c, nonEventTotal = t.b + t.d
            let expected = eventTotal * t.n1 / N
            // Hypergeometric variance; 0 when the table has no events or no non-events.
            let V = N > 1 ? eventTotal * nonEventTotal * (t.n1 / N) * (t.n2 / N) / (N - 1) : 0
            weights.append(V)
            sumOE += t.a - expected
            sumV += V
            if V > 0 {
                sumOE2overV += (t.a - expected) * (t.a - expected) / V
                informative += 1
            }
        }
        guard sumV > 0 else {
            throw MetaAnalysisError.poolingUndefined(
                "Peto's odds ratio needs at least one study with both events and non-events.")
        }
        let estimate = sumOE / sumV
        let Q = max(0, sumOE2overV - sumOE * sumOE / sumV)
        let df = studiesWithEffect - 1
        let heterogeneity: (Q: Double, df: Int, p: Double, I2: Double, H2: Double)
        if informative > 1 && df > 0 {
            heterogeneity = (Q, df, ChiSquared.survival(Q, df: Double(df)),
                             Q > 0 ? max(0, 100 * (Q - Double(df)) / Q) : 0, Q / Double(df))
        } else {
            heterogeneity = (Q, max(0, df), 1, 0, 1)
        }
        return .commonEffect(estimate: estimate, se: (1 / sumV).squareRoot(), level: level,
                             weights: weights, heterogeneity: heterogeneity)
    }
}
