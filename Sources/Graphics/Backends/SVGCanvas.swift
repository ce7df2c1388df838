import Foundation

/// Writes SVG elements directly, keeping text as real `<text>` (Cairo's SVG surface would turn
/// it into outlines, which cannot be searched, selected, edited or read aloud).
///
/// Every number is written by one locale-free formatter, every string goes through
/// `XMLEscaping`, and ids come from a counter, so the same drawing always gives the same bytes.
final class SVGCanvas: Canvas {
    let size: Size
    private let measurer: any TextMeasuring
    private let idPrefix: String
    /// The elements so far, as UTF-8 (appending bytes is much cheaper than growing a String).
    private var body: [UInt8] = []
    /// ` fill="#rrggbb"` and the like per colour, worked out once per figure.
    private var colorTexts: [ColorKey: String] = [:]
    private var depth = 1
    private var clipCount = 0
    private var linkDepth = 0
    /// The escaped `font-family` value per font, worked out once per figure (large figures repeat fonts).
    private var familyLists: [Font: String] = [:]

    /// Two decimals are 1/7200 inch, far below anything visible; trailing zeros are dropped to
    /// keep large figures small.
    private static let number = NumberFormat(fractionDigits: 2, trimsTrailingZeros: true)

    init(size: Size, measurer: any TextMeasuring, idPrefix: String) {
        self.size = size
        self.measurer = measurer
        self.idPrefix = idPrefix
    }

    // MARK: - Canvas

    // Elements are appended piece by piece as UTF-8: a large figure writes tens of thousands.

    func line(from start: Point, to end: Point, stroke: StrokeStyle) {
        guard let start = Drawable.point(start), let end = Drawable.point(end),
              let stroke = Drawable.stroke(stroke) else { return }
        begin("<line x1=\"")
        number(start.x)
        write("\" y1=\"")
        number(start.y)
        write("\" x2=\"")
        number(end.x)
        write("\" y2=\"")
        number(end.y)
        write("\"")
        writePaint(fill: nil, stroke: stroke)
        write("/>\n")
    }

    func polyline(_ points: [Point], stroke: StrokeStyle) {
        guard let points = Drawable.points(points, minimumCount: 2),
              let stroke = Drawable.stroke(stroke) else { return }
        begin("<polyline points=\"")
        writePoints(points)
        write("\"")
        writePaint(fill: nil, stroke: stroke)
        write("/>\n")
    }

    func rectangle(_ rect: Rect, fill: Color?, stroke: StrokeStyle?) {
        guard let rect = Drawable.rect(rect), let paint = visiblePaint(fill: fill, stroke: stroke) else { return }
        begin("<rect x=\"")
        number(rect.minX)
        write("\" y=\"")
        number(rect.minY)
        write("\" width=\"")
        number(rect.width)
        write("\" height=\"")
        number(rect.height)
        write("\"")
        writePaint(fill: paint.fill, stroke: paint.stroke)
        write("/>\n")
    }

    func polygon(_ points: [Point], fill: Color?, stroke: StrokeStyle?) {
        guard let points = Drawable.points(points, minimumCount: 3),
              let paint = visiblePaint(fill: fill, stroke: stroke) else { return }
        begin("<polygon points=\"")
        writePoints(points)
        write("\"")
        writePaint(fill: paint.fill, stroke: paint.stroke)
        write("/>\n")
    }

    func circle(center: Point, radius: Double, fill: Color?, stroke: StrokeStyle?) {
        guard let center = Drawable.point(center), let radius = Drawable.value(radius), radius > 0,
              let paint = visiblePaint(fill: fill, stroke: stroke) else { return }
        begin("<circle cx=\"")
        number(center.x)
        write("\" cy=\"")
        number(center.y)
        write("\" r=\"")
        number(radius)
        write("\"")
        writePaint(fill: paint.fill, stroke: paint.stroke)
        write("/>\n")
    }

    func path(_ path: Path, fill: Color?, stroke: StrokeStyle?) {
        guard let path = Drawable.path(path), let visible = visiblePaint(fill: fill, stroke: stroke) else { return }
        let paint = self.paint(fill: visible.fill, stroke: visible.stroke)
        let commands = path.elements.map { element in
            switch element {
            case .move(let p): "M\(n(p.x)) \(n(p.y))"
            case .line(let p): "L\(n(p.x)) \(n(p.y))"
            case .curve(let p, let c1, let c2): "C\(n(c1.x)) \(n(c1.y)) \(n(c2.x)) \(n(c2.y)) \(n(p.x)) \(n(p.y))"
            case .close: "Z"
            }
        }
        emit("<path d=\"\(commands.joined(separator: " "))\"\(paint)/>")
    }

