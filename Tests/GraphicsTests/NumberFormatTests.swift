import Foundation
import Testing
@testable import Graphics

@Suite struct NumberFormatTests {
    @Test func fixedDecimalsWithDot() {
        let two = NumberFormat(fractionDigits: 2)
        #expect(two.string(0.5) == "0.50")
        // Ties round as the decimal number reads, not as its binary approximation.
        #expect(two.string(1.005) == "1.01")
        #expect(two.string(2.675) == "2.68")
        #expect(two.string(0.285) == "0.29")
        #expect(two.string(9.995) == "10.00")
        #expect(two.string(0.004999) == "0.00")
        #expect(two.string(0.125) == "0.13")  // exact halves round away from zero
        #expect(two.string(1234567.891) == "1234567.89")
        #expect(NumberFormat(fractionDigits: 0).string(2.5) == "3")
        #expect(NumberFormat(fractionDigits: 3).string(0.0005) == "0.001")
    }

    @Test func neverNegativeZero() {
        let two = NumberFormat(fractionDigits: 2)
        #expect(two.string(-0.0) == "0.00")
        #expect(two.string(-0.004) == "0.00")
        #expect(two.string(-0.005) == "-0.01")
        #expect(NumberFormat(fractionDigits: 1, minusSign: .unicode).string(-0.04) == "0.0")
    }

    @Test func minusSigns() {
        #expect(NumberFormat(fractionDigits: 1).string(-1.25) == "-1.3")
        #expect(NumberFormat(fractionDigits: 1, minusSign: .unicode).string(-1.25) == "\u{2212}1.3")
    }

    @Test func trimming() {
        let trimmed = NumberFormat(fractionDigits: 2, trimsTrailingZeros: true)
        #expect(trimmed.string(2.50) == "2.5")
        #expect(trimmed.string(3) == "3")
        #expect(trimmed.string(-0.001) == "0")
        #expect(NumberFormat.compact.string(300) == "300")
    }

    @Test func nonFiniteAndHugeValues() {
        let two = NumberFormat(fractionDigits: 2)
        #expect(two.string(.nan) == "NaN")
        #expect(two.string(.infinity) == "∞")
        #expect(two.string(-.infinity) == "-∞")
        #expect(two.string(1e20) == "100000000000000000000.00")
        #expect(NumberFormat(fractionDigits: 3).string(1e-5) == "0.000")
        #expect(NumberFormat(fractionDigits: 5).string(1e-5) == "0.00001")
        #expect(NumberFormat(fractionDigits: 2).string(5e-324) == "0.00")
        #expect(NumberFormat(fractionDigits: 0).string(1e300).count == 301)
    }

    @Test func ignoresTheLocale() throws {
        // Foundation would write a comma here; the formatter must not.
        let german = Locale(identifier: "de_DE")
        #expect(0.5.formatted(.number.locale(german)) == "0,5")
        TestSupport.withGermanLocale {
            #expect(String(cString: localeconv().pointee.decimal_point) == ",")
            #expect(NumberFormat(fractionDigits: 1).string(0.5) == "0.5")
            #expect(AxisTicks.linear(lower: 0, upper: 1).labels()[1] == "0.2")
        }
    }

    @Test func fractionDigitsNeeded() {
        #expect(NumberFormat.fractionDigitsNeeded(for: 10) == 0)
        #expect(NumberFormat.fractionDigitsNeeded(for: 0.1) == 1)
        #expect(NumberFormat.fractionDigitsNeeded(for: 0.25) == 2)
        #expect(NumberFormat.fractionDigitsNeeded(for: 0.1 + 0.2) == 1)
    }
}
