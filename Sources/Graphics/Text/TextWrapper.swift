/// Greedy word wrapping against measured widths.
///
/// ```swift
/// let lines = TextWrapper.wrap("Smith 2019 (cluster randomised)", font: font, maxWidth: 80,
///                              measurer: CairoTextMeasurer.shared)
/// ```
public enum TextWrapper {
    /// Breaks `text` into lines no wider than `maxWidth` points.
    ///
    /// - Lines break at spaces; runs of spaces collapse to one. A `\n` forces a break (an empty
    ///   line between two `\n` is kept).
    /// - A word wider than `maxWidth` is broken inside: after its last `-` or `/` that fits,
    ///   otherwise after the last character that fits. A line is wider than `maxWidth` only
    ///   when it is a single character that is wider on its own.
    /// - No text is lost: joining the lines gives back every word in order.
    /// - Empty text gives no lines; a non-finite `maxWidth` (or NaN) means no wrapping.
    public static func wrap(_ text: String, font: Font, maxWidth: Double,
                            measurer: some TextMeasuring) -> [String] {
        guard !text.isEmpty else { return [] }
        // The usual case: one line in normal form (single spaces, no breaks or tabs) that fits.
        // Advances only add up, so every shorter candidate would fit too: the answer is the text.
        if isSingleLineInNormalForm(text),
           !maxWidth.isFinite || measurer.measure(text, font: font).width <= maxWidth + 1e-9 {
            return [text]
        }
        let wrapper = Wrapper(font: font, maxWidth: maxWidth, measurer: measurer)
        let normalized = text.replacingLineBreaks()
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            wrapper.wrap(paragraph: paragraph)
        }
    }

    /// Breaks text made of `units` into lines no wider than `maxWidth`, breaking only between
    /// units: each line is whole units joined by one space. Use it for text whose parts must not be
    /// split, such as the statistics of a forest plot's footer ("I² = 24%" stays on one line).
    ///
    /// A unit wider than `maxWidth` on its own is wrapped inside as `wrap(_:font:maxWidth:measurer:)`
    /// wraps text, so no line is wider than `maxWidth` (unless a single character is). Empty units
    /// are skipped; no units give no lines.
    public static func wrap(units: [String], font: Font, maxWidth: Double,
                            measurer: some TextMeasuring) -> [String] {
        func fits(_ line: String) -> Bool {
            !maxWidth.isFinite || measurer.measure(line, font: font).width <= maxWidth + 1e-9
        }
        var lines: [String] = []
        var current = ""
        for unit in units where !unit.isEmpty {
            let candidate = current.isEmpty ? unit : current + " " + unit
            if fits(candidate) {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            var pieces = fits(unit) ? [unit] : wrap(unit, font: font, maxWidth: maxWidth, measurer: measurer)
            current = pieces.popLast() ?? ""
            lines += pieces
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// No line break or tab, no space at either end, no two spaces in a row (so splitting at
    /// spaces and joining with one gives the text back).
    private static func isSingleLineInNormalForm(_ text: String) -> Bool {
        var previous = UInt8(ascii: " ")   // a leading space counts as a double one
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): return false
            case UInt8(ascii: " ") where previous == UInt8(ascii: " "): return false
            default: previous = byte
            }
        }
        return previous != UInt8(ascii: " ")
    }

    private struct Wrapper<Measurer: TextMeasuring> {
        let font: Font
        let maxWidth: Double
        let measurer: Measurer

        func fits(_ line: some StringProtocol) -> Bool {
            guard maxWidth.isFinite else { return true }
            return measurer.measure(String(line), font: font).width <= maxWidth + 1e-9
        }

        func wrap(paragraph: Substring) -> [String] {
            let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard !words.isEmpty else { return [""] }
            guard !maxWidth.isNaN else { return [words.joined(separator: " ")] }
            var lines: [String] = []
            var current = ""
            for word in words {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if fits(candidate) {
                    current = candidate
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                var pieces = fits(word) ? [String(word)] : split(word: word)
                current = pieces.removeLast()
                lines += pieces
            }
            lines.append(current)
            return lines
        }

        /// Pieces of a word too wide for a line, each as long as fits.
        func split(word: Substring) -> [String] {
            var pieces: [String] = []
            var rest = word
            while !fits(rest), rest.count > 1 {
                let count = longestFittingPrefix(of: rest)
                var prefix = rest.prefix(count)
                // Prefer a break after a hyphen or slash, as a reader would.
                if let mark = prefix.dropLast().lastIndex(where: { $0 == "-" || $0 == "/" }) {
                    prefix = rest[...mark]
                }
                pieces.append(String(prefix))
                rest = rest[prefix.endIndex...]
            }
            pieces.append(String(rest))
            return pieces
        }

        /// The most characters from the start of `text` that fit (at least one, so wrapping
        /// always progresses). Widths grow with length, so a binary search finds it.
        func longestFittingPrefix(of text: Substring) -> Int {
            var low = 1, high = text.count - 1   // `text` itself does not fit
            while low < high {
                let middle = (low + high + 1) / 2
                if fits(text.prefix(middle)) { low = middle } else { high = middle - 1 }
            }
            return low
        }
    }
}

private extension String {
    func replacingLineBreaks() -> String {
        guard contains(where: { $0 == "\r" || $0 == "\r\n" }) else { return self }
        return String(map { $0 == "\r" || $0 == "\r\n" ? "\n" : $0 })
    }
}
