/// One study's contribution to a pooled analysis: its effect on the analysis scale and, for
/// binary outcomes, the raw 2×2 counts that Mantel–Haenszel and Peto pool.
struct StudyEffect {
    /// Index of the study in the analysis' input.
    let index: Int
    let yi: Double
    let vi: Double
    let counts: BinaryCounts?
    /// No events (or only events) in both arms.
    let isDoubleZero: Bool
}

/// The 2×2 table of a study: events a, c and non-events b, d in the experimental and control arms.
struct BinaryCounts {
    let a: Double, b: Double, c: Double, d: Double
    var n1: Double { a + b }
    var n2: Double { c + d }
    var total: Double { a + b + c + d }
}

/// A pooled estimate with its heterogeneity statistics, whatever the method.
struct PoolFit {
    var isRandomEffects: Bool
    var k: Int
    var estimate: Double
    var se: Double
    var statistic: Double
    /// t degrees of freedom under Hartung–Knapp; nil for z tests.
    var tDF: Int?
    var p: Double
    var ciLower: Double
    var ciUpper: Double
    /// τ² for random-effects models, nil for common-effect ones.
    var tau2: Double?
    var Q: Double
    var Qdf: Int
    var Qp: Double
    var I2: Double
    var H2: Double
    /// Each effect's weight (same order as the effects pooled; not normalized).
    var weights: [Double]
}

extension PoolFit {
    init(_ fit: InverseVarianceModel.Fit) {
        self.init(isRandomEffects: fit.isRandomEffects, k: fit.weights.count, estimate: fit.beta[0], se: fit.se[0],
                  statistic: fit.statistic[0], tDF: fit.tDF, p: fit.p[0], ciLower: fit.ciLower[0],
                  ciUpper: fit.ciUpper[0], tau2: fit.isRandomEffects ? fit.tau2 : nil,
                  Q: fit.Q, Qdf: fit.Qdf, Qp: fit.Qp, I2: fit.I2, H2: fit.H2, weights: fit.weights)
    }

    /// A z-based common-effect result from an estimate and its standard error (MH, Peto).
    static func commonEffect(estimate: Double, se: Double, level: Double, weights: [Double],
                             heterogeneity: (Q: Double, df: Int, p: Double, I2: Double, H2: Double)) -> PoolFit {
        let critical = Normal.upperQuantile((1 - level) / 2)
        let z = estimate / se
        return PoolFit(isRandomEffects: false, k: weights.count, estimate: estimate, se: se, statistic: z, tDF: nil,
                       p: Normal.twoSidedP(z), ciLower: estimate - critical * se, ciUpper: estimate + critical * se,
                       tau2: nil, Q: heterogeneity.Q, Qdf: heterogeneity.df, Qp: heterogeneity.p,
                       I2: heterogeneity.I2, H2: heterogeneity.H2, weights: weights)
    }

    /// Cochran's Q around a given estimate with inverse-variance weights, as rma.mh and rma.peto
    /// report it: df = (studies with a defined effect) − 1; Q = 0, p = 1, I² = 0, H² = 1 when that is 0.
    static func cochranQ(around estimate: Double, effects: [(yi: Double, vi: Double)]) -> (Q: Double, df: Int, p: Double, I2: Double, H2: Double) {
        let df = effects.count - 1
        guard df > 0 else { return (0, 0, 1, 0, 1) }
        let Q = max(0, effects.reduce(0) { $0 + ($1.yi - estimate) * ($1.yi - estimate) / $1.vi })
        return (Q, df, ChiSquared.survival(Q, df: Double(df)),
                Q > 0 ? max(0, 100 * (Q - Double(df)) / Q) : 0, Q / Double(df))
    }
}
