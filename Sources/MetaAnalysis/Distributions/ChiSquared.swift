import Foundation

/// The χ² distribution with `df` > 0 degrees of freedom, through the regularized incomplete gamma
/// function: P(X > x) = Q(df/2, x/2).
public enum ChiSquared {
    /// P(X > x), the p-value of a χ² statistic (e.g. Cochran's Q), computed without cancellation.
    public static func survival(_ x: Double, df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        return SpecialFunctions.incompleteGamma(a: df / 2, x: max(0, x) / 2).upper
    }

    /// P(X ≤ x).
    public static func cdf(_ x: Double, df: Double) -> Double {
        precondition(df > 0, "degrees of freedom must be positive")
        return SpecialFunctions.incompleteGamma(a: df / 2, x: max(0, x) / 2).lower
    }
}
