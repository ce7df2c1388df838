import Foundation

/// Kendall's rank correlation τ and its test, as R's `cor.test(method = "kendall")` computes them:
/// τ_b (which allows for ties), an exact p-value for n < 50 without ties, and otherwise the normal
/// approximation with the tie-corrected variance of S (no continuity correction).
public enum KendallTau {
    /// The result of a Kendall rank-correlation test.
    public struct Test: Sendable, Equatable {
        /// Kendall's τ_b.
        public var tau: Double
        /// The two-sided p-value.
        public var p: Double
        /// Whether `p` comes from the exact null distribution (otherwise the normal approximation).
        public var exact: Bool
    }

    /// Kendall's τ_b between `x` and `y` and its two-sided test; nil when either has no spread.
    public static func test(_ x: [Double], _ y: [Double]) -> Test? {
        precondition(x.count == y.count, "x and y must have the same length")
        let n = x.count
        guard n >= 2 else { return nil }
        let counts = pairCounts(x, y)
        let concordantMinusDiscordant = Double(counts.concordantMinusDiscordant)
        let pairsTiedInX = Double(counts.tiedInX), pairsTiedInY = Double(counts.tiedInY)
        let pairs = Double(n) * Double(n - 1) / 2
        let denominator = ((pairs - pairsTiedInX) * (pairs - pairsTiedInY)).squareRoot()
        guard denominator > 0 else { return nil }
        let tau = concordantMinusDiscordant / denominator

        let hasTies = pairsTiedInX > 0 || pairsTiedInY > 0
        if n < 50 && !hasTies {
            // Exact: the number of concordant pairs has the distribution of inversions of a random permutation.
            let q = Int(((tau + 1) * Double(n) * Double(n - 1) / 4).rounded(.toNearestOrEven))
            let distribution = inversionDistribution(n: n)
            let middle = Double(n) * Double(n - 1) / 4
            let oneSided: Double
            if Double(q) > middle {
                oneSided = distribution[q...].reduce(0, +)          // P(T ≥ q)
            } else {
                oneSided = distribution[...q].reduce(0, +)          // P(T ≤ q)
            }
            return Test(tau: tau, p: min(1, 2 * oneSided), exact: true)
        }
        let z = concordantMinusDiscordant / varianceOfS(x, y).squareRoot()
        return Test(tau: tau, p: Normal.twoSidedP(z), exact: false)
    }

    /// Counts of pairs, by Knight's O(n log n) method (J Am Stat Assoc 1966): sort by x (then y),
    /// count the pairs tied in x and in both, then count the discordant pairs as the inversions a
    /// merge sort of y undoes, and the pairs tied in y once y is sorted. Exact integer counts, so
    /// the result equals comparing every pair, at any size.
    static func pairCounts(_ x: [Double], _ y: [Double]) -> (concordantMinusDiscordant: Int, tiedInX: Int, tiedInY: Int) {
        let n = x.count
        let order = (0..<n).sorted { (x[$0], y[$0]) < (x[$1], y[$1]) }
        func tiedPairs(_ values: [Double]) -> Int {
            var total = 0, run = 1
            for i in 1..<values.count {
                if values[i] == values[i - 1] { run += 1 } else { total += run * (run - 1) / 2; run = 1 }
            }
            return total + run * (run - 1) / 2
        }
        let xs = order.map { x[$0] }
        var ys = order.map { y[$0] }
        let tiedX = tiedPairs(xs)
        // Pairs tied in both x and y: runs of equal (x, y) in the sorted order.
        var tiedBoth = 0, run = 1
        for i in 1..<n {
            if xs[i] == xs[i - 1] && ys[i] == ys[i - 1] { run += 1 } else { tiedBoth += run * (run - 1) / 2; run = 1 }
        }
        tiedBoth += run * (run - 1) / 2
        let discordant = mergeSortCountingInversions(&ys)
        let tiedY = tiedPairs(ys)
        let pairs = n * (n - 1) / 2
        return (pairs - tiedX - tiedY + tiedBoth - 2 * discordant, tiedX, tiedY)
    }

    /// Sorts `values` ascending and returns the number of pairs i < j with values[i] > values[j].
    static func mergeSortCountingInversions(_ values: inout [Double]) -> Int {
        var buffer = values
        var inversions = 0
        var width = 1
        let n = values.count
        while width < n {
            var start = 0
            while start < n {
                let middle = min(start + width, n), end = min(start + 2 * width, n)
                var i = start, j = middle, k = start
                while i < middle && j < end {
                    if values[j] < values[i] {
                        buffer[k] = values[j]
                        inversions += middle - i // every remaining left value is greater
                        j += 1
                    } else {
                        buffer[k] = values[i]
                        i += 1
                    }
                    k += 1
                }
                while i < middle { buffer[k] = values[i]; i += 1; k += 1 }
                while j < end { buffer[k] = values[j]; j += 1; k += 1 }
                start = end
            }
            swap(&values, &buffer)
            width *= 2
        }
        return inversions
    }

    /// P(T = t), t = 0 … n(n−1)/2, for the number T of inversions of a uniformly random permutation of n.
    static func inversionDistribution(n: Int) -> [Double] {
        // Adding the m-th element adds 0 … m−1 inversions with equal probability 1/m.
        var probabilities = [1.0]
        if n <= 1 { return probabilities }
        for m in 2...n {
            let size = probabilities.count + m - 1
            var next = [Double](repeating: 0, count: size)
            var window = 0.0
            for t in 0..<size {
                if t < probabilities.count { window += probabilities[t] }
                if t - m >= 0 { window -= probabilities[t - m] }
                next[t] = max(0, window) / Double(m)
            }
            probabilities = next
        }
        return probabilities
    }

    /// The null variance of S = (concordant − discordant pairs), allowing for ties in x and y.
    private static func varianceOfS(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        func tieSizes(_ values: [Double]) -> [Double] {
            var counts: [Double: Int] = [:]
            for v in values { counts[v, default: 0] += 1 }
            return counts.values.filter { $0 > 1 }.map(Double.init)
        }
        let tx = tieSizes(x), ty = tieSizes(y)
        let v0 = n * (n - 1) * (2 * n + 5)
        let vt = tx.reduce(0) { $0 + $1 * ($1 - 1) * (2 * $1 + 5) }
        let vu = ty.reduce(0) { $0 + $1 * ($1 - 1) * (2 * $1 + 5) }
        let v1 = tx.reduce(0) { $0 + $1 * ($1 - 1) } * ty.reduce(0) { $0 + $1 * ($1 - 1) }
        let v2 = tx.reduce(0) { $0 + $1 * ($1 - 1) * ($1 - 2) } * ty.reduce(0) { $0 + $1 * ($1 - 1) * ($1 - 2) }
        return (v0 - vt - vu) / 18 + v1 / (2 * n * (n - 1)) + v2 / (9 * n * (n - 1) * (n - 2))
    }
}
