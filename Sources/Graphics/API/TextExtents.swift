/// The measured size of a line of text, in points.
///
/// `width` is the advance width (where the next text would start). `ascent` and `descent` are
/// the font's, not the ink of these particular glyphs, so every line in a font has the same
/// height and baselines line up whatever letters a label contains.
public struct TextExtents: Sendable, Hashable {
    /// The advance width, in points: where text set after this would start.
    public var width: Double
    /// Distance from the baseline up to the top of the font's tallest glyphs (positive).
    public var ascent: Double
    /// Distance from the baseline down to the bottom of the descenders (positive).
    public var descent: Double

    /// Extents from a width, an ascent and a descent, in points.
    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// `ascent + descent`: the height of one line without extra leading.
    public var height: Double { ascent + descent }

    /// The extents of empty text in no font.
    public static let zero = TextExtents(width: 0, ascent: 0, descent: 0)
}
