import Foundation

/// Formats numbers the same way on every machine: a fixed number of decimals, a dot as the
/// decimal separator whatever the locale, no grouping, and never "-0".
///
/// ```swift
/// NumberFormat(fractionDigits: 2).string(-0.004)            // "0.00"
/// NumberFormat(fractionDigits: 2, minusSign: .unicode).string(-1.5)   // "−1.50"
/// NumberFormat.compact.string(2.50)                          // "2.5"
/// ```
public struct NumberFormat: Sendable, Hashable {
    /// The character written before negative numbers.
    public enum MinusSign: String, Sendable, Hashable {
        /// "-" (U+002D), what machines and SVG expect.
        case hyphen = "-"
        /// "−" (U+2212), the typographic minus sign for labels people read.
        case unicode = "\u{2212}"
    }

    /// Digits after the decimal point (0…15).
    public var fractionDigits: Int
    /// The sign written before negative numbers.
    public var minusSign: MinusSign
    /// Drops zeros at the end of the fraction (and then a bare "."): "2.50" → "2.5", "3.00" → "3".
    public var trimsTrailingZeros: Bool

    /// A format with `fractionDigits` decimals (clamped to 0…15), the given minus sign, and
    /// optionally without trailing zeros.
    public init(fractionDigits: Int, minusSign: MinusSign = .hyphen, trimsTrailingZeros: Bool = false) {
        self.fractionDigits = min(15, max(0, fractionDigits))
        self.minusSign = minusSign
        self.trimsTrailingZeros = trimsTrailingZeros
    }

    /// Up to six decimals, trailing zeros dropped: for numbers in messages.
    public static let compact = NumberFormat(fractionDigits: 6, trimsTrailingZeros: true)

    /// The formatted number. NaN is "NaN", infinities are "∞" and "-∞" (with the chosen minus).
    ///
    /// Rounding is half away from zero on the number as Swift prints it (its shortest exact
    /// decimal form), so 2.675 becomes "2.68" and 1.005 becomes "1.01", as a reader of the data
    /// expects, rather than following the binary value's tiny representation error.
    public func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? minusSign.rawValue + "∞" : "∞" }
        return fastString(value) ?? generalString(value)
    }

    /// Any finite value, worked out on its decimal digits.
    func generalString(_ value: Double) -> String {
        let (integer, fraction) = Self.roundedDigits(of: abs(value), fractionDigits: fractionDigits)
        var fractionText = fraction
        if trimsTrailingZeros {
            while fractionText.hasSuffix("0") { fractionText.removeLast() }
        }
        let body = fractionText.isEmpty ? integer : integer + "." + fractionText
        let isZero = integer == "0" && !fraction.contains { $0 != "0" }
        return value < 0 && !isZero ? minusSign.rawValue + body : body   // never "-0"
    }

    /// The common case without building intermediate strings (an SVG writes thousands of
    /// numbers): the same text as the general path when the scaled value is an integer below 1e9
    /// that is nowhere near a rounding tie; nil otherwise.
    func fastString(_ value: Double) -> String? {
        let scaled = abs(value) * Self.powersOfTen[fractionDigits]
        guard scaled < 1e9, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else { return nil }
        let units = UInt64(scaled.rounded(.toNearestOrAwayFromZero))
        let minus = value < 0 && units != 0 ? minusSign.rawValue : ""   // never "-0"
        // At most 9 integer digits, a point, 15 decimals and a 3-byte minus: 28 bytes, on the stack.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var count = 0
            for byte in minus.utf8 {
                buffer[count] = byte
                count += 1
            }
            // Digits from the most significant: at least one integer digit, then the decimals.
            var divisor: UInt64 = 1
            var digitCount = 1
            while divisor <= units / 10 {
                divisor *= 10
                digitCount += 1
            }
            digitCount = max(digitCount, fractionDigits + 1)
            var remaining = units
            var lastNonZero = 0   // output index just after the last non-zero decimal
            for position in stride(from: digitCount - 1, through: 0, by: -1) {
                if position == fractionDigits - 1 {
                    buffer[count] = UInt8(ascii: ".")
                    count += 1
                    lastNonZero = count - 1
                }
                let power = Self.integerPowers[position]
                let digit = remaining / power
                remaining -= digit * power
                buffer[count] = UInt8(ascii: "0") + UInt8(digit)
                count += 1
                if position < fractionDigits, digit != 0 { lastNonZero = count }
            }
            // Trailing zeros of the fraction go, and the point with them when nothing is left.
            if trimsTrailingZeros, fractionDigits > 0 { count = lastNonZero }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    private static let integerPowers: [UInt64] = (0...18).map { power in (0..<power).reduce(1) { result, _ in result * 10 } }

    /// The integer and fraction digits of a non-negative finite `value`, rounded half up to
    /// `fractionDigits` decimals, worked out on decimal digits so no precision is lost.
    private static func roundedDigits(of value: Double, fractionDigits: Int) -> (String, String) {
        // Fast path for the usual case: scale to an integer when the product is precise to well
        // under 1e-6 (below 1e9) and nowhere near a rounding tie (ties need the decimal digits).
        let scaled = value * powersOfTen[fractionDigits]
        let fractionalPart = scaled - scaled.rounded(.down)
        if scaled < 1e9, abs(fractionalPart - 0.5) > 1e-6 {
            let text = String(UInt64(scaled.rounded(.toNearestOrAwayFromZero)))
            guard fractionDigits > 0 else { return (text, "") }
            let padded = text.count > fractionDigits ? text
                : String(repeating: "0", count: fractionDigits - text.count + 1) + text
            return (String(padded.dropLast(fractionDigits)), String(padded.suffix(fractionDigits)))
        }
        // Swift's description is the shortest decimal that reads back as the same Double,
        // e.g. "2.675", "1e-05", "1.5e+20"; it never depends on the locale.
        let parts = value.description.split(separator: "e")
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        var digits = mantissa.compactMap { $0.wholeNumberValue }
        let integerCount = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count) + exponent
        // Position the digits so that `digits[0..<pointIndex]` is the integer part.
        var pointIndex = integerCount
        if pointIndex < 1 {
            digits.insert(contentsOf: repeatElement(0, count: 1 - pointIndex), at: 0)
            pointIndex = 1
        }
        let keep = pointIndex + fractionDigits
        if digits.count < keep + 1 { digits += repeatElement(0, count: keep + 1 - digits.count) }
        let roundsUp = digits[keep] >= 5
        digits.removeSubrange(keep...)
        if roundsUp {
            var index = keep - 1
            while index >= 0 {
                if digits[index] < 9 { digits[index] += 1; break }
                digits[index] = 0
                index -= 1
            }
            if index < 0 {
                digits.insert(1, at: 0)
                pointIndex += 1
            }
        }
        var integer = digits[..<pointIndex].drop { $0 == 0 }.map(String.init).joined()
        if integer.isEmpty { integer = "0" }
        let fraction = digits[pointIndex...].map(String.init).joined()
        return (integer, fraction)
    }

    private static let powersOfTen: [Double] = (0...15).map { pow(10, Double($0)) }

    /// The fewest decimals (up to `limit`) that write `value` exactly, e.g. 2 for 0.25, 0 for 10.
    public static func fractionDigitsNeeded(for value: Double, limit: Int = 10) -> Int {
        guard value.isFinite else { return 0 }
        var scaled = abs(value)
        for digits in 0...limit {
            // Tolerate the binary representation error of decimal fractions such as 0.1.
            if abs(scaled - scaled.rounded()) <= 1e-9 * max(1, scaled) { return digits }
            scaled *= 10
        }
        return limit
    }
}
