import Foundation

/// The standard normal distribution: tails through `erfc`, so that p-values stay accurate far
/// into the tail (a relative error below 1e-13 down to p = 1e-300).
public enum Normal {
    /// The density φ(x).
    public static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// Φ(x) = P(Z ≤ x).
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// 1 − Φ(x) = P(Z > x), computed directly (not as 1 − Φ) so small tails keep their digits.
    public static func survival(_ x: Double) -> Double {
        0.5 * erfc(x / 2.0.squareRoot())
    }

    /// P(|Z| ≥ |z|), the two-sided p-value of a z statistic.
    public static func twoSidedP(_ z: Double) -> Double {
        min(1, erfc(abs(z) / 2.0.squareRoot()))
    }

    /// The quantile Φ⁻¹(p) for 0 < p < 1 (−∞ and +∞ at 0 and 1).
    public static func quantile(_ p: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability out of range")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p > 0.5 { return upperQuantile(1 - p) }
        return -upperQuantile(p)
    }

    /// The x with P(Z > x) = q, for 0 < q < 1; more precise than `quantile(1 − q)` for small q.
    public static func upperQuantile(_ q: Double) -> Double {
        precondition(q >= 0 && q <= 1, "probability out of range")
        if q == 0 { return .infinity }
        if q == 1 { return -.infinity }
        if q > 0.5 { return -upperQuantile(1 - q) }
        if q == 0.5 { return 0 }
        // Starting value: Abramowitz & Stegun 26.2.23 (absolute error < 4.5e-4) …
        let t = (-2 * log(q)).squareRoot()
        var x = t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
        // … then Halley steps on P(Z > x) − q, which converge to full precision in a few steps.
        for _ in 0..<20 {
            let error = survival(x) - q
            let slope = -density(x)
            if slope == 0 { break }
            let newton = error / slope
            let step = newton / (1 + 0.5 * x * newton)
            x -= step
            if abs(step) <= 1e-15 * max(1, abs(x)) { break }
        }
        return x
    }
}
