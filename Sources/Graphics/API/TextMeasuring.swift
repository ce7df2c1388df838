/// Something that knows how wide a line of text is. Layouts measure through it so they can be
/// computed (and tested) before anything is drawn.
public protocol TextMeasuring: Sendable {
    /// The extents of `text` set in `font`, in points.
    func measure(_ text: String, font: Font) -> TextExtents

    /// The family actually used for `font`; differs from `font.family` when that family is not
    /// installed and fontconfig substituted another, so callers can warn.
    func resolvedFamily(for font: Font) -> String
}

extension TextMeasuring {
    /// By default, the family asked for.
    public func resolvedFamily(for font: Font) -> String { font.family }

    /// Breaks `text` into lines no wider than `maxWidth`; see `TextWrapper`.
    public func wrap(_ text: String, font: Font, maxWidth: Double) -> [String] {
        TextWrapper.wrap(text, font: font, maxWidth: maxWidth, measurer: self)
    }

    /// Breaks text made of unbreakable `units` into lines no wider than `maxWidth`, breaking only
    /// between units; see `TextWrapper.wrap(units:font:maxWidth:measurer:)`.
    public func wrap(units: [String], font: Font, maxWidth: Double) -> [String] {
        TextWrapper.wrap(units: units, font: font, maxWidth: maxWidth, measurer: self)
    }
}
