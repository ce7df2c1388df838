/// A surface figures draw on, in points (1/72 inch) with the origin at the top left.
///
/// The PNG, PDF and SVG backends implement it identically: they measure text with the same
/// `CairoTextMeasurer`, so a layout computed against one canvas fits every other.
///
/// Robustness rules shared by every backend:
/// - a shape with any non-finite coordinate (NaN, ±infinity) is skipped whole, so nothing
///   invalid ever reaches Cairo or the SVG; huge finite coordinates are clamped to ±1,000,000;
/// - a `nil` or fully transparent fill, or a stroke with a non-positive width, is not drawn;
/// - text is one line: line breaks and tabs become spaces, other control characters are dropped
///   (use `TextMeasuring.wrap` to break text into lines first).
public protocol Canvas: AnyObject {
    /// The drawing area in points.
    var size: Size { get }

    /// A straight line.
    func line(from start: Point, to end: Point, stroke: StrokeStyle)

    /// Connected straight segments through the points (not closed).
    func polyline(_ points: [Point], stroke: StrokeStyle)

    /// An axis-aligned rectangle.
    func rectangle(_ rect: Rect, fill: Color?, stroke: StrokeStyle?)

    /// A closed shape through the points.
    func polygon(_ points: [Point], fill: Color?, stroke: StrokeStyle?)

    /// A circle.
    func circle(center: Point, radius: Double, fill: Color?, stroke: StrokeStyle?)

    /// A general outline; it must start with a move.
    func path(_ path: Path, fill: Color?, stroke: StrokeStyle?)

    /// One line of text whose baseline passes through `baseline`; `anchor` says whether the text
    /// starts at, is centred on, or ends at its x. `rotation` turns it about that point, in
    /// degrees clockwise (-90 reads bottom to top, for a vertical axis title).
    func text(_ string: String, at baseline: Point, font: Font, color: Color,
              anchor: TextAnchor, rotation: Double)

    /// One line of text set in pieces on a shared baseline, each anchored at its own x (see
    /// `TextRun`). PNG and PDF draw each piece as `text` would; SVG writes a single `<text>` with a
    /// positioned `<tspan>` per piece, so the line is one string to search, select or read aloud.
    func text(runs: [TextRun], baseline: Double, font: Font, color: Color)

    /// The extents the text would have; the same on every backend.
    func measure(_ string: String, font: Font) -> TextExtents

    /// Draws `body` with everything outside `rect` cut away. Clips nest.
    func clip(to rect: Rect, _ body: () throws -> Void) rethrows

    /// Draws `body` as one group. In SVG the group carries `title` as a hover tooltip and, when
    /// `link` is a safe URL (http, https, mailto, relative or `#fragment`), becomes a link; in PDF
    /// an absolute link becomes a link annotation; PNG draws the contents only.
    func group(title: String?, link: String?, _ body: () throws -> Void) rethrows

    /// Draws `body` with the origin moved by `dx`, `dy`.
    func translated(dx: Double, dy: Double, _ body: () throws -> Void) rethrows
}

extension Canvas {
    /// One line of text, unrotated.
    public func text(_ string: String, at baseline: Point, font: Font, color: Color = .black,
                     anchor: TextAnchor = .start) {
        text(string, at: baseline, font: font, color: color, anchor: anchor, rotation: 0)
    }

    /// Each piece drawn as its own line of text, at its own x.
    public func text(runs: [TextRun], baseline: Double, font: Font, color: Color) {
        for run in runs {
            text(run.string, at: Point(x: run.x, y: baseline), font: font, color: color, anchor: run.anchor, rotation: 0)
        }
    }

    /// Draws `body` as an untitled, unlinked group.
    public func group(_ body: () throws -> Void) rethrows {
        try group(title: nil, link: nil, body)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(origin: .zero, size: size) }
}
