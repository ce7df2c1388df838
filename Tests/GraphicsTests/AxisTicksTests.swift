import Testing
@testable import Graphics

@Suite struct AxisTicksTests {
    @Test func linearTicksUseNiceSteps() {
        #expect(AxisTicks.linear(lower: 0, upper: 1).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(AxisTicks.linear(lower: 0, upper: 10).values == [0, 2, 4, 6, 8, 10])
        #expect(AxisTicks.linear(lower: -2.3, upper: 4.1).values == [-4, -2, 0, 2, 4, 6])
        #expect(AxisTicks.linear(lower: 0, upper: 100, targetCount: 4).values == [0, 25, 50, 75, 100])
        #expect(AxisTicks.linear(lower: 0, upper: 0.05, targetCount: 5).values == [0, 0.01, 0.02, 0.03, 0.04, 0.05])
        #expect(AxisTicks.linear(lower: 1200, upper: 5100, targetCount: 4).values == [1000, 2000, 3000, 4000, 5000, 6000])
    }

    @Test func linearTicksCoverTheRange() {
        let ticks = AxisTicks.linear(lower: -0.3, upper: 1.7)
        #expect(ticks.values == [-0.5, 0, 0.5, 1, 1.5, 2])
        #expect(ticks.domain == -0.5...2)
        #expect(ticks.labels() == ["-0.5", "0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(ticks.labels(minusSign: .unicode).first == "\u{2212}0.5")
    }

    @Test func quarterStepsGetTwoDecimals() {
        let ticks = AxisTicks.linear(lower: 0, upper: 1, targetCount: 4)
        #expect(ticks.values == [0, 0.25, 0.5, 0.75, 1])
        #expect(ticks.labels() == ["0.00", "0.25", "0.50", "0.75", "1.00"])
    }

    @Test func degenerateAndInvalidRanges() {
        #expect(AxisTicks.linear(lower: 5, upper: 5).domain.contains(5))
        #expect(AxisTicks.linear(lower: 0, upper: 0).values.count >= 2)
        #expect(AxisTicks.linear(lower: .nan, upper: 1).values == AxisTicks.linear(lower: 0, upper: 1).values)
        #expect(AxisTicks.linear(lower: 3, upper: 1).values == AxisTicks.linear(lower: 1, upper: 3).values)
        // No floating-point noise such as 0.30000000000000004 and no -0.
        for value in AxisTicks.linear(lower: -0.1, upper: 0.7).values {
            #expect(NumberFormat.fractionDigitsNeeded(for: value) <= 1)
            #expect(value.sign == .plus || value != 0)
        }
    }

    @Test func logTicksAreDecadesForWideRanges() {
        let ticks = AxisTicks.logarithmic(lower: 0.02, upper: 50)
        #expect(ticks.values == [0.01, 0.1, 1, 10, 100])
        #expect(ticks.labels() == ["0.01", "0.1", "1", "10", "100"])
    }

    @Test func logTicksUseOneTwoFiveForNarrowerRanges() {
        let ticks = AxisTicks.logarithmic(lower: 0.3, upper: 3)
        #expect(ticks.values == [0.2, 0.5, 1, 2, 5])
        #expect(ticks.labels() == ["0.2", "0.5", "1", "2", "5"])
    }

    @Test func logTicksForVeryNarrowRanges() {
        #expect(AxisTicks.logarithmic(lower: 0.6, upper: 1.8).values == [0.5, 0.7, 1, 1.5, 2])
        let narrow = AxisTicks.logarithmic(lower: 0.92, upper: 1.08)
        #expect(narrow.values == [0.9, 0.95, 1, 1.05, 1.1])
        #expect(narrow.labels() == ["0.90", "0.95", "1.00", "1.05", "1.10"])
    }

    @Test func logTicksCanBeSymmetricAroundOne() {
        let ticks = AxisTicks.logarithmic(lower: 0.5, upper: 30, symmetricAroundOne: true)
        #expect(ticks.values == [0.01, 0.1, 1, 10, 100])
        #expect(AxisTicks.logarithmic(lower: 0.4, upper: 1.3, symmetricAroundOne: true).values == [0.2, 0.5, 1, 2, 5])
    }

    @Test func veryWideLogRangesAreThinned() {
        let ticks = AxisTicks.logarithmic(lower: 1e-9, upper: 1e9)
        #expect(ticks.values.count <= 10)
        #expect(ticks.values.contains(1))
        #expect(ticks.domain.lowerBound <= 1e-9 && ticks.domain.upperBound >= 1e9)
    }

    @Test func invalidLogRangesFallBack() {
        #expect(AxisTicks.logarithmic(lower: 0, upper: 10).values == AxisTicks.logarithmic(lower: 0.1, upper: 10).values)
        #expect(AxisTicks.logarithmic(lower: -1, upper: .nan).values.allSatisfy { $0 > 0 })
    }

    @Test func scalesMapAndInvert() throws {
        let linear = LinearScale(domain: -2...2, rangeStart: 100, rangeEnd: 300)
        #expect(linear(0) == 200)
        #expect(linear.invert(250) == 1)
        #expect(linear.clamp(5) == 2)
        let vertical = LinearScale(domain: 0...10, rangeStart: 400, rangeEnd: 0)
        #expect(vertical(10) == 0)

        let log = try #require(LogScale(domain: 0.1...10, rangeStart: 0, rangeEnd: 200))
        #expect(abs(log(1) - 100) < 1e-9)
        #expect(abs(log(10) - 200) < 1e-9)
        #expect(abs(log.invert(150) - 10.0.squareRoot() * 1) < 1e-9)
        #expect(log(0).isNaN)
        #expect(log(-1).isNaN)
        #expect(log.clamp(-1) == 0.1)
        #expect(log.clamp(1000) == 10)
        #expect(LogScale(domain: 0...1, rangeStart: 0, rangeEnd: 1) == nil)
    }

    @Test func zeroWidthDomainsStillMap() throws {
        #expect(LinearScale(domain: 3...3, rangeStart: 0, rangeEnd: 10)(3) == 5)
        let log = try #require(LogScale(domain: 2...2, rangeStart: 0, rangeEnd: 10))
        #expect(abs(log.map(2) - 5) < 1e-9)
    }
}
