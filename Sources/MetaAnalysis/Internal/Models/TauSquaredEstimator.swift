import Foundation

/// The τ² estimators of metafor's rma.uni, for a model with an intercept and optionally one
/// moderator (k studies, p coefficients). Each follows metafor 3.8-1's computation; the iterative
/// ones use its starting values and, under `Convergence.metafor`, its stopping rules.
struct TauSquaredEstimator {
    let method: PoolingMethod
    let convergence: Convergence

    /// metafor's `threshold` (Fisher scoring stops when |Δτ²| is below it) and `maxiter`.
    static let metaforThreshold = 1e-5
    static let metaforMaxIterations = 100
    /// metafor's `tol` = .Machine$double.eps^0.25 (used by uniroot for PM, and by the ll0 check).
    static let metaforRootTolerance = pow(Double.ulpOfOne, 0.25)

    func estimate(_ data: ModelData) throws -> Double {
        let k = Double(data.k), p = Double(data.p)
        // metafor: k = 1 gives τ² = 0 whatever the estimator.
        if data.k == 1 { return 0 }
        let tau2: Double
        switch method {
        case .IV, .MH, .PETO:
            return 0
        case .DL:
            // DerSimonian & Laird: (Q − (k − p)) / tr(P), with fixed-effect weights 1/v.
            let fe = try projection(data, tau2: 0)
            tau2 = (fe.residualSumOfSquares - (k - p)) / fe.traceP
        case .HS:
            // Hunter & Schmidt: (Q − k) / Σwᵢ.
            let fe = try projection(data, tau2: 0)
            tau2 = (fe.residualSumOfSquares - k) / fe.sumOfWeights
        case .SJ:
            // Sidik & Jonkman: one step from τ₀² = the (biased) variance of the y's.
            let mean = data.y.reduce(0, +) / k
            let tau0 = data.y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / k
            let fit = try projection(data, tau2: tau0)
            tau2 = tau0 * fit.residualSumOfSquares / (k - p)
        case .PM:
            tau2 = try pauleMandel(data)
        case .REML, .ML, .EB:
            tau2 = try fisherScoring(data)
        }
        return max(0, tau2)
    }

    // MARK: - Hedges (HE): the starting value of REML, ML and EB

    /// (RSS_OLS − tr(P₀V)) / (k − p), with P₀ = I − X(XᵀX)⁻¹Xᵀ.
    private func hedges(_ data: ModelData) throws -> Double {
        guard let ols = data.unweightedProjection() else { throw singular(data) }
        // tr(P₀V) = Σvᵢ − tr((XᵀX)⁻¹ XᵀVX).
        var xtvx = SmallMatrix.zero(data.p)
        for i in 0..<data.k {
            let x = data.moderator?[i] ?? 0
            xtvx[0, 0] += data.v[i]
            if data.p == 2 { xtvx[0, 1] += data.v[i] * x; xtvx[1, 1] += data.v[i] * x * x }
        }
        if data.p == 2 { xtvx[1, 0] = xtvx[0, 1] }
        let tracePV = data.v.reduce(0, +) - (ols.inverseCrossProduct * xtvx).trace
        return (ols.residualSumOfSquares - tracePV) / Double(data.k - data.p)
    }

    // MARK: - Fisher scoring (REML, ML, EB)

    private func fisherScoring(_ data: ModelData) throws -> Double {
        let k = Double(data.k), p = Double(data.p)
        var tau2 = max(0, try hedges(data))
        let (threshold, maxIterations, relative): (Double, Int, Bool) = switch convergence {
        case .metafor: (Self.metaforThreshold, Self.metaforMaxIterations, false)
        case let .precise(tolerance, maxIterations): (tolerance, maxIterations, true)
        }
        var iteration = 0
        while true {
            iteration += 1
            let fit = try projection(data, tau2: tau2)
            var step: Double
            switch method {
            case .ML: step = (fit.yPPy - fit.sumOfWeights) / fit.sumOfSquaredWeights
            case .REML: step = (fit.yPPy - fit.traceP) / fit.tracePP
            default: step = (fit.residualSumOfSquares * k / (k - p) - k) / fit.sumOfWeights   // EB
            }
            if step.isNaN { step = 0 }
            guard step.isFinite else {
                throw MetaAnalysisError.notConverged(estimator: method.rawValue, iterations: iteration,
                                                     detail: "the Fisher scoring step is infinite")
            }
            let previous = tau2
            if relative {
                // Project onto τ² ≥ 0; a step down from 0 means the optimum is on the boundary.
                tau2 = max(0, tau2 + step)
                let change = abs(tau2 - previous)
                if change == 0 || change <= threshold * tau2 { break }
            } else {
                // metafor: halve the step until τ² stays ≥ 0; stop when |Δτ²| ≤ threshold.
                while tau2 + step < 0 { step /= 2 }
                tau2 += step
                if !(abs(previous - tau2) > threshold) { break }
            }
            if iteration > maxIterations {
                throw MetaAnalysisError.notConverged(estimator: method.rawValue, iterations: maxIterations,
                                                     detail: "Fisher scoring, last change \(abs(tau2 - previous))")
            }
        }
        if method == .ML || method == .REML {
            tau2 = try checkAgainstZero(data, tau2: tau2)
        }
        return tau2
    }

