import Foundation

/// Cuts the sentences under figures ("Heterogeneity: Tau² = 0.02; Chi² = 47.50, df = 36
/// (P = 0.10); I² = 24%") into the pieces a line may break between: the words of the lead-in, and
/// each statistic whole. Wrapped with `wrap(units:)`, a line never ends inside "I² = 24%",
/// "Chi² = 5.12, df = 10 (P = 0.10)" or "Z = 4.00 (P < 0.0001)".
enum StatementUnits {
    /// Tokens that bind their neighbours: relations and arithmetic.
    private static let operators: Set<Substring> = ["=", "<", ">", "≤", "≥", "+", "-", "\u{2212}", "×", "·"]

    /// The unbreakable pieces of `sentence`, in order; joined with single spaces they give it back
    /// (runs of spaces collapse to one).
    static func units(_ sentence: String) -> [String] {
        var units: [[Substring]] = []
        var openParentheses = 0
        for token in sentence.split(separator: " ") {
            if let last = units.last?.last, binds(last, token, openParentheses: openParentheses) {
                units[units.count - 1].append(token)
            } else {
                units.append([token])
                openParentheses = 0
            }
            openParentheses += token.filter { $0 == "(" }.count - token.filter { $0 == ")" }.count
        }
        return units.map { $0.joined(separator: " ") }
    }

    /// Whether `next` must stay on the line of `previous`.
    private static func binds(_ previous: Substring, _ next: Substring, openParentheses: Int) -> Bool {
        if operators.contains(previous) || operators.contains(next) { return true }   // "I² = 24%"
        if openParentheses > 0 || next.hasPrefix("(") { return true }                // "36 (P = 0.10)"
        // The parts of one test: "47.50, df = 36", "QM = 3.2, df = 1, P = 0.07".
        return previous.hasSuffix(",") && (next == "df" || next == "P")
    }
}
