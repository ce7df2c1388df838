import Foundation

/// Log-gamma, regularized incomplete gamma and beta functions: the building blocks of the
/// distributions. Written for accuracy in the far tails (p-values down to 1e-300).
enum SpecialFunctions {

    // MARK: - Log-gamma

    /// ln Γ(x) for x > 0. Shifts x up to ≥ 15 with the recurrence, then uses Stirling's series.
    static func logGamma(_ x: Double) -> Double {
        precondition(x > 0, "logGamma needs x > 0")
        if x.isInfinite { return .infinity }
        var z = x
        var shift = 0.0
        // ln Γ(x) = ln Γ(x + n) − ln(x (x+1) … (x+n−1)); the product stays far from overflow.
        var product = 1.0
        while z < 15 {
            product *= z
            z += 1
            if product > 1e250 { shift += log(product); product = 1 }
        }
        shift += log(product)
        return stirling(z) - shift
    }

    /// Stirling's series for ln Γ(z), z ≥ 15: (z − ½) ln z − z + ½ ln 2π + Σ B₂ₙ / (2n(2n−1) z²ⁿ⁻¹).
    private static func stirling(_ z: Double) -> Double {
        (z - 0.5) * log(z) - z + 0.5 * log(2 * Double.pi) + stirlingCorrection(z)
    }

    /// The correction term of Stirling's series, s(z) = ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π]; z ≥ 10.
    static func stirlingCorrection(_ z: Double) -> Double {
        // Bernoulli-number coefficients B₂ₙ / (2n (2n − 1)), n = 1 … 8.
        let coefficients: [Double] = [
            1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680,
            1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
        ]
        let z2 = z * z
        var power = z
        var sum = 0.0
        for c in coefficients {
            sum += c / power
            power *= z2
        }
        return sum
    }

    /// log(1 + t) − t, accurate also for small |t|.
    static func log1pMinusX(_ t: Double) -> Double {
        if abs(t) < 0.25 {
            // −t²/2 + t³/3 − t⁴/4 + …: the n-th term is (−1)ⁿ⁺¹ tⁿ / n.
            var term = t
            var sum = 0.0
            var n = 2.0
            while n < 200 {
                term *= -t
                let add = term / n
                sum += add
                if abs(add) <= 1e-17 * abs(sum) { break }
                n += 1
            }
            return sum
        }
        return log1p(t) - t
    }

    // MARK: - Regularized incomplete gamma

    /// ln(xᵃ e⁻ˣ / Γ(a)), computed without the cancellation of its large terms when a is large.
    private static func logGammaPrefactor(a: Double, x: Double) -> Double {
        if a >= 10 {
            // xᵃe⁻ˣ/Γ(a) = exp(a·[ln(1+t) − t] − s(a)) · √(a/2π), t = x/a − 1.
            let t = (x - a) / a
            return a * log1pMinusX(t) - stirlingCorrection(a) + 0.5 * log(a / (2 * Double.pi))
        }
        return a * log(x) - x - logGamma(a)
    }

    /// The lower and upper regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P.
    static func incompleteGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        precondition(a > 0, "incompleteGamma needs a > 0")
        if x <= 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        let logPrefactor = logGammaPrefactor(a: a, x: x)
        if x < a + 1 {
            // P = xᵃe⁻ˣ/Γ(a+1) · Σₙ xⁿ / ((a+1)…(a+n)).
            var term = 1.0
            var sum = 1.0
            var n = 1.0
            while n < 100_000 {
                term *= x / (a + n)
                sum += term
                if term <= sum * 1e-17 { break }
                n += 1
            }
            let lower = exp(logPrefactor - log(a)) * sum
            return (min(lower, 1), max(0, 1 - lower))
        }
        // Q = xᵃe⁻ˣ/Γ(a) · 1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …))), by the modified Lentz method.
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) <= 1e-16 { break }
            i += 1
        }
        let upper = exp(logPrefactor) * fraction
        return (max(0, 1 - upper), min(upper, 1))
    }

    // MARK: - Regularized incomplete beta

    /// I_x(a, b) and its complement 1 − I_x(a, b). Pass y = 1 − x computed as accurately as the
    /// caller can (e.g. t²/(ν+t²) rather than 1 − ν/(ν+t²)), so that both tails keep their precision.
    static func incompleteBeta(x: Double, y: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        precondition(a > 0 && b > 0, "incompleteBeta needs a, b > 0")
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        // The continued fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
        if x > (a + 1) / (a + b + 2) {
            let swapped = betaContinuedFraction(x: y, y: x, a: b, b: a)
            return (max(0, 1 - swapped), min(swapped, 1))
        }
        let value = betaContinuedFraction(x: x, y: y, a: a, b: b)
        return (min(value, 1), max(0, 1 - value))
    }

    /// I_x(a, b) = xᵃ yᵇ / (a B(a, b)) · 1/(1+ d₁/(1+ d₂/(1+ …))), evaluated by the modified Lentz method.
    private static func betaContinuedFraction(x: Double, y: Double, a: Double, b: Double) -> Double {
        let logX = x < 0.5 ? log(x) : log1p(-y)
        let logY = y < 0.5 ? log(y) : log1p(-x)
        let logBeta = logGamma(a) + logGamma(b) - logGamma(a + b)
        let logPrefactor = a * logX + b * logY - logBeta - log(a)

        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var fraction = d
        var m = 1.0
        while m < 100_000 {
            let m2 = 2 * m
            // Even step: d₂ₘ = m(b−m)x / ((a+2m−1)(a+2m)).
            var numerator = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            fraction *= d * c
            // Odd step: d₂ₘ₊₁ = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)).
            numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + numerator * d
            if abs(d) < tiny { d = tiny }
            c = 1 + numerator / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) <= 1e-16 { break }
            m += 1
        }
        return exp(logPrefactor) * fraction
    }
}
