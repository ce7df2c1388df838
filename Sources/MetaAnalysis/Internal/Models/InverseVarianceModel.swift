import Foundation

/// metafor's rma.uni for an intercept-only model or one moderator: common-effect (IV) or random
/// effects with a τ² estimator, z tests or Hartung–Knapp (t with k − p df, metafor's untruncated
/// adjustment), and the heterogeneity statistics as metafor computes them.
struct InverseVarianceModel {
    struct Fit {
        var beta: [Double]
        var se: [Double]
        var statistic: [Double]
        var p: [Double]
        var ciLower: [Double]
        var ciUpper: [Double]
        /// The t degrees of freedom (k − p) under Hartung–Knapp; nil for z tests.
        var tDF: Int?
        var tau2: Double
        var isRandomEffects: Bool
        /// Q, its df (k − p) and p-value, I² and H² (metafor: from Q for common effect; from τ² and
        /// the "typical" within-study variance (k − p)/tr(P) for random effects).
        var Q: Double
        var Qdf: Int
        var Qp: Double
        var I2: Double
        var H2: Double
        /// Test of the moderator (p = 2): QM and its p-value (χ²₁, or F(1, k − 2) under Hartung–Knapp).
        var QM: Double?
        var QMp: Double?
        /// The model weights 1/(vᵢ + τ²).
        var weights: [Double]
        /// The covariance of intercept and slope (p = 2), scaled as `se`; nil for p = 1.
        var covariance: Double?
        /// The quantile the confidence intervals use (normal, or t(k − p)).
        var critical: Double
    }

    let method: PoolingMethod
    let hksj: Bool
    let convergence: Convergence
    let level: Double

    func fit(_ data: ModelData) throws -> Fit {
        let k = data.k, p = data.p
        let randomEffects = method.isRandomEffects
        guard k >= p else {
            throw MetaAnalysisError.degenerate("The model has \(p) coefficients but only \(k) studies.")
        }
        if randomEffects && p > 1 && k < p + 1 {
            throw MetaAnalysisError.degenerate("A random-effects meta-regression needs at least \(p + 1) studies; there are \(k).")
        }
        let tau2 = randomEffects ? try TauSquaredEstimator(method: method, convergence: convergence).estimate(data) : 0
        let weights = data.v.map { 1 / ($0 + tau2) }
        guard let projection = data.projection(tau2: tau2) else {
            throw MetaAnalysisError.singular(coefficients: p)
        }
        // Hartung–Knapp: scale the covariance by RSS/(k − p) (not truncated at 1, as metafor's "knha").
        // metafor falls back to z tests when k = 1.
        let useT = hksj && randomEffects && k > p
        var scale = 1.0
        if useT {
            let rss = projection.residualSumOfSquares
            scale = rss <= Double.ulpOfOne ? 0 : rss / Double(k - p)
            if scale == 0 {
                throw MetaAnalysisError.degenerate(
                    "The Hartung–Knapp adjustment is undefined here: the studies agree perfectly with the pooled estimate, so its standard error would be 0.")
            }
        }
        let beta = projection.beta
        let se = (0..<p).map { (scale * projection.inverseCrossProduct[$0, $0]).squareRoot() }
        let statistic = (0..<p).map { beta[$0] / se[$0] }
        let tDF = useT ? k - p : nil
        let alpha = 1 - level
        let critical: Double
        let pValues: [Double]
        if let df = tDF {
            critical = StudentT.upperQuantile(alpha / 2, df: Double(df))
            pValues = statistic.map { StudentT.twoSidedP($0, df: Double(df)) }
        } else {
            critical = Normal.upperQuantile(alpha / 2)
            pValues = statistic.map { Normal.twoSidedP($0) }
        }

        // The moderator's omnibus test.
        var QM: Double?, QMp: Double?
        if p == 2 {
            let value = beta[1] * beta[1] / (scale * projection.inverseCrossProduct[1, 1])
            if let df = tDF {
                QM = value
                QMp = FisherF.survival(value, df1: 1, df2: Double(df))
            } else {
                QM = value
                QMp = ChiSquared.survival(value, df: 1)
            }
        }

        // Heterogeneity, from the common-effect weights 1/v.
        var Q = 0.0, Qp = 1.0, I2 = 0.0, H2 = 1.0
        if k > p {
            guard let fe = data.projection(tau2: 0) else {
                throw MetaAnalysisError.singular(coefficients: p)
            }
            let df = Double(k - p)
            Q = max(0, fe.residualSumOfSquares)
            Qp = ChiSquared.survival(Q, df: df)
            if randomEffects {
                let typicalVariance = df / fe.traceP
                I2 = 100 * tau2 / (typicalVariance + tau2)
                H2 = tau2 / typicalVariance + 1
            } else {
                I2 = Q > 0 ? max(0, 100 * (Q - df) / Q) : 0
                H2 = Q / df
            }
        }
        let fit = Fit(beta: beta, se: se, statistic: statistic, p: pValues,
                      ciLower: (0..<p).map { beta[$0] - critical * se[$0] },
                      ciUpper: (0..<p).map { beta[$0] + critical * se[$0] },
                      tDF: tDF, tau2: tau2, isRandomEffects: randomEffects,
                      Q: Q, Qdf: max(0, k - p), Qp: Qp, I2: I2, H2: H2, QM: QM, QMp: QMp,
                      weights: weights, covariance: p == 2 ? scale * projection.inverseCrossProduct[0, 1] : nil,
                      critical: critical)
        // Never hand on a NaN or infinity: say that the data are degenerate instead.
        let numbers = beta + se + statistic + pValues + fit.ciLower + fit.ciUpper
            + [tau2, Q, Qp, I2, H2, QM ?? 0, QMp ?? 0] + weights
        guard numbers.allSatisfy(\.isFinite) else {
            throw MetaAnalysisError.degenerate("The model could not be fitted to these data (a result was not a finite number).")
        }
        return fit
    }
}