    func text(_ string: String, at baseline: Point, font: Font, color: Color,
              anchor: TextAnchor, rotation: Double) {
        let line = TextSanitizer.singleLine(string)
        guard !line.isEmpty, font.isDrawable, !color.isInvisible,
              let baseline = Drawable.point(baseline), let angle = Drawable.angle(rotation) else { return }
        // Built as bytes and appended once: figures have thousands of texts.
        var out: [UInt8] = []
        out.reserveCapacity(2 * depth + 240 + line.utf8.count)
        for _ in 0..<depth { out += "  ".utf8 }
        out += "<text x=\"".utf8
        out += n(baseline.x).utf8
        out += "\" y=\"".utf8
        out += n(baseline.y).utf8
        out += "\" font-family=\"".utf8
        out += fontFamilyAttribute(for: font).utf8
        out += "\" font-size=\"".utf8
        out += n(font.size).utf8
        // Written even when "normal": an SVG inlined in HTML would otherwise inherit the page's
        // weight and style (inside <strong>, say) and no longer match its measured layout.
        out += (font.weight == .bold ? "\" font-weight=\"bold" : "\" font-weight=\"normal").utf8
        out += (font.style == .italic ? "\" font-style=\"italic" : "\" font-style=\"normal").utf8
        out += "\" text-anchor=\"".utf8
        out += anchor.rawValue.utf8
        out += "\"".utf8
        out += colorAttributes(color, "fill").utf8
        if angle != 0 {
            out += " transform=\"rotate(\(n(angle)) \(n(baseline.x)) \(n(baseline.y)))\"".utf8
        }
        // SVG collapses runs of spaces unless told otherwise; keep them where the text has them.
        if line.hasPrefix(" ") || line.hasSuffix(" ") || Self.hasDoubleSpace(line) {
            out += " xml:space=\"preserve\"".utf8
        }
        out += ">".utf8
        out += XMLEscaping.text(line).utf8
        out += "</text>\n".utf8
        body += out
    }

    /// One `<text>` holding a `<tspan>` per piece, each at its own x; the pieces' spaces are kept,
    /// so the element's text is the whole line ("0.41 [0.13, 1.26]"). A piece starts a new text
    /// chunk, which SVG anchors on its own, exactly as the pieces are placed in PNG and PDF.
    func text(runs: [TextRun], baseline: Double, font: Font, color: Color) {
        let pieces = runs.compactMap { run -> (text: String, x: Double, anchor: TextAnchor)? in
            let line = TextSanitizer.singleLine(run.string)
            guard !line.isEmpty, let x = Drawable.value(run.x) else { return nil }
            return (line, x, run.anchor)
        }
        guard let first = pieces.first, font.isDrawable, !color.isInvisible, let y = Drawable.value(baseline) else { return }
        var out: [UInt8] = []
        for _ in 0..<depth { out += "  ".utf8 }
        out += "<text y=\"\(n(y))\"".utf8
        out += fontAttributes(font).utf8
        out += " text-anchor=\"\(first.anchor.rawValue)\"".utf8
        out += colorAttributes(color, "fill").utf8
        out += " xml:space=\"preserve\">".utf8
        for piece in pieces {
            out += "<tspan x=\"\(n(piece.x))\"".utf8
            if piece.anchor != first.anchor { out += " text-anchor=\"\(piece.anchor.rawValue)\"".utf8 }
            out += ">".utf8
            out += XMLEscaping.text(piece.text).utf8
            out += "</tspan>".utf8
        }
        out += "</text>\n".utf8
        body += out
    }

    /// ` font-family="…" font-size="…" font-weight="…" font-style="…"`.
    private func fontAttributes(_ font: Font) -> String {
        " font-family=\"\(fontFamilyAttribute(for: font))\" font-size=\"\(n(font.size))\""
            + (font.weight == .bold ? " font-weight=\"bold\"" : " font-weight=\"normal\"")
            + (font.style == .italic ? " font-style=\"italic\"" : " font-style=\"normal\"")
    }

