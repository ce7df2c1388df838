/// Prediction intervals of random-effects fits: θ ± q·√(τ² + SE²), with q from t(k−2)
/// (Higgins et al. 2009, the default) or as metafor's predict() (normal, or t(k−1) with HKSJ).
struct PredictionCalculator {
    let method: PredictionIntervalMethod
    let level: Double

    func interval(for fit: PoolFit) -> PredictionInterval? {
        guard let tau2 = fit.tau2 else { return nil }
        let half = (tau2 + fit.se * fit.se).squareRoot()
        let alpha = 1 - level
        switch method {
        case .higginsTkMinus2:
            guard fit.k >= 3 else { return nil }
            let q = StudentT.upperQuantile(alpha / 2, df: Double(fit.k - 2))
            return PredictionInterval(lower: fit.estimate - q * half, upper: fit.estimate + q * half,
                                      method: method, df: fit.k - 2)
        case .metafor:
            if let df = fit.tDF {
                let q = StudentT.upperQuantile(alpha / 2, df: Double(df))
                return PredictionInterval(lower: fit.estimate - q * half, upper: fit.estimate + q * half,
                                          method: method, df: df)
            }
            let q = Normal.upperQuantile(alpha / 2)
            return PredictionInterval(lower: fit.estimate - q * half, upper: fit.estimate + q * half,
                                      method: method, df: nil)
        }
    }
}
