import Foundation

/// The F distribution with (d1, d2) degrees of freedom: P(F > f) = I_{d2/(d2+d1 f)}(d2/2, d1/2).
public enum FisherF {
    /// P(F > f).
    public static func survival(_ f: Double, df1: Double, df2: Double) -> Double {
        precondition(df1 > 0 && df2 > 0, "degrees of freedom must be positive")
        if f <= 0 { return 1 }
        if f.isInfinite { return 0 }
        let denominator = df2 + df1 * f
        return SpecialFunctions.incompleteBeta(x: df2 / denominator, y: df1 * f / denominator,
                                               a: df2 / 2, b: df1 / 2).lower
    }

    /// P(F ≤ f).
    public static func cdf(_ f: Double, df1: Double, df2: Double) -> Double {
        precondition(df1 > 0 && df2 > 0, "degrees of freedom must be positive")
        if f <= 0 { return 0 }
        if f.isInfinite { return 1 }
        let denominator = df2 + df1 * f
        return SpecialFunctions.incompleteBeta(x: df2 / denominator, y: df1 * f / denominator,
                                               a: df2 / 2, b: df1 / 2).upper
    }
}
