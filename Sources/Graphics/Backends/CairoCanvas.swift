import CCairo
import Foundation

/// Draws on a Cairo context: the PNG and PDF backends. Made by `Renderer`, which owns the
/// surface and context and checks Cairo's status afterwards.
final class CairoCanvas: Canvas {
    let size: Size
    private let context: OpaquePointer
    private let measurer: CairoTextMeasurer
    /// Whether link groups become PDF link annotations (image surfaces ignore them anyway).
    private let emitsLinks: Bool
    /// Depth of enclosing links; links do not nest, so inner ones are dropped.
    private var linkDepth = 0

    init(context: OpaquePointer, size: Size, measurer: CairoTextMeasurer, emitsLinks: Bool) {
        self.context = context
        self.size = size
        self.measurer = measurer
        self.emitsLinks = emitsLinks
        let options = CairoTextMeasurer.makeFontOptions()
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    func line(from start: Point, to end: Point, stroke: StrokeStyle) {
        polyline([start, end], stroke: stroke)
    }

    func polyline(_ points: [Point], stroke: StrokeStyle) {
        guard let points = Drawable.points(points, minimumCount: 2) else { return }
        addPolyline(points)
        paint(fill: nil, stroke: stroke)
    }

    func rectangle(_ rect: Rect, fill: Color?, stroke: StrokeStyle?) {
        guard let rect = Drawable.rect(rect) else { return }
        cairo_rectangle(context, rect.minX, rect.minY, rect.width, rect.height)
        paint(fill: fill, stroke: stroke)
    }

    func polygon(_ points: [Point], fill: Color?, stroke: StrokeStyle?) {
        guard let points = Drawable.points(points, minimumCount: 3) else { return }
        addPolyline(points)
        cairo_close_path(context)
        paint(fill: fill, stroke: stroke)
    }

    func circle(center: Point, radius: Double, fill: Color?, stroke: StrokeStyle?) {
        guard let center = Drawable.point(center), let radius = Drawable.value(radius), radius > 0 else { return }
        cairo_new_sub_path(context)
        cairo_arc(context, center.x, center.y, radius, 0, 2 * Double.pi)
        cairo_close_path(context)
        paint(fill: fill, stroke: stroke)
    }

    func path(_ path: Path, fill: Color?, stroke: StrokeStyle?) {
        guard let path = Drawable.path(path) else { return }
        for element in path.elements {
            switch element {
            case .move(let p): cairo_move_to(context, p.x, p.y)
            case .line(let p): cairo_line_to(context, p.x, p.y)
            case .curve(let p, let c1, let c2): cairo_curve_to(context, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
            case .close: cairo_close_path(context)
            }
        }
        paint(fill: fill, stroke: stroke)
    }

    func text(_ string: String, at baseline: Point, font: Font, color: Color,
              anchor: TextAnchor, rotation: Double) {
        let line = TextSanitizer.singleLine(string)
        guard !line.isEmpty, font.isDrawable, !color.isInvisible,
              let baseline = Drawable.point(baseline), let angle = Drawable.angle(rotation) else { return }
        // The offset comes from the shared measurer, so anchoring matches the layout exactly.
        let width = measurer.measure(line, font: font).width
        cairo_save(context)
        cairo_set_font_face(context, measurer.face(for: font).pointer)
        cairo_set_font_size(context, font.size)
        setSource(color)
        cairo_translate(context, baseline.x, baseline.y)
        if angle != 0 { cairo_rotate(context, angle * Double.pi / 180) }
        cairo_move_to(context, -anchor.offset(forWidth: width), 0)
        cairo_show_text(context, line)
        cairo_new_path(context)
        cairo_restore(context)
    }

    func measure(_ string: String, font: Font) -> TextExtents {
        measurer.measure(string, font: font)
    }

    func clip(to rect: Rect, _ body: () throws -> Void) rethrows {
        // An invalid clip hides everything rather than nothing, so bad data cannot spill out.
        let rect = Drawable.rect(rect) ?? .zero
        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_rectangle(context, rect.minX, rect.minY, rect.width, rect.height)
        cairo_clip(context)
        try body()
    }

    func group(title: String?, link: String?, _ body: () throws -> Void) rethrows {
        guard emitsLinks, linkDepth == 0, let uri = LinkPolicy.pdfLink(link) else {
            try body()
            return
        }
        linkDepth += 1
        // `pdfLink` percent-encodes quotes and backslashes, so the URI cannot break out of the
        // attribute's quotes.
        cairo_tag_begin(context, CAIRO_TAG_LINK, "uri='\(uri)'")
        defer {
            cairo_tag_end(context, CAIRO_TAG_LINK)
            linkDepth -= 1
        }
        try body()
    }

    func translated(dx: Double, dy: Double, _ body: () throws -> Void) rethrows {
        guard let dx = Drawable.value(dx), let dy = Drawable.value(dy) else { return }
        cairo_save(context)
        defer { cairo_restore(context) }
        cairo_translate(context, dx, dy)
        try body()
    }

    // MARK: - Helpers

    private func addPolyline(_ points: [Point]) {
        cairo_move_to(context, points[0].x, points[0].y)
        for point in points.dropFirst() { cairo_line_to(context, point.x, point.y) }
    }

    /// Fills and/or strokes the current path, then clears it.
    private func paint(fill: Color?, stroke: StrokeStyle?) {
        if let fill = Drawable.fill(fill) {
            setSource(fill)
            cairo_fill_preserve(context)
        }
        if let stroke = Drawable.stroke(stroke) {
            setSource(stroke.color)
            cairo_set_line_width(context, stroke.width)
            cairo_set_dash(context, stroke.dash, Int32(stroke.dash.count), 0)
            cairo_set_line_cap(context, Self.cap(stroke.cap))
            cairo_set_line_join(context, Self.join(stroke.join))
            cairo_stroke_preserve(context)
        }
        cairo_new_path(context)
    }

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(context, color.r, color.g, color.b, color.a)
    }

    private static func cap(_ cap: StrokeStyle.LineCap) -> cairo_line_cap_t {
        switch cap {
        case .butt: CAIRO_LINE_CAP_BUTT
        case .round: CAIRO_LINE_CAP_ROUND
        case .square: CAIRO_LINE_CAP_SQUARE
        }
    }

    private static func join(_ join: StrokeStyle.LineJoin) -> cairo_line_join_t {
        switch join {
        case .miter: CAIRO_LINE_JOIN_MITER
        case .round: CAIRO_LINE_JOIN_ROUND
        case .bevel: CAIRO_LINE_JOIN_BEVEL
        }
    }
}
