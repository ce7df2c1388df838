import Foundation

/// The data of an inverse-variance model (metafor's rma.uni): effects, their sampling variances
/// and an optional moderator (the model matrix is [1] or [1, moderator]).
struct ModelData {
    let y: [Double]
    let v: [Double]
    let moderator: [Double]?

    var k: Int { y.count }
    /// The number of coefficients: 1 (intercept) or 2 (intercept and slope).
    var p: Int { moderator == nil ? 1 : 2 }

    init(y: [Double], v: [Double], moderator: [Double]? = nil) {
        precondition(y.count == v.count && (moderator == nil || moderator!.count == y.count))
        self.y = y
        self.v = v
        self.moderator = moderator
    }

    /// The weighted least-squares projection with weights wᵢ = 1/(vᵢ + τ²); nil if XᵀWX is singular.
    func projection(tau2: Double) -> WeightedProjection? {
        WeightedProjection(data: self) { 1 / (v[$0] + tau2) }
    }

    /// The ordinary least-squares projection (all weights 1).
    func unweightedProjection() -> WeightedProjection? {
        WeightedProjection(data: self) { _ in 1 }
    }
}

/// What the τ² estimators and the final fit need from the weighted least-squares fit for weights
/// w, with P = W − WX(XᵀWX)⁻¹XᵀW. Two passes over the studies, no k × k matrix and no allocation,
/// so that leave-one-out and cumulative analyses of many studies stay fast.
struct WeightedProjection {
    /// (XᵀWX)⁻¹, the unscaled covariance of the coefficients.
    let inverseCrossProduct: SmallMatrix
    /// The coefficients (XᵀWX)⁻¹XᵀWy.
    let beta: [Double]
    /// yᵀPy = Σ wᵢ eᵢ² (Cochran's Q when w = 1/v).
    let residualSumOfSquares: Double
    /// yᵀPPy = Σ (wᵢ eᵢ)².
    let yPPy: Double
    /// Σ wᵢ and Σ wᵢ².
    let sumOfWeights: Double
    let sumOfSquaredWeights: Double
    /// tr(P) = Σ wᵢ − tr(A·XᵀW²X), A = (XᵀWX)⁻¹.
    let traceP: Double
    /// tr(PP) = Σ wᵢ² − 2 tr(A·XᵀW³X) + tr((A·XᵀW²X)²).
    let tracePP: Double
    /// log |XᵀWX| (for the restricted likelihood).
    let logDeterminant: Double

    init?(data: ModelData, weight: (Int) -> Double) {
        let y = data.y
        // Pass 1: the cross products XᵀWᵐX (m = 1, 2, 3) and XᵀWy. With x the moderator (0 if none):
        // s[m][j] = Σ wᵢᵐ xᵢʲ for j = 0, 1, 2.
        var s1 = (0.0, 0.0, 0.0), s2 = (0.0, 0.0, 0.0), s3 = (0.0, 0.0, 0.0)
        var wy = 0.0, wxy = 0.0
        let x = data.moderator
        for i in 0..<data.k {
            let w = weight(i), w2 = w * w, w3 = w2 * w
            let xi = x?[i] ?? 0
            s1.0 += w; s1.1 += w * xi; s1.2 += w * xi * xi
            s2.0 += w2; s2.1 += w2 * xi; s2.2 += w2 * xi * xi
            s3.0 += w3; s3.1 += w3 * xi; s3.2 += w3 * xi * xi
            wy += w * y[i]; wxy += w * xi * y[i]
        }
        sumOfWeights = s1.0
        sumOfSquaredWeights = s2.0
        let beta: [Double]
        if x == nil {
            guard s1.0 > 0, s1.0.isFinite else { return nil }
            inverseCrossProduct = SmallMatrix(size: 1, values: [1 / s1.0])
            beta = [wy / s1.0]
            traceP = s1.0 - s2.0 / s1.0
            tracePP = s2.0 - 2 * s3.0 / s1.0 + (s2.0 / s1.0) * (s2.0 / s1.0)
            logDeterminant = log(s1.0)
        } else {
            let cross = SmallMatrix(size: 2, values: [s1.0, s1.1, s1.1, s1.2])
            guard let inverse = cross.inverse() else { return nil }
            inverseCrossProduct = inverse
            beta = inverse.times([wy, wxy])
            let a2 = inverse * SmallMatrix(size: 2, values: [s2.0, s2.1, s2.1, s2.2])
            let a3 = inverse * SmallMatrix(size: 2, values: [s3.0, s3.1, s3.1, s3.2])
            traceP = s1.0 - a2.trace
            tracePP = s2.0 - 2 * a3.trace + (a2 * a2).trace
            logDeterminant = cross.logDeterminant()
        }
        self.beta = beta
        // Pass 2: residuals.
        var rss = 0.0, ppy = 0.0
        let slope = beta.count > 1 ? beta[1] : 0
        for i in 0..<data.k {
            let w = weight(i)
            let e = y[i] - beta[0] - slope * (x?[i] ?? 0)
            rss += w * e * e
            ppy += w * w * e * e
        }
        residualSumOfSquares = rss
        yPPy = ppy
    }
}
