/// Meta-regression on one moderator (metafor rma with mods): the analysis' τ² estimator (common
/// effect for IV, MH and Peto), and metafor's pseudo-R².
struct MetaRegressionAnalyzer {
    let pooler: Pooler

    func run(_ effects: [StudyEffect], moderatorOf: [Double?], labels: [String], name: String?) throws -> MetaRegression {
        let pairs = effects.compactMap { effect -> (StudyEffect, Double)? in
            guard effect.index < moderatorOf.count, let value = moderatorOf[effect.index], value.isFinite else { return nil }
            return (effect, value)
        }
        let used = pairs.map(\.0)
        let y = used.map(\.yi), v = used.map(\.vi), x = pairs.map(\.1)
        guard Set(x).count >= 2 else {
            throw MetaAnalysisError.degenerate("the moderator takes fewer than two distinct values.")
        }
        let model = pooler.model
        let fit = try model.fit(ModelData(y: y, v: v, moderator: x))

        var R2: Double?
        if fit.isRandomEffects {
            // (τ²₀ − τ²)/τ²₀, with τ²₀ from the intercept-only model on the same studies.
            let tau2Null = try model.fit(ModelData(y: y, v: v)).tau2
            R2 = tau2Null == 0 ? 0 : max(0, 100 * (tau2Null - fit.tau2) / tau2Null)
        } else {
            R2 = weightedAdjustedR2(y: y, w: v.map { 1 / $0 }, fitted: x.map { fit.beta[0] + fit.beta[1] * $0 })
        }
        let totalWeight = fit.weights.reduce(0, +)
        let points = used.indices.map { i in
            MetaRegression.Point(label: labels[used[i].index], moderator: x[i], yi: y[i], vi: v[i],
                                 weight: 100 * fit.weights[i] / totalWeight)
        }
        return MetaRegression(moderator: name, k: used.count, intercept: fit.beta[0], slope: fit.beta[1],
                              se: fit.se, statistic: fit.statistic, df: fit.tDF, p: fit.p,
                              ciLower: fit.ciLower, ciUpper: fit.ciUpper, QM: fit.QM ?? 0, QMp: fit.QMp ?? 1,
                              QE: fit.Q, QEdf: fit.Qdf, QEp: fit.Qp, I2: fit.I2, H2: fit.H2,
                              tau2: fit.isRandomEffects ? fit.tau2 : nil, R2: R2,
                              covariance: fit.covariance ?? 0, critical: fit.critical, studies: points)
    }

    /// metafor's R² for common-effect meta-regression: the adjusted R² of the weighted regression (%), ≥ 0.
    private func weightedAdjustedR2(y: [Double], w: [Double], fitted: [Double]) -> Double {
        let n = Double(y.count)
        guard n > 2 else { return 0 }
        let sumW = w.reduce(0, +)
        let meanFitted = zip(w, fitted).reduce(0) { $0 + $1.0 * $1.1 } / sumW
        var explained = 0.0, residual = 0.0
        for i in 0..<y.count {
            explained += w[i] * (fitted[i] - meanFitted) * (fitted[i] - meanFitted)
            residual += w[i] * (y[i] - fitted[i]) * (y[i] - fitted[i])
        }
        guard explained + residual > 0 else { return 0 }
        let r2 = explained / (explained + residual)
        return max(0, 100 * (1 - (1 - r2) * (n - 1) / (n - 2)))
    }
}