    /// Whether two spaces follow each other (a byte scan; Foundation's `contains` is far slower).
    private static func hasDoubleSpace(_ line: String) -> Bool {
        var previousWasSpace = false
        for byte in line.utf8 {
            let isSpace = byte == UInt8(ascii: " ")
            if isSpace && previousWasSpace { return true }
            previousWasSpace = isSpace
        }
        return false
    }

    func measure(_ string: String, font: Font) -> TextExtents {
        measurer.measure(string, font: font)
    }

    func clip(to rect: Rect, _ body: () throws -> Void) rethrows {
        let rect = Drawable.rect(rect) ?? .zero   // as in Cairo: an invalid clip hides everything
        clipCount += 1
        let id = "\(idPrefix)-clip\(clipCount)"
        emit("<clipPath id=\"\(id)\"><rect x=\"\(n(rect.minX))\" y=\"\(n(rect.minY))\" width=\"\(n(rect.width))\" height=\"\(n(rect.height))\"/></clipPath>")
        try element("<g clip-path=\"url(#\(id))\">", "</g>", body)
    }

    func group(title: String?, link: String?, _ body: () throws -> Void) rethrows {
        guard linkDepth == 0, let href = LinkPolicy.svgLink(link) else {   // <a> must not nest
            return try titledGroup(title, body)
        }
        let escaped = XMLEscaping.attribute(href)
        linkDepth += 1
        defer { linkDepth -= 1 }
        // Both spellings: `href` for SVG 2 and browsers, `xlink:href` for older tools.
        try element("<a href=\"\(escaped)\" xlink:href=\"\(escaped)\">", "</a>") {
            try titledGroup(title, body)
        }
    }

    private func titledGroup(_ title: String?, _ body: () throws -> Void) rethrows {
        try element("<g>", "</g>") {
            if let title, !title.isEmpty {
                emit("<title>\(XMLEscaping.text(title))</title>")
            }
            try body()
        }
    }

    func translated(dx: Double, dy: Double, _ body: () throws -> Void) rethrows {
        guard let dx = Drawable.value(dx), let dy = Drawable.value(dy) else { return }
        try element("<g transform=\"translate(\(n(dx)) \(n(dy)))\">", "</g>", body)
    }

    // MARK: - Document

    /// The finished document.
    func document(metadata: FigureMetadata, background: Color?) -> Data {
        let width = n(size.width), height = n(size.height)
        let titleID = "\(idPrefix)-title", descID = "\(idPrefix)-desc"
        let hasDescription = !metadata.description.isEmpty
        var svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\""
        svg += " width=\"\(width)pt\" height=\"\(height)pt\" viewBox=\"0 0 \(width) \(height)\""
        svg += " role=\"img\" aria-labelledby=\"\(titleID)\""
        if hasDescription { svg += " aria-describedby=\"\(descID)\"" }
        // Cairo's default miter limit, so sharp joins look the same as in PNG and PDF. Text was
        // measured unhinted, without kerning or ligatures (as Cairo draws it), so ask viewers to
        // set it the same way and keep the layout's widths.
        svg += " stroke-miterlimit=\"10\" text-rendering=\"geometricPrecision\""
        svg += " style=\"font-kerning:none;font-variant-ligatures:none\">\n"
        svg += "  <title id=\"\(titleID)\">\(XMLEscaping.text(metadata.title))</title>\n"
        if hasDescription {
            svg += "  <desc id=\"\(descID)\">\(XMLEscaping.text(metadata.description))</desc>\n"
        }
        if let background = Drawable.fill(background) {
            svg += "  <rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\"\(colorAttributes(background, "fill"))/>\n"
        }
        // The body is already UTF-8: joined as bytes, without another copy through a String.
        var document = Data(capacity: svg.utf8.count + body.count + 8)
        document.append(contentsOf: svg.utf8)
        document.append(contentsOf: body)
        document.append(contentsOf: "</svg>\n".utf8)
        return document
    }

    // MARK: - Helpers

    private func n(_ value: Double) -> String { Self.number.string(value) }

    private func emit(_ line: String) {
        for _ in 0..<depth { body += "  ".utf8 }
        body += line.utf8
        body.append(UInt8(ascii: "\n"))
    }

    private func element(_ open: String, _ close: String, _ content: () throws -> Void) rethrows {
        emit(open)
        depth += 1
        defer {
            depth -= 1
            emit(close)
        }
        try content()
    }

    /// Indentation, then the start of an element.
    private func begin(_ text: String) {
        for _ in 0..<depth { body += "  ".utf8 }
        body += text.utf8
    }

    private func write(_ text: String) {
        body += text.utf8
    }

