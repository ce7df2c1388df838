import Foundation
import Testing
@testable import ReviewKit

/// `DecimalText` replaces `String(format:locale:)` in `Wording` for speed; every figure and report
/// must keep its exact text, so it is checked against Foundation's formatting itself.
@Suite struct DecimalTextTests {
    static func foundation(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", locale: Locale(identifier: "en_US_POSIX"), value)
    }

    /// Ties on the shortest decimal form (1.015 is stored as 1.01499…, yet reads "1.02"), carries,
    /// signed zeros, tiny and huge values.
    static let awkward: [Double] = [
        0, -0.0, 0.125, 0.375, 1.005, 1.015, 1.025, 2.675, 0.045, 0.5, 1.5, 2.5, 0.05, 0.15, 0.35, -0.004, -0.005,
        -0.4, 0.6, 9.5, 0.95, 0.995, 9.995, 99.995, 999.9995, 0.0005, 0.00049, 1e-7, 4.5e-13, 5e-13, 5.5e-13,
        123456.785, 1e15 + 0.5, 1e16, 1e21, 1e22, 1e300, 5e-324, 1.0 / 3, 2.0 / 3, 0.1, 0.2, 0.3, 832.515, 23.0485,
    ]

    @Test func matchesFoundationOnAwkwardValues() {
        for value in Self.awkward {
            for places in 0...12 {
                for signed in [value, -value] {
                    #expect(DecimalText.fixed(signed, places: places) == Self.foundation(signed, places), "\(signed), \(places)")
                }
            }
        }
    }

    @Test func matchesFoundationOnManyValues() {
        // A fixed-seed generator, so a failure names a value that can be replayed.
        var state: UInt64 = 2024
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        for _ in 0..<20_000 {
            let places = Int(next() % 7)
            let decimals = Double(next() % 7)
            let candidates = [
                Double(Int64(next() % 200_001) - 100_000) / pow(10, decimals),               // few decimals: ties
                (Double(Int64(next() % 200_001) - 100_000) + 0.5) / pow(10, Double(places)), // exact halves
                exp(Double(next() % 20_000) / 1_000 - 10),                                   // ratios
                Double(bitPattern: 0x3E00_0000_0000_0000 + next() % 0x0300_0000_0000_0000),   // any bits
            ]
            for value in candidates {
                #expect(DecimalText.fixed(value, places: places) == Self.foundation(value, places), "\(value), \(places)")
            }
        }
    }

    @Test func shortcutMatchesTheExactPath() {
        var state: UInt64 = 99
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        for _ in 0..<50_000 {
            let places = Int(next() % 10)
            let value = next() % 2 == 0 ? (Double(next() % 2_000_001) - 1_000_000) / pow(10, Double(next() % 9))
                : exp(Double(next() % 30_000) / 1_000 - 15) * (next() % 2 == 0 ? 1 : -1)
            if let fast = DecimalText.fast(value, places: places) {
                #expect(fast == DecimalText.exact(value, places: places), "\(value), \(places)")
            }
        }
    }

    @Test func plainWholeNumbersAsBefore() {
        for wording in [Wording(), Wording(trueMinus: true)] {
            // What `plain` wrote before its shortcut for whole numbers: four decimals, zeros dropped.
            func reference(_ value: Double) -> String {
                var text = wording.number(value, decimals: 4)
                if text.contains(".") {
                    while text.hasSuffix("0") { text.removeLast() }
                    if text.hasSuffix(".") { text.removeLast() }
                }
                return text
            }
            for value in [0, -0.0, 1, -1, 7, -12, 100, 99_999, -123_456, 1e9, -1e12, 9.99e14] + (0..<500).map({ Double($0 * 37 - 9_000) }) {
                #expect(wording.plain(value) == reference(value), "\(value)")
            }
        }
    }

    @Test func wordingKeepsItsRules() {
        let wording = Wording()
        #expect(wording.number(-0.004) == "0.00")
        #expect(wording.number(1.015) == "1.02")
        #expect(wording.plain(12.7300) == "12.73")
        #expect(wording.weight(5.04) == "5.0%")
        #expect(wording.pValue(0.00042) == "= 0.0004")
        #expect(wording.number(.nan) == "NA")
    }
}
