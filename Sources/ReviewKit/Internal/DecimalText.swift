/// Fixed-decimal text of a number without Foundation's formatter.
///
/// `String(format: "%.2f", locale:)` goes through an ICU number formatter that is rebuilt on
/// every call and shared behind a lock: it was a quarter of a forest plot's layout time and kept
/// figures drawn in parallel waiting on each other. This gives the same text: ICU rounds the
/// shortest decimal that reads back as the value (Swift's `description` digits) half to even,
/// so 1.015 (stored as 1.01499999…) becomes "1.02", as before, where C's printf would say "1.01".
enum DecimalText {
    /// `value` with `places` decimals and a dot; the sign is kept for negative values that round
    /// to zero ("-0.00"), as Foundation keeps it. `value` must be finite.
    static func fixed(_ value: Double, places: Int) -> String {
        fast(value, places: places) ?? exact(value, places: places)
    }

    /// The usual case, straight from the scaled integer: when |value|·10^places is below 1e9 and
    /// more than 1e-6 from a rounding tie, the shortest decimal form rounds the same way as the
    /// binary value (the two differ by far less than that).
    static func fast(_ value: Double, places: Int) -> String? {
        guard places <= 9 else { return nil }
        let scaled = value.magnitude * powersOfTen[places]
        guard scaled < 1e9, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else { return nil }
        var units = UInt64(scaled.rounded())
        // Sign, up to 9 integer digits, a point and 9 decimals: 20 bytes, written from the end.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var start = buffer.count
            func put(_ byte: UInt8) {
                start -= 1
                buffer[start] = byte
            }
            for _ in 0..<places {
                put(UInt8(ascii: "0") + UInt8(units % 10))
                units /= 10
            }
            if places > 0 { put(UInt8(ascii: ".")) }
            repeat {
                put(UInt8(ascii: "0") + UInt8(units % 10))
                units /= 10
            } while units > 0
            if value.sign == .minus { put(UInt8(ascii: "-")) }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }

    private static let powersOfTen: [Double] = (0...9).map { power in (0..<power).reduce(1.0) { result, _ in result * 10 } }

    /// Any finite value, rounded on its shortest decimal digits.
    static func exact(_ value: Double, places: Int) -> String {
        // The shortest round-trip digits and where the decimal point goes: "1.015" → 1015 with the
        // point after 1 digit; "1e-07" → 1 with the point 6 places to the left of it.
        var digits: [UInt8] = []
        var point = 0, exponent = 0
        var seenPoint = false
        let text = value.magnitude.description.utf8
        var index = text.startIndex
        while index != text.endIndex {
            let byte = text[index]
            if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte - UInt8(ascii: "0"))
                if !seenPoint { point += 1 }
            } else if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else if byte == UInt8(ascii: "e") {
                exponent = Int(Substring(text[text.index(after: index)...])) ?? 0
                break
            }
            index = text.index(after: index)
        }
        point += exponent
        let leadingZeros = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leadingZeros)
        point -= leadingZeros
        while digits.last == 0 { digits.removeLast() }

        // Round half to even at `places` decimals.
        let keep = point + places
        if keep < digits.count {
            var roundUp = false
            if keep >= 0 {
                let first = digits[keep]
                let moreAfter = digits[(keep + 1)...].contains { $0 != 0 }
                let previousIsOdd = keep > 0 && digits[keep - 1] % 2 == 1
                roundUp = first > 5 || (first == 5 && (moreAfter || previousIsOdd))
            }
            digits.removeLast(digits.count - max(keep, 0))
            if roundUp {
                var position = digits.count - 1
                while position >= 0, digits[position] == 9 {
                    digits[position] = 0
                    position -= 1
                }
                if position >= 0 {
                    digits[position] += 1
                } else {
                    digits.insert(1, at: 0)
                    point += 1
                }
            }
        }

        var out: [UInt8] = value.sign == .minus ? [UInt8(ascii: "-")] : []
        func digit(at position: Int) -> UInt8 {
            UInt8(ascii: "0") + (position >= 0 && position < digits.count ? digits[position] : 0)
        }
        if point > 0 {
            for position in 0..<point { out.append(digit(at: position)) }
        } else {
            out.append(UInt8(ascii: "0"))
        }
        if places > 0 {
            out.append(UInt8(ascii: "."))
            for offset in 0..<places { out.append(digit(at: point + offset)) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
