import Testing
@testable import Graphics

/// A measurer where every character is 1 point wide, so expectations are easy to read.
struct MonospaceMeasurer: TextMeasuring {
    func measure(_ text: String, font: Font) -> TextExtents {
        TextExtents(width: Double(text.count), ascent: 0.8, descent: 0.2)
    }
}

@Suite struct TextWrapperTests {
    let font = Font(size: 10)
    let mono = MonospaceMeasurer()

    func wrap(_ text: String, _ width: Double) -> [String] {
        TextWrapper.wrap(text, font: font, maxWidth: width, measurer: mono)
    }

    @Test func breaksGreedilyAtSpaces() {
        #expect(wrap("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"])
        #expect(wrap("the quick brown fox", 100) == ["the quick brown fox"])
        #expect(wrap("exactly ten", 11) == ["exactly ten"])
    }

    @Test func collapsesSpacesAndKeepsForcedBreaks() {
        #expect(wrap("  a   b  ", 10) == ["a b"])
        #expect(wrap("first\nsecond line", 20) == ["first", "second line"])
        #expect(wrap("a\n\nb", 20) == ["a", "", "b"])
        #expect(wrap("a\r\nb", 20) == ["a", "b"])
        #expect(wrap("", 20) == [])
    }

    @Test func breaksLongWordsInside() {
        #expect(wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        #expect(wrap("see Lüdenscheidtstraße now", 6) == ["see", "Lüdens", "cheidt", "straße", "now"])
    }

    @Test func prefersHyphensAndSlashesInLongWords() {
        #expect(wrap("Müller-Lüdenscheidt", 12) == ["Müller-", "Lüdenscheidt"])
        #expect(wrap("and/or-whatever", 8) == ["and/or-", "whatever"])
    }

    @Test func singleCharactersWiderThanTheLimitStillAppear() {
        #expect(wrap("abc", 0.5) == ["a", "b", "c"])
        #expect(wrap("ab cd", 0) == ["a", "b", "c", "d"])
    }

    @Test func nonFiniteWidthsDoNotWrap() {
        #expect(wrap("a b  c", .infinity) == ["a b c"])
        #expect(wrap("a b  c", .nan) == ["a b c"])
    }

    @Test func unitsBreakOnlyBetweenThemselves() {
        let units = ["Heterogeneity:", "Tau² = 0.02;", "Chi² = 47.50, df = 36 (P = 0.10);", "I² = 24%"]
        func lines(_ width: Double) -> [String] { TextWrapper.wrap(units: units, font: font, maxWidth: width, measurer: mono) }
        #expect(lines(200) == [units.joined(separator: " ")])
        // Words would break inside "I² = 24%"; units never do.
        #expect(wrap(units.joined(separator: " "), 64).last == "= 24%")
        #expect(lines(64) == ["Heterogeneity: Tau² = 0.02; Chi² = 47.50, df = 36 (P = 0.10);", "I² = 24%"])
        #expect(lines(40) == ["Heterogeneity: Tau² = 0.02;", "Chi² = 47.50, df = 36 (P = 0.10);", "I² = 24%"])
        // A unit too wide on its own is wrapped inside rather than running past the width.
        #expect(lines(20) == ["Heterogeneity:", "Tau² = 0.02;", "Chi² = 47.50, df =", "36 (P = 0.10);", "I² = 24%"])
        #expect(TextWrapper.wrap(units: ["", "a", ""], font: font, maxWidth: 5, measurer: mono) == ["a"])
        #expect(TextWrapper.wrap(units: [], font: font, maxWidth: 5, measurer: mono) == [])
    }

    @Test(arguments: [20.0, 35, 50, 80, 140])
    func realFontsNeverExceedTheWidthOrLoseText(width: Double) {
        let measurer = CairoTextMeasurer.shared
        let text = "Cochrane Collaboration (2023): supercalifragilisticexpialidocious randomised controlled trial of acetylsalicylic-acid prophylaxis"
        let lines = measurer.wrap(text, font: font, maxWidth: width)
        for line in lines where line.count > 1 {
            #expect(measurer.measure(line, font: font).width <= width + 1e-9, "\(line)")
        }
        // Removing spaces, the lines spell the original text.
        #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        #expect(lines.allSatisfy { !$0.isEmpty })
    }
}
