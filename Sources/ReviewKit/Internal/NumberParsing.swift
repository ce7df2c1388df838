import Foundation

/// Strict, locale-independent number reading for user data: "1.5", "-2", "3e-4", and "1,5" when
/// the file uses decimal commas. NaN, infinity, thousands separators and trailing text are refused.
enum NumberParsing {
    enum Failure: Equatable {
        case empty
        case notANumber
        case notFinite
    }

    static func parse(_ raw: String, decimalComma: Bool = false) -> Result<Double, NumberFailure> {
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .failure(NumberFailure(kind: .empty, text: raw)) }
        // A typographic minus (U+2212), as word processors write it, means minus.
        text = text.replacingOccurrences(of: "\u{2212}", with: "-")
        if decimalComma, text.contains(",") {
            if text.contains(".") { return .failure(NumberFailure(kind: .notANumber, text: raw)) }
            text = text.replacingOccurrences(of: ",", with: ".")
        }
        guard isDecimalLiteral(text), let value = Double(text) else {
            let lowered = text.lowercased()
            let nonFinite = ["nan", "inf", "-inf", "+inf", "infinity", "-infinity", ".inf", "-.inf", ".nan"]
            return .failure(NumberFailure(kind: nonFinite.contains(lowered) ? .notFinite : .notANumber, text: raw))
        }
        guard value.isFinite else { return .failure(NumberFailure(kind: .notFinite, text: raw)) }
        return .success(value == 0 ? 0 : value) // -0 reads as 0
    }

    /// Sign, digits with an optional fraction, optional exponent: nothing else.
    private static func isDecimalLiteral(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let c = scalars.first, ("0"..."9").contains(c) { scalars.removeFirst(); count += 1 }
            return count
        }
        if let c = scalars.first, c == "+" || c == "-" { scalars.removeFirst() }
        var mantissaDigits = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            mantissaDigits += digits()
        }
        guard mantissaDigits > 0 else { return false }
        if let c = scalars.first, c == "e" || c == "E" {
            scalars.removeFirst()
            if let s = scalars.first, s == "+" || s == "-" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}

/// Why a cell could not be read as a number, with the text that was found.
struct NumberFailure: Error, Equatable {
    var kind: NumberParsing.Failure
    var text: String

    /// "is empty", "is not a number ('abc')", "is not a finite number ('NaN')".
    var phrase: String {
        switch kind {
        case .empty: return "is empty"
        case .notANumber: return "is not a number ('\(text.truncatedForMessage)')"
        case .notFinite: return "is not a finite number ('\(text.truncatedForMessage)')"
        }
    }
}

extension String {
    /// User text shortened for an error message, so a 10,000-character cell does not flood the terminal.
    var truncatedForMessage: String {
        let limit = 60
        let cleaned = String(unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : Character($0) })
        return cleaned.count > limit ? String(cleaned.prefix(limit)) + "…" : cleaned
    }
}
