import Foundation
import Testing
@testable import Graphics

@Suite struct TextMeasuringTests {
    let measurer = CairoTextMeasurer.shared
    let font = Font(size: 10)

    @Test func widerStringsMeasureWider() {
        let short = measurer.measure("Smith", font: font)
        let long = measurer.measure("Smith 2019 and colleagues", font: font)
        #expect(short.width > 0)
        #expect(long.width > short.width)
    }

    @Test func boldIsWiderThanRegular() {
        let text = "Random effects model"
        #expect(measurer.measure(text, font: font.bold).width > measurer.measure(text, font: font).width)
    }

    @Test func widthScalesWithSizeExactly() {
        // Without hinting, metrics are linear in the size: no rounding to device pixels.
        let small = measurer.measure("Heterogeneity: I² = 42%", font: font)
        let large = measurer.measure("Heterogeneity: I² = 42%", font: font.withSize(20))
        #expect(abs(large.width - 2 * small.width) < 1e-6)
    }

    @Test func fontMetricsAreSensible() {
        let extents = measurer.measure("Hg", font: font)
        #expect(extents.ascent > 5 && extents.ascent < 12)
        #expect(extents.descent > 1 && extents.descent < 5)
        #expect(extents.height == extents.ascent + extents.descent)
        // Ascent and descent belong to the font, so every label lines up.
        #expect(measurer.measure("ace", font: font).height == extents.height)
    }

    @Test func emptyAndInvalidInputs() {
        #expect(measurer.measure("", font: font).width == 0)
        #expect(measurer.measure("", font: font).ascent > 0)
        #expect(measurer.measure("abc", font: font.withSize(.nan)) == .zero)
        #expect(measurer.measure("abc", font: font.withSize(-3)) == .zero)
        // Line breaks measure as the spaces they are drawn as.
        #expect(measurer.measure("a\nb", font: font) == measurer.measure("a b", font: font))
    }

    @Test func resolvesInstalledAndSubstitutedFamilies() {
        #expect(measurer.resolvedFamily(for: Font(family: "DejaVu Sans", size: 10)) == "DejaVu Sans")
        #expect(measurer.resolvedFamily(for: Font(family: "Liberation Sans", size: 10)) == "Liberation Sans")
        let missing = measurer.resolvedFamily(for: Font(family: "No Such Family 123", size: 10))
        #expect(missing != "No Such Family 123")
        #expect(!missing.isEmpty)
        #expect(measurer.measure("fallback", font: Font(family: "No Such Family 123", size: 10)).width > 0)
        #expect(measurer.resolvedFile(for: Font(size: 10).bold)?.hasSuffix("DejaVuSans-Bold.ttf") == true)
    }

    @Test func familiesDiffer() {
        let dejavu = measurer.measure("Forest plot", font: Font(family: "DejaVu Sans", size: 10))
        let liberation = measurer.measure("Forest plot", font: Font(family: "Liberation Sans", size: 10))
        #expect(dejavu.width != liberation.width)
    }

    @Test func separateMeasurersAgree() {
        let fresh = CairoTextMeasurer()
        for text in ["Study", "Müller 2021", "0.85 [0.15, 12.00]", "−1.2"] {
            #expect(fresh.measure(text, font: font.italic) == measurer.measure(text, font: font.italic))
        }
    }

    @Test func everyBackendMeasuresTheSame() throws {
        let probe = ["Study or subgroup", "Weight", "Müller-Lüdenscheidt 2021", "I² = 0%"]
        let fonts = [font, font.bold, font.italic, Font(family: "Liberation Sans", size: 7.5)]
        var results: [String: [TextExtents]] = [:]
        for format in [ImageFormat.png(dpi: 72), .png(dpi: 600), .pdf, .svg] {
            _ = try TestSupport.render(format, size: Size(width: 50, height: 50)) { canvas in
                results["\(format)"] = fonts.flatMap { f in probe.map { canvas.measure($0, font: f) } }
            }
        }
        let expected = fonts.flatMap { f in probe.map { measurer.measure($0, font: f) } }
        #expect(results.count == 4)
        for (format, extents) in results {
            #expect(extents == expected, "\(format)")
        }
    }

    @Test func concurrentMeasuringIsConsistent() async {
        let fresh = CairoTextMeasurer()
        let texts = (0..<200).map { "Study \($0) et al." }
        let font = Font(size: 10)
        let expected = texts.map { CairoTextMeasurer.shared.measure($0, font: font).width }
        let all = await withTaskGroup(of: [Double].self) { group in
            for _ in 0..<8 {
                group.addTask { texts.map { fresh.measure($0, font: font).width } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for widths in all { #expect(widths == expected) }
    }

    @Test func measuringTenThousandRowsIsFast() {
        let fresh = CairoTextMeasurer()
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for row in 0..<10_000 {
                _ = fresh.measure("Study \(row % 2_000) (\(2000 + row % 25))", font: font)
                _ = fresh.measure("0.85 [0.15, 12.00]", font: font)
                _ = fresh.measure("12.3%", font: font)
            }
        }
        #expect(elapsed < .seconds(5))
    }
}
