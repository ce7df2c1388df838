import Foundation

/// Egger's regression test, Begg's rank correlation and trim-and-fill, as metafor's regtest
/// (model = "lm", predictor = "sei"), ranktest and trimfill (estimator L0) compute them.
struct SmallStudyAnalysis {
    let pooler: Pooler

    func run(_ effects: [StudyEffect], notes: inout [String]) -> SmallStudyTests {
        let y = effects.map(\.yi), v = effects.map(\.vi)
        let egger = eggerTest(y: y, v: v)
        if egger == nil { notes.append("Egger's test was not computed: the studies' standard errors do not vary.") }
        let begg = beggTest(y: y, v: v)
        if begg == nil { notes.append("Begg's test was not computed: the standardized effects or the variances do not vary.") }
        var trimAndFill: TrimAndFill?
        do {
            trimAndFill = try self.trimAndFill(y: y, v: v)
        } catch {
            notes.append("Trim-and-fill was not computed: \(error)")
        }
        return SmallStudyTests(egger: egger, begg: begg, trimAndFill: trimAndFill)
    }

    // MARK: - Egger

    /// Weighted least squares of yᵢ on √vᵢ with weights 1/vᵢ and an estimated residual variance;
    /// t test of the slope with k − 2 df.
    func eggerTest(y: [Double], v: [Double]) -> EggerTest? {
        let k = y.count
        guard k >= 3 else { return nil }
        let data = ModelData(y: y, v: v, moderator: v.map { $0.squareRoot() })
        guard let fit = data.projection(tau2: 0) else { return nil }
        let df = k - 2
        let sigma2 = fit.residualSumOfSquares / Double(df)
        let slopeSE = (sigma2 * fit.inverseCrossProduct[1, 1]).squareRoot()
        guard slopeSE > 0, slopeSE.isFinite else { return nil }
        let t = fit.beta[1] / slopeSE
        return EggerTest(t: t, df: df, p: StudentT.twoSidedP(t, df: Double(df)),
                         slope: fit.beta[1], slopeSE: slopeSE, intercept: fit.beta[0])
    }

    // MARK: - Begg

    /// Kendall's τ between (yᵢ − θ̂)/√(vᵢ − v̂) and vᵢ, with θ̂ the common-effect estimate and v̂ its variance.
    func beggTest(y: [Double], v: [Double]) -> BeggTest? {
        guard y.count >= 3 else { return nil }
        let w = v.map { 1 / $0 }
        let sumW = w.reduce(0, +)
        let theta = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / sumW
        let variance = 1 / sumW
        var standardized: [Double] = []
        for i in 0..<y.count {
            let spread = v[i] - variance
            guard spread > 0 else { return nil }
            standardized.append((y[i] - theta) / spread.squareRoot())
        }
        guard let test = KendallTau.test(standardized, v) else { return nil }
        return BeggTest(tau: test.tau, p: test.p, exact: test.exact)
    }

    // MARK: - Trim and fill

    /// Duval & Tweedie's L0 estimator, iterated as metafor's trimfill: the side is where the
    /// regression of yᵢ on √vᵢ (same τ² estimator) points away from; studies are ranked by their
    /// distance from the estimate of the trimmed data until k0 no longer changes.
    func trimAndFill(y: [Double], v: [Double]) throws -> TrimAndFill {
        let k = y.count
        let model = pooler.model
        // The side: missing studies are assumed on the side opposite to the asymmetry.
        let sideFit: InverseVarianceModel.Fit
        do {
            sideFit = try model.fit(ModelData(y: y, v: v, moderator: v.map { $0.squareRoot() }))
        } catch MetaAnalysisError.degenerate {
            // The "moderator" here is the standard error, as metafor's trimfill also needs it to vary.
            throw MetaAnalysisError.degenerate("the studies' standard errors are all equal, so the side of the missing studies cannot be estimated")
        }
        let side: TrimAndFill.Side = sideFit.beta[1] < 0 ? .right : .left
        let flip = side == .right ? -1.0 : 1.0

        // Sort by (possibly flipped) effect, keeping the input order for ties.
        let order = (0..<k).sorted { (flip * y[$0], $0) < (flip * y[$1], $1) }
        let ys = order.map { flip * y[$0] }, vs = order.map { v[$0] }

        var k0 = 0, previous = -1, iterations = 0
        var centered: [Double] = []
        var beta = 0.0
        while k0 != previous {
            previous = k0
            iterations += 1
            guard iterations <= 100 else {
                throw MetaAnalysisError.notConverged(estimator: "trim-and-fill", iterations: 100, detail: "k0 kept changing")
            }
            let trimmed = ModelData(y: Array(ys[0..<(k - k0)]), v: Array(vs[0..<(k - k0)]))
            beta = try model.fit(trimmed).beta[0]
            centered = ys.map { $0 - beta }
            // Signed ranks of |yᵢ − β| (ties ranked in order of appearance).
            let byDistance = (0..<k).sorted { (abs(centered[$0]), $0) < (abs(centered[$1]), $1) }
            var positiveRankSum = 0.0
            for (rank, index) in byDistance.enumerated() where centered[index] > 0 {
                positiveRankSum += Double(rank + 1)
            }
            let kd = Double(k)
            let estimate = (4 * positiveRankSum - kd * (kd + 1)) / (2 * kd - 1)
            k0 = max(0, Int(estimate.rounded(.toNearestOrEven)))
            if k0 >= k { k0 = k - 1 }
        }

        // Mirror the k0 most extreme studies around the trimmed estimate, then refit with them.
        var filled: [FilledStudy] = []
        if k0 > 0 {
            for index in (k - k0)..<k {
                filled.append(FilledStudy(yi: flip * (2 * beta - ys[index]), vi: vs[index]))
            }
        }
        let final = try model.fit(ModelData(y: y + filled.map(\.yi), v: v + filled.map(\.vi)))
        return TrimAndFill(k0: k0, side: side, estimator: "L0", filled: filled, yi: final.beta[0], se: final.se[0],
                           ciLower: final.ciLower[0], ciUpper: final.ciUpper[0], p: final.p[0],
                           tau2: final.isRandomEffects ? final.tau2 : nil)
    }
}
