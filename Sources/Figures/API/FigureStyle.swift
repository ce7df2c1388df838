import Foundation
import Graphics
import ReviewKit

/// A theme turned into drawing values (fonts, colours, strokes), with the text measurer that
/// layouts measure with, so what is laid out is exactly what is drawn.
public struct FigureStyle: Sendable {
    /// The theme the figure is drawn in.
    public var theme: Theme
    /// The text measurer layouts measure with (the same fonts the backends draw with).
    public var measurer: CairoTextMeasurer
    /// Numbers and statistics written as RevMan writes them, with the theme's decimals and minus sign.
    public var wording: Wording

    /// A style for `theme` (the default theme, cochrane, unless given).
    public init(theme: Theme = ThemeLibrary.standard, measurer: CairoTextMeasurer = .shared) {
        self.theme = theme
        self.measurer = measurer
        self.wording = Wording(theme: theme)
    }

    /// Body text: the theme's family at its body size.
    public var font: Font { Font(family: theme.fontFamily, size: theme.fontSize) }
    /// Body text in bold.
    public var boldFont: Font { font.bold }
    /// Small text: notes, axis numbers, legends.
    public var smallFont: Font { Font(family: theme.fontFamily, size: theme.smallSize) }
    /// Figure titles: bold, at the theme's title size.
    public var titleFont: Font { Font(family: theme.fontFamily, size: theme.titleSize, weight: .bold) }

    /// The height of one line of body text.
    public var lineHeight: Double { (theme.fontSize * 1.45).rounded(toPlaces: 2) }
    /// The height of one line of small text.
    public var smallLineHeight: Double { (theme.smallSize * 1.4).rounded(toPlaces: 2) }
    /// Space between columns.
    public var columnGap: Double { theme.fontSize * 1.1 }
    /// The margin around a figure.
    public var margin: Double { theme.fontSize * 0.9 }

    /// A theme colour (`#RRGGBB`) as a drawing colour; black if it cannot be read.
    public func color(_ hex: String) -> Color { Color(hex: hex) ?? .black }
    /// The colour of text.
    public var textColor: Color { color(theme.colors.text) }
    /// The colour of secondary text and thin rules.
    public var mutedColor: Color { color(theme.colors.muted) }
    /// An ordinary line: the theme's line width in its axis colour.
    public var stroke: StrokeStyle { .solid(theme.lineWidth, color: color(theme.colors.axis)) }

    /// The fill of a risk-of-bias judgement (nil = not applicable).
    public func judgementColor(_ judgement: Judgement?) -> Color { color(theme.riskOfBias.color(for: judgement)) }

    /// Measures text (cached by the measurer).
    public func measure(_ text: String, _ font: Font) -> TextExtents { measurer.measure(text, font: font) }
    /// The width of `text` set in `font`, in points.
    public func width(_ text: String, _ font: Font) -> Double { measurer.measure(text, font: font).width }

    /// A placed text, measured.
    public func text(_ string: String, x: Double, baseline: Double, font: Font, color: Color? = nil,
                     anchor: TextAnchor = .start, rotation: Double = 0) -> SceneText {
        SceneText(string, at: Point(x: x, y: baseline), font: font, color: color ?? textColor, anchor: anchor,
                  rotation: rotation, measurer: measurer)
    }

    /// The figure width a `width` option asks for, in points; nil for automatic.
    public func requestedWidth(_ option: String?) throws -> Double? {
        guard let option, option != "auto" else { return nil }
        let millimetres: Double
        switch option {
        case "single": millimetres = theme.singleColumnWidth
        case "double": millimetres = theme.doubleColumnWidth
        default:
            guard let value = Double(option.replacingOccurrences(of: "mm", with: "")), value.isFinite, value >= 30, value <= 2000 else {
                throw FigureError("the width '\(option)' is not auto, single, double or a number of millimetres between 30 and 2000")
            }
            millimetres = value
        }
        return millimetres / 25.4 * 72
    }
}

extension Double {
    /// Rounded to a number of decimals (layout values stay tidy and reproducible).
    func rounded(toPlaces places: Int) -> Double {
        let scale = pow(10, Double(places))
        return (self * scale).rounded() / scale
    }
}