    /// metafor's `ll0check`: if τ² = 0 has a clearly higher (restricted) likelihood than the
    /// estimate, scoring stopped at a local maximum and τ² = 0 is returned.
    private func checkAgainstZero(_ data: ModelData, tau2: Double) throws -> Double {
        let minimumTau2: Double = convergence == .metafor ? Self.metaforThreshold : 0
        guard tau2 > minimumTau2 else { return tau2 }
        let atZero = try logLikelihood(data, tau2: 0)
        let atEstimate = try logLikelihood(data, tau2: tau2)
        return atZero - atEstimate > Self.metaforRootTolerance ? 0 : tau2
    }

    /// The ML or REML log-likelihood at τ² (without REML's constant ½ log|XᵀX|).
    private func logLikelihood(_ data: ModelData, tau2: Double) throws -> Double {
        let fit = try projection(data, tau2: tau2)
        let logVariances = data.v.reduce(0) { $0 + log($1 + tau2) }
        if method == .ML {
            return -0.5 * Double(data.k) * log(2 * Double.pi) - 0.5 * logVariances - 0.5 * fit.residualSumOfSquares
        }
        return -0.5 * Double(data.k - data.p) * log(2 * Double.pi) - 0.5 * logVariances
            - 0.5 * fit.logDeterminant - 0.5 * fit.residualSumOfSquares
    }

    // MARK: - Paule–Mandel

    /// The τ² at which the generalized Q statistic equals its expectation k − p.
    private func pauleMandel(_ data: ModelData) throws -> Double {
        let target = Double(data.k - data.p)
        func excessQ(_ tau2: Double) -> Double {
            guard let fit = data.projection(tau2: tau2) else { return .nan }
            return fit.residualSumOfSquares - target
        }
        let atZero = excessQ(0)
        if atZero < 0 { return 0 }
        // metafor's search interval: [0, max(100, 10·mad(y)²)]. Where metafor would give up because Q
        // is still too large at the upper end, we widen the interval instead.
        var upper = max(100, 10 * pow(Self.medianAbsoluteDeviation(data.y), 2))
        var atUpper = excessQ(upper)
        while atUpper > 0 && upper < 1e300 {
            upper *= 10
            atUpper = excessQ(upper)
        }
        guard atZero.isFinite, atUpper.isFinite, atUpper <= 0 else {
            throw MetaAnalysisError.notConverged(estimator: "PM", iterations: 0,
                                                 detail: "no sign change of Q(τ²) − (k − p) was found")
        }
        let (tolerance, maxIterations): (Double, Int) = switch convergence {
        case .metafor: (Self.metaforRootTolerance, Self.metaforMaxIterations)
        case let .precise(_, maxIterations): (0, max(maxIterations, 200))
        }
        do {
            return try BrentRoot.solve(lower: 0, upper: upper, fLower: atZero, fUpper: atUpper,
                                       tolerance: tolerance, maxIterations: maxIterations, excessQ)
        } catch let failure as BrentRoot.Failure {
            throw MetaAnalysisError.notConverged(estimator: "PM", iterations: failure.iterations,
                                                 detail: "Brent's root search")
        }
    }

    /// R's mad(): 1.4826 · median(|y − median(y)|).
    static func medianAbsoluteDeviation(_ values: [Double]) -> Double {
        let center = median(values)
        return 1.4826 * median(values.map { abs($0 - center) })
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let n = sorted.count
        if n == 0 { return .nan }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    // MARK: - Helpers

    private func projection(_ data: ModelData, tau2: Double) throws -> WeightedProjection {
        guard let fit = data.projection(tau2: tau2) else { throw singular(data) }
        return fit
    }

    private func singular(_ data: ModelData) -> MetaAnalysisError { .singular(coefficients: data.p) }
}
