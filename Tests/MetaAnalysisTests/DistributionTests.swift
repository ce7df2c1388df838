import Testing
@testable import MetaAnalysis

/// Distribution functions against values computed with mpmath at 40 digits (relative 1e-10).
@Suite("Distributions")
struct DistributionTests {
    @Test("χ² upper tail, including far tails")
    func chiSquared() {
        #expect(close(ChiSquared.survival(152.233, df: 12), 1.996772137335306255e-26))
        // The bcg Q statistic: metafor reports p = 1.99676459084597e-26.
        #expect(close(ChiSquared.survival(152.233008082373, df: 12), 1.996764590846239e-26))
        #expect(close(ChiSquared.survival(3.84, df: 1), 0.05004352124870510))
        #expect(close(ChiSquared.survival(2000, df: 1000), 4.143678591454991740e-69))
        #expect(close(ChiSquared.survival(10500, df: 9999), 2.415301142225533512e-4))
        #expect(close(ChiSquared.cdf(0.5, df: 3), 0.08110858834532414))
        #expect(ChiSquared.survival(0, df: 4) == 1)
    }

    @Test("χ² near the centre, where both series and continued fraction are in use")
    func chiSquaredCentre() {
        let cases: [(df: Double, x: Double, upper: Double, lower: Double)] = [
            (30, 28, 0.5704367128273721692, 0.4295632871726278308),
            (47, 50, 0.3551135926682719153, 0.6448864073317280847),
            (20, 19.5, 0.4895712391149854376, 0.5104287608850145624),
            (200, 210, 0.2997546576088437324, 0.7002453423911562675),
            (1000, 1000, 0.4940528538292396420, 0.5059471461707603580),
        ]
        for c in cases {
            #expect(close(ChiSquared.survival(c.x, df: c.df), c.upper), "χ²(\(c.df)) at \(c.x)")
            #expect(close(ChiSquared.cdf(c.x, df: c.df), c.lower), "χ²(\(c.df)) at \(c.x)")
        }
    }

    @Test("Normal tails and quantiles")
    func normal() {
        #expect(close(Normal.survival(1.96), 0.02499789514822043621))
        #expect(close(Normal.cdf(-1.96), 0.02499789514822043621))
        #expect(close(Normal.twoSidedP(10), 1.523970604832105213e-23))
        #expect(close(Normal.twoSidedP(-37), 1.145114244504915365e-299))
        #expect(close(Normal.quantile(0.975), 1.959963984540054236, relative: 1e-14))
        #expect(close(Normal.upperQuantile(0.025), 1.959963984540054236, relative: 1e-14))
        #expect(close(Normal.quantile(0.025), -1.959963984540054236, relative: 1e-14))
        // Round trip far in the tail.
        let x = Normal.upperQuantile(1e-300)
        #expect(close(Normal.survival(x), 1e-300, relative: 1e-12))
        #expect(Normal.quantile(0.5) == 0)
    }

    @Test("Student t tails and quantiles")
    func studentT() {
        #expect(close(StudentT.twoSidedP(2, df: 5), 0.1019394788298583693))
        #expect(close(StudentT.twoSidedP(40, df: 3), 3.438068078915852816e-5))
        #expect(close(StudentT.twoSidedP(0.1, df: 30), 0.9210096117902711561))
        #expect(close(StudentT.twoSidedP(3, df: 10000), 0.002706448189998488682))
        #expect(close(StudentT.twoSidedP(60, df: 2), 2.776620905946787271e-4))
        #expect(close(StudentT.upperQuantile(0.025, df: 12), 2.178812829667228866, relative: 1e-12))
        #expect(close(StudentT.quantile(0.975, df: 3), 3.182446305283709593, relative: 1e-12))
        #expect(close(StudentT.quantile(0.975, df: 1), 12.70620473617469331, relative: 1e-12))
        #expect(close(StudentT.quantile(0.025, df: 12), -2.178812829667228866, relative: 1e-12))
        #expect(close(StudentT.cdf(-2, df: 5) * 2, 0.1019394788298583693))
    }

    @Test("F upper tail")
    func fisherF() {
        #expect(close(FisherF.survival(3.5, df1: 2, df2: 10), 0.07042962777237426022))
        #expect(close(FisherF.survival(25, df1: 1, df2: 11), 4.025298181245197959e-4))
        // F(1, ν) = t(ν)².
        #expect(close(FisherF.survival(4, df1: 1, df2: 5), StudentT.twoSidedP(2, df: 5)))
    }

    @Test("Log-gamma")
    func logGamma() {
        #expect(close(SpecialFunctions.logGamma(0.5), 0.5723649429247000871, relative: 1e-14))
        #expect(close(SpecialFunctions.logGamma(3), 0.6931471805599453094, relative: 1e-14))
        #expect(close(SpecialFunctions.logGamma(1234.5), 7550.550901077894896, relative: 1e-14))
        #expect(close(SpecialFunctions.logGamma(1e-5), 11.51291969289582571, relative: 1e-14))
    }

    @Test("Kendall's exact null distribution")
    func kendall() {
        // Permutations of 4 by number of inversions: 1 3 5 6 5 3 1 (of 24).
        let distribution = KendallTau.inversionDistribution(n: 4)
        #expect(distribution.map { ($0 * 24).rounded() } == [1, 3, 5, 6, 5, 3, 1])
        #expect(close(KendallTau.inversionDistribution(n: 12).reduce(0, +), 1, relative: 1e-14))
        // Perfect agreement of 5 ranks: τ = 1, exact two-sided p = 2/5! = 1/60.
        let test = KendallTau.test([1, 2, 3, 4, 5], [10, 20, 30, 40, 50])
        #expect(test?.tau == 1)
        #expect(test?.exact == true)
        #expect(close(test?.p ?? 0, 1.0 / 60, relative: 1e-14))
        // Ties: τ_b and the normal approximation.
        let tied = KendallTau.test([1, 2, 2, 3], [1, 2, 3, 4])
        #expect(tied?.exact == false)
        #expect(close(tied?.tau ?? 0, 5 / (5 * 6).squareRoot()))
        // No spread: nothing to test.
        #expect(KendallTau.test([1, 1, 1], [1, 2, 3]) == nil)
    }
}

/// Knight's O(n log n) pair counting must equal comparing every pair, with and without ties.
@Suite struct KendallPairCountTests {
    static func bruteForce(_ x: [Double], _ y: [Double]) -> (Int, Int, Int) {
        var s = 0, tx = 0, ty = 0
        for i in 0..<x.count {
            for j in (i + 1)..<x.count {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 { tx += 1 }
                if dy == 0 { ty += 1 }
                s += (dx > 0 ? 1 : dx < 0 ? -1 : 0) * (dy > 0 ? 1 : dy < 0 ? -1 : 0)
            }
        }
        return (s, tx, ty)
    }

    @Test(arguments: [2, 3, 10, 57, 200, 1000])
    func matchesAllPairs(n: Int) {
        // A deterministic generator with many ties at small ranges.
        var state: UInt64 = 0x9E3779B97F4A7C15 &* UInt64(n)
        func next(_ range: Int) -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int((state >> 33) % UInt64(range)))
        }
        for range in [3, 20, 1_000_000] {
            let x = (0..<n).map { _ in next(range) }, y = (0..<n).map { _ in next(range) }
            let fast = KendallTau.pairCounts(x, y)
            let slow = Self.bruteForce(x, y)
            #expect(fast.concordantMinusDiscordant == slow.0 && fast.tiedInX == slow.1 && fast.tiedInY == slow.2,
                    "n = \(n), range = \(range)")
        }
    }
}
