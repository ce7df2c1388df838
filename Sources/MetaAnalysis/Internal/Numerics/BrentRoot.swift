import Foundation

/// Brent's (1973) root finder for a function with a sign change on [lower, upper], written to take
/// the same steps as R's `uniroot` (so that metafor's Paule–Mandel estimate, which stops at a
/// loose tolerance, is reproduced exactly).
enum BrentRoot {
    struct Failure: Error { let iterations: Int }

    /// A root of `f` in [lower, upper], given f(lower) and f(upper) of opposite sign. Stops when the
    /// bracket is narrower than 2·ε·|x| + tolerance/2, or after `maxIterations` steps (then throws).
    static func solve(lower: Double, upper: Double, fLower: Double, fUpper: Double,
                      tolerance: Double, maxIterations: Int, _ f: (Double) -> Double) throws -> Double {
        var a = lower, b = upper
        var fa = fLower, fb = fUpper
        var c = a, fc = fa
        if fa == 0 { return a }
        if fb == 0 { return b }
        var remaining = maxIterations + 1
        while remaining > 0 {
            remaining -= 1
            let previousStep = b - a
            // Keep b the best approximation so far, with the root between b and c.
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let actualTolerance = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
            var newStep = (c - b) / 2
            if abs(newStep) <= actualTolerance || fb == 0 { return b }

            // Try interpolation when the last step was large enough and moved in the right direction.
            if abs(previousStep) >= actualTolerance && abs(fa) > abs(fb) {
                let cb = c - b
                var p: Double, q: Double
                if a == c {
                    // Linear (secant) interpolation.
                    let t1 = fb / fa
                    p = cb * t1
                    q = 1 - t1
                } else {
                    // Inverse quadratic interpolation.
                    let qq = fa / fc, t1 = fb / fc, t2 = fb / fa
                    p = t2 * (cb * qq * (qq - t1) - (b - a) * (t1 - 1))
                    q = (qq - 1) * (t1 - 1) * (t2 - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                // Accept the interpolation only if it stays well inside the bracket and shrinks fast enough.
                if p < 0.75 * cb * q - abs(actualTolerance * q) / 2 && p < abs(previousStep * q / 2) {
                    newStep = p / q
                }
            }
            if abs(newStep) < actualTolerance {
                newStep = newStep > 0 ? actualTolerance : -actualTolerance
            }
            a = b; fa = fb
            b += newStep
            fb = f(b)
            if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
                c = a; fc = fa
            }
        }
        throw Failure(iterations: maxIterations)
    }
}
