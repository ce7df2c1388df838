/// The data of an inverse-variance model (metafor's rma.uni): effects, their sampling variances
/// and the model matrix (an intercept, plus a moderator for meta-regression).
struct ModelData {
    let y: [Double]
    let v: [Double]
    /// The columns of the model matrix X; the first is all ones.
    let columns: [[Double]]

    var k: Int { y.count }
    var p: Int { columns.count }

    /// The intercept-only model.
    init(y: [Double], v: [Double]) {
        self.init(y: y, v: v, moderator: nil)
    }

    /// The model with an intercept and, if given, one moderator.
    init(y: [Double], v: [Double], moderator: [Double]?) {
        precondition(y.count == v.count)
        self.y = y
        self.v = v
        var columns = [[Double](repeating: 1, count: y.count)]
        if let moderator { columns.append(moderator) }
        self.columns = columns
    }

    /// The weighted least-squares projection for weights w (W = diag(w)); nil if XᵀWX is singular.
    func projection(weights w: [Double]) -> WeightedProjection? {
        WeightedProjection(data: self, weights: w)
    }
}

/// Quantities of the weighted least-squares fit for weights w that the τ² estimators need, with
/// P = W − WX(XᵀWX)⁻¹XᵀW. Everything is O(k·p²): P itself (k × k) is never formed.
struct WeightedProjection {
    let weights: [Double]
    /// (XᵀWX)⁻¹, the unscaled covariance matrix of the coefficients.
    let inverseCrossProduct: SmallMatrix
    /// The WLS coefficients (XᵀWX)⁻¹XᵀWy.
    let beta: [Double]
    /// The residuals y − Xβ.
    let residuals: [Double]
    /// yᵀPy = Σ wᵢ eᵢ² (Cochran's Q when w = 1/v).
    let residualSumOfSquares: Double
    /// Σ wᵢ.
    let sumOfWeights: Double
    /// tr(P) = Σ wᵢ − tr((XᵀWX)⁻¹ XᵀW²X).
    let traceP: Double

    private let data: ModelData

    init?(data: ModelData, weights w: [Double]) {
        self.data = data
        self.weights = w
        let cross = SmallMatrix.crossProduct(columns: data.columns, diagonal: w)
        guard let inverse = cross.inverse() else { return nil }
        inverseCrossProduct = inverse
        var xtwy = [Double](repeating: 0, count: data.p)
        for a in 0..<data.p {
            let column = data.columns[a]
            var sum = 0.0
            for i in 0..<data.k { sum += w[i] * column[i] * data.y[i] }
            xtwy[a] = sum
        }
        let beta = inverse.times(xtwy)
        self.beta = beta
        var residuals = [Double](repeating: 0, count: data.k)
        var rss = 0.0
        for i in 0..<data.k {
            var fitted = 0.0
            for a in 0..<data.p { fitted += data.columns[a][i] * beta[a] }
            residuals[i] = data.y[i] - fitted
            rss += w[i] * residuals[i] * residuals[i]
        }
        self.residuals = residuals
        residualSumOfSquares = rss
        sumOfWeights = w.reduce(0, +)
        let w2 = w.map { $0 * $0 }
        traceP = sumOfWeights - (inverse * SmallMatrix.crossProduct(columns: data.columns, diagonal: w2)).trace
    }

    /// yᵀPPy = ‖Py‖² = Σ (wᵢ eᵢ)².
    var yPPy: Double {
        var sum = 0.0
        for i in 0..<residuals.count { let r = weights[i] * residuals[i]; sum += r * r }
        return sum
    }

    /// tr(PP) = Σ wᵢ² − 2 tr(A XᵀW³X) + tr((A XᵀW²X)²), with A = (XᵀWX)⁻¹.
    var tracePP: Double {
        let w2 = weights.map { $0 * $0 }
        let w3 = weights.map { $0 * $0 * $0 }
        let a2 = inverseCrossProduct * SmallMatrix.crossProduct(columns: data.columns, diagonal: w2)
        let a3 = inverseCrossProduct * SmallMatrix.crossProduct(columns: data.columns, diagonal: w3)
        return w2.reduce(0, +) - 2 * a3.trace + (a2 * a2).trace
    }

    /// Σ wᵢ².
    var sumOfSquaredWeights: Double { weights.reduce(0) { $0 + $1 * $1 } }
}
