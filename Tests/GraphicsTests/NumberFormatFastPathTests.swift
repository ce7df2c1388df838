import Foundation
import Testing
@testable import Graphics

/// `NumberFormat.string` writes the common case straight into bytes for speed; it must give the
/// text the general path gives for every value it accepts.
@Suite struct NumberFormatFastPathTests {
    static let formats: [NumberFormat] = (0...15).flatMap { digits in
        [NumberFormat(fractionDigits: digits), NumberFormat(fractionDigits: digits, trimsTrailingZeros: true),
         NumberFormat(fractionDigits: digits, minusSign: .unicode, trimsTrailingZeros: true)]
    }

    static let awkward: [Double] = [0, -0.0, 0.004, -0.004, 0.005, 0.5, 0.999, 9.995, 10, 99.9949, 123.456, 1e-7, 0.1, 0.2,
                                    0.3, 1.0 / 3, 2.0 / 3, 12_345.678, 999_999_999, 999_999_999.4, 1e8 + 0.25, 5e-324]

    @Test func matchesTheGeneralPath() {
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        var values = Self.awkward.flatMap { [$0, -$0] }
        for _ in 0..<5_000 {
            values.append((Double(next() % 2_000_000) - 1_000_000) / pow(10, Double(next() % 8)))
            values.append(Double(next()) / Double(1 << 53) * 1_000 - 500)
        }
        for format in Self.formats {
            for value in values {
                guard let fast = format.fastString(value) else { continue }
                #expect(fast == format.generalString(value), "\(value) with \(format.fractionDigits) digits")
            }
        }
    }
}
