import Foundation

/// Student's t distribution with ν > 0 degrees of freedom, through the regularized incomplete beta
/// function: P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½).
public enum StudentT {
    /// P(|T| ≥ |t|), the two-sided p-value of a t statistic.
    public static func twoSidedP(_ t: Double, df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        if t.isInfinite { return 0 }
        let t2 = t * t
        let x = df / (df + t2)
        let y = t2 / (df + t2)
        return SpecialFunctions.incompleteBeta(x: x, y: y, a: df / 2, b: 0.5).lower
    }

    /// P(T > t).
    public static func survival(_ t: Double, df: Double) -> Double {
        let half = 0.5 * twoSidedP(t, df: df)
        return t >= 0 ? half : 1 - half
    }

    /// P(T ≤ t).
    public static func cdf(_ t: Double, df: Double) -> Double {
        let half = 0.5 * twoSidedP(t, df: df)
        return t >= 0 ? 1 - half : half
    }

    /// The density of T at t.
    public static func density(_ t: Double, df: Double) -> Double {
        let logNorm = SpecialFunctions.logGamma((df + 1) / 2) - SpecialFunctions.logGamma(df / 2)
            - 0.5 * log(df * Double.pi)
        return exp(logNorm - (df + 1) / 2 * log1p(t * t / df))
    }

    /// The quantile: the t with P(T ≤ t) = p.
    public static func quantile(_ p: Double, df: Double) -> Double {
        precondition(p >= 0 && p <= 1, "probability out of range")
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p < 0.5 { return -upperQuantile(p, df: df) }
        return upperQuantile(1 - p, df: df)
    }

    /// The t with P(T > t) = q.
    public static func upperQuantile(_ q: Double, df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        precondition(q >= 0 && q <= 1, "probability out of range")
        if q == 0 { return .infinity }
        if q == 1 { return -.infinity }
        if q > 0.5 { return -upperQuantile(1 - q, df: df) }
        if q == 0.5 { return 0 }
        // Closed forms for one and two degrees of freedom.
        if df == 1 { return tan(Double.pi * (0.5 - q)) }
        if df == 2 { let p = 1 - q; return (2 * p - 1) / (2 * p * q).squareRoot() }
        // Start from the Cornish–Fisher expansion around the normal quantile …
        let z = Normal.upperQuantile(q)
        let z3 = z * z * z, z5 = z3 * z * z
        var t = z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
        if !t.isFinite || t <= 0 { t = z }
        // … and refine with safeguarded Newton steps on P(T > t) − q (the survival is decreasing).
        var low = 0.0, high = Double.infinity
        for _ in 0..<200 {
            let error = survival(t, df: df) - q
            if error > 0 { low = max(low, t) } else { high = min(high, t) }
            var next = t + error / density(t, df: df)
            if !(next > low && next < high) || !next.isFinite {
                next = high.isFinite ? 0.5 * (low + high) : max(2 * t, t + 1)
            }
            if abs(next - t) <= 1e-15 * max(1, abs(t)) { return next }
            t = next
        }
        return t
    }
}