    private func number(_ value: Double) {
        body += n(value).utf8
    }

    /// `x,y x,y …`
    private func writePoints(_ points: [Point]) {
        for (index, point) in points.enumerated() {
            if index > 0 { body.append(UInt8(ascii: " ")) }
            number(point.x)
            body.append(UInt8(ascii: ","))
            number(point.y)
        }
    }

    /// ` fill="#rrggbb"` plus ` fill-opacity` when translucent (same for stroke).
    private func colorAttributes(_ color: Color, _ property: String) -> String {
        let key = ColorKey(color: color, property: property)
        if let text = colorTexts[key] { return text }
        var text = " \(property)=\"\(color.hexRGB)\""
        if color.a < 1 { text += " \(property)-opacity=\"\(Self.opacity.string(color.a))\"" }
        colorTexts[key] = text
        return text
    }

    private struct ColorKey: Hashable {
        var color: Color
        var property: String
    }

    private static let opacity = NumberFormat(fractionDigits: 3, trimsTrailingZeros: true)

    /// The fill and stroke that will mark the canvas, or nil when the shape would be invisible
    /// (it is then skipped, as Cairo draws nothing for it either).
    private func visiblePaint(fill: Color?, stroke: StrokeStyle?) -> (fill: Color?, stroke: StrokeStyle?)? {
        let fill = Drawable.fill(fill), stroke = Drawable.stroke(stroke)
        guard fill != nil || stroke != nil else { return nil }
        return (fill, stroke)
    }

    /// `paint(fill:stroke:)`, appended to the body.
    private func writePaint(fill: Color?, stroke: StrokeStyle?) {
        write(fill.map { colorAttributes($0, "fill") } ?? " fill=\"none\"")
        guard let stroke else { return }
        write(colorAttributes(stroke.color, "stroke"))
        write(" stroke-width=\"")
        number(stroke.width)
        write("\"")
        if !stroke.dash.isEmpty {
            write(" stroke-dasharray=\"\(stroke.dash.map(n).joined(separator: " "))\"")
        }
        if stroke.cap != .butt { write(" stroke-linecap=\"\(stroke.cap.rawValue)\"") }
        if stroke.join != .miter { write(" stroke-linejoin=\"\(stroke.join.rawValue)\"") }
    }

    private func paint(fill: Color?, stroke: StrokeStyle?) -> String {
        var text = fill.map { colorAttributes($0, "fill") } ?? " fill=\"none\""
        guard let stroke else { return text }
        text += colorAttributes(stroke.color, "stroke")
        text += " stroke-width=\"\(n(stroke.width))\""
        if !stroke.dash.isEmpty {
            text += " stroke-dasharray=\"\(stroke.dash.map(n).joined(separator: " "))\""
        }
        if stroke.cap != .butt { text += " stroke-linecap=\"\(stroke.cap.rawValue)\"" }
        if stroke.join != .miter { text += " stroke-linejoin=\"\(stroke.join.rawValue)\"" }
        return text
    }

    /// The resolved family first (it is what the layout was measured with), then the requested
    /// one, then widely installed look-alikes and a generic family.
    private func fontFamilyAttribute(for font: Font) -> String {
        if let cached = familyLists[font] { return cached }
        let list = Self.fontFamilyList(requested: font.family, resolved: measurer.resolvedFamily(for: font))
        let escaped = XMLEscaping.attribute(list)
        familyLists[font] = escaped
        return escaped
    }

    private static func fontFamilyList(requested: String, resolved: String) -> String {
        var families = [resolved, requested]
        let generic: String
        let name = resolved.lowercased()
        if name.contains("mono") || name.contains("courier") {
            families += ["DejaVu Sans Mono", "Liberation Mono", "Courier New"]
            generic = "monospace"
        } else if (name.contains("serif") && !name.contains("sans")) || name.contains("times") {
            families += ["DejaVu Serif", "Liberation Serif", "Times New Roman"]
            generic = "serif"
        } else {
            families += ["DejaVu Sans", "Liberation Sans", "Arial"]
            generic = "sans-serif"
        }
        // Generic keywords must stay unquoted and last; quoted they would name a font family.
        var seen: Set<String> = ["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"]
        let quoted = families
            .map { $0.filter { $0 != "'" && $0 != "\\" && $0 != "\"" && $0 != ";" } }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
            .map { "'\($0)'" }
        return (quoted + [generic]).joined(separator: ", ")
    }
}
