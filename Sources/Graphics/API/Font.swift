/// A font request: a family name, a size in points, a weight and a style.
///
/// The family is resolved through fontconfig; when it is not installed fontconfig substitutes
/// a similar face. `CairoTextMeasurer.resolvedFamily(for:)` tells which one was used.
public struct Font: Sendable, Hashable {
    /// How heavy the strokes are.
    public enum Weight: String, Sendable, Hashable, CaseIterable {
        case regular
        case bold
    }

    /// Upright or slanted.
    public enum Style: String, Sendable, Hashable, CaseIterable {
        case normal
        case italic
    }

    /// The family metareport uses unless told otherwise (installed with fonts-dejavu-core).
    public static let defaultFamily = "DejaVu Sans"

    /// The family name, e.g. "Liberation Sans", resolved through fontconfig.
    public var family: String
    /// The em size in points.
    public var size: Double
    /// Regular or bold.
    public var weight: Weight
    /// Upright or italic.
    public var style: Style

    /// A font of `family` (DejaVu Sans by default) at `size` points.
    public init(family: String = Font.defaultFamily, size: Double,
                weight: Weight = .regular, style: Style = .normal) {
        self.family = family
        self.size = size
        self.weight = weight
        self.style = style
    }

    /// This font in bold.
    public var bold: Font { with { $0.weight = .bold } }

    /// This font in italic.
    public var italic: Font { with { $0.style = .italic } }

    /// This font at another size.
    public func withSize(_ size: Double) -> Font { with { $0.size = size } }

    /// True when the size is finite and positive, so text in this font can be drawn.
    public var isDrawable: Bool { size.isFinite && size > 0 }

    private func with(_ change: (inout Font) -> Void) -> Font {
        var copy = self
        change(&copy)
        return copy
    }
}
