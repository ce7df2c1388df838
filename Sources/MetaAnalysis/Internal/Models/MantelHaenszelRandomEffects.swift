import Foundation

/// RevMan 5's random-effects analysis of binary data with the Mantel–Haenszel method ("M-H,
/// Random"; Deeks & Higgins 2010): Cochran's Q is taken around the Mantel–Haenszel estimate with
/// inverse-variance weights wᵢ = 1/vᵢ, τ² = max(0, (Q − df)/(Σwᵢ − Σwᵢ²/Σwᵢ)) (DerSimonian & Laird
/// 1986), and the studies are pooled with weights 1/(vᵢ + τ²). I² = (Q − df)/Q.
enum MantelHaenszelRandomEffects {
    /// - Parameters:
    ///   - qEffects: the (yi, vi) pairs that enter Q; the same studies are pooled.
    ///   - revman: RevMan's Mantel–Haenszel variant (½ added to tables with a zero cell).
    static func fit(_ effects: [StudyEffect], measure: EffectMeasure, level: Double,
                    qEffects: [(yi: Double, vi: Double)], revman: Bool) throws -> PoolFit {
        let mh = try MantelHaenszel.estimate(effects, measure: measure, revman: revman)
        let heterogeneity = PoolFit.cochranQ(around: mh.estimate, effects: qEffects)
        let w = effects.map { 1 / $0.vi }
        let sumW = w.reduce(0, +), sumW2 = w.reduce(0) { $0 + $1 * $1 }
        var tau2 = 0.0
        if heterogeneity.df > 0 && sumW > 0 {
            tau2 = max(0, (heterogeneity.Q - Double(heterogeneity.df)) / (sumW - sumW2 / sumW))
        }
        let weights = effects.map { 1 / ($0.vi + tau2) }
        let total = weights.reduce(0, +)
        let estimate = zip(weights, effects).reduce(0) { $0 + $1.0 * $1.1.yi } / total
        let se = (1 / total).squareRoot()
        var fit = PoolFit.commonEffect(estimate: estimate, se: se, level: level, weights: weights,
                                       heterogeneity: heterogeneity)
        fit.isRandomEffects = true
        fit.tau2 = tau2
        return fit
    }
}

extension BinaryCounts {
    /// RevMan 5's continuity correction: ½ added to every cell when any cell is 0.
    var correctedForZeroCells: BinaryCounts {
        guard a == 0 || b == 0 || c == 0 || d == 0 else { return self }
        return BinaryCounts(a: a + 0.5, b: b + 0.5, c: c + 0.5, d: d + 0.5)
    }
}
