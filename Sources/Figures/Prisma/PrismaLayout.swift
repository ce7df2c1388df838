import Foundation
import Graphics
import ReviewKit

/// A PRISMA flow diagram placed on the page: boxes sized to their wrapped text, in the template's
/// columns and rows; arrows routed through the gaps between boxes (never across text); the phase
/// labels on the left; the note on inconsistent counts underneath.
public struct PrismaLayout: Sendable {
    /// What the options ask for.
    public struct Settings: Sendable {
        /// The figure width in points; nil to fit the content.
        public var width: Double?
        /// A title above the figure.
        public var title: String?
        /// A link for every box; `{box}` is replaced by the box's id (e.g. `#prisma-{box}`).
        public var link: String?

        /// Settings; by default the figure fits its content, without title or links.
        public init(width: Double? = nil, title: String? = nil, link: String? = nil) {
            self.width = width
            self.title = title
            self.link = link
        }
    }

    /// A placed box with its wrapped lines.
    public struct PlacedBox: Sendable {
        /// The box's id (the `prisma` key it shows).
        public var id: String
        /// Where the box is.
        public var frame: Rect
        /// The box's count; nil when not reported.
        public var count: Int?
        /// Its wrapped lines.
        public var lines: [SceneText]
        /// The link the box carries, if any.
        public var link: String?

        /// The box's text as one string (wrapped lines joined by spaces).
        public var text: String { lines.map(\.string).joined(separator: " ") }
    }

    /// A placed header or phase label: its frame and text.
    public struct Label: Sendable {
        /// Where the label is.
        public var frame: Rect
        /// Its wrapped lines.
        public var lines: [SceneText]
    }

    /// The placed boxes.
    public private(set) var boxes: [PlacedBox] = []
    /// The column headers.
    public private(set) var headers: [Label] = []
    /// The phase labels on the left.
    public private(set) var phases: [Label] = []
    /// Each arrow as the points of its line; the last point is the arrowhead's tip.
    public private(set) var arrows: [[Point]] = []
    /// The note's lines under the diagram, when counts do not add up.
    public private(set) var note: [SceneText] = []
    /// The laid-out figure.
    public private(set) var scene = Scene(size: .zero, title: "", description: "", items: [])

    /// The placed box with this id.
    public func box(_ id: String) -> PlacedBox? { boxes.first { $0.id == id } }

    /// Lays out `content`; `title` and `description` become the figure's title and alt text.
    public init(_ content: PrismaContent, style: FigureStyle, settings: Settings = Settings(), title: String, description: String) {
        let size = style.theme.fontSize
        let font = style.font, bold = style.boldFont
        let padding = size * 0.6
        let lineHeight = style.lineHeight
        let indentWidth = size * 1.1
        let hang = size * 0.8 // continuation lines of a wrapped line hang under its first
        let margin = style.margin
        let barWidth = (lineHeight * 1.5).rounded(toPlaces: 2)
        let barGap = size * 0.9
        let rowGap = size * 2.2

        // Column widths: the widest unwrapped line, within bounds; or shared out to a requested width.
        let columns = content.columns
        var widths: [PrismaContent.Column: Double] = [:]
        var minimum: [PrismaContent.Column: Double] = [:]
        for column in columns {
            let paragraphs = content.boxes.filter { $0.column == column }.flatMap(\.paragraphs)
            let natural = paragraphs.map { style.width($0.text, font) + Double($0.indent) * indentWidth + hang }.max() ?? 0
            widths[column] = min(max(natural + 2 * padding, size * 9), size * 24)
            // However narrow the figure, the most indented line keeps room for a few words.
            let deepest = Double(paragraphs.map(\.indent).max() ?? 0) * indentWidth
            minimum[column] = deepest + hang + 2 * padding + size * 7
        }
        func gap(after column: PrismaContent.Column) -> Double {
            // Room for a horizontal arrow to the side column; a wider gap between column groups.
            column == .main || column == .other ? size * 3 : size * 2.5
        }
        let gaps = columns.dropLast().reduce(0) { $0 + gap(after: $1) }
        let fixed = 2 * margin + barWidth + barGap + gaps
        if let requested = settings.width {
            let natural = columns.reduce(0) { $0 + (widths[$1] ?? 0) }
            let factor = max(requested - fixed, 0) / max(natural, 1)
            for column in columns { widths[column] = max((widths[column] ?? 0) * factor, minimum[column] ?? 0) }
        }
        var columnX: [PrismaContent.Column: Double] = [:]
        var x = margin + barWidth + barGap
        for column in columns {
            columnX[column] = x.rounded(toPlaces: 2)
            x += (widths[column] ?? 0) + gap(after: column)
        }
        let contentRight = (columnX[columns.last ?? .main] ?? x) + (widths[columns.last ?? .main] ?? 0)
        let contentWidth = contentRight - margin

        // The vertical position of a baseline inside a line box.
        let reference = style.measure("Hg", font)
        let baselineOffset = (lineHeight - reference.height) / 2 + reference.ascent

        // Wrap every box at its column's width.
        struct Wrapped { var box: PrismaContent.Box; var lines: [(text: String, indent: Double)]; var height: Double }
        var wrapped: [Wrapped] = []
        for box in content.boxes {
            let width = widths[box.column] ?? 0
            var lines: [(String, Double)] = []
            for paragraph in box.paragraphs {
                let indent = Double(paragraph.indent) * indentWidth
                let parts = style.measurer.wrap(paragraph.text, font: font, maxWidth: width - 2 * padding - indent - hang)
                for (index, part) in parts.enumerated() { lines.append((part, indent + (index > 0 ? hang : 0))) }
            }
            wrapped.append(Wrapped(box: box, lines: lines, height: Double(lines.count) * lineHeight + 2 * padding))
        }

        // Row heights: the tallest box; a phase must be tall enough for its rotated label.
        let rows = content.rows
        var rowHeight: [PrismaContent.Row: Double] = [:]
        for row in rows { rowHeight[row] = wrapped.filter { $0.box.row == row }.map(\.height).max() ?? 0 }
        let phaseGroups = Self.phaseGroups(rows)
        for group in phaseGroups {
            let span = group.reduce(0) { $0 + (rowHeight[$1] ?? 0) } + rowGap * Double(group.count - 1)
            let needed = style.width(group[0].phase, bold) + 2 * padding
            if span < needed, let first = group.first { rowHeight[first, default: 0] += needed - span }
        }

        var items: [SceneItem] = []
        var y = margin
        if let title = settings.title {
            for line in style.measurer.wrap(title, font: style.titleFont, maxWidth: max(contentWidth, 100)) {
                y += style.theme.titleSize * 1.3
                items.append(.text(style.text(line, x: margin, baseline: y, font: style.titleFont)))
            }
            y += size
        }

        // Headers over their columns, all the height of the tallest.
        let stroke = style.stroke
        let accent = style.color(style.theme.colors.accent)
        let headerFill = accent.withAlpha(0.14)
        var headerLines: [(Rect, [String])] = []
        for header in content.headers {
            guard let first = header.columns.compactMap({ columnX[$0] }).min() else { continue }
            let last = header.columns.filter { columnX[$0] != nil }.map { (columnX[$0] ?? 0) + (widths[$0] ?? 0) }.max() ?? first
            let lines = style.measurer.wrap(header.text, font: bold, maxWidth: last - first - 2 * padding)
            headerLines.append((Rect(x: first, y: y, width: last - first, height: 0), lines))
        }
        let headerHeight = (headerLines.map { Double($0.1.count) }.max() ?? 0) * lineHeight + 2 * padding
        for (rect, lines) in headerLines {
            let frame = Rect(x: rect.minX, y: y, width: rect.width, height: headerHeight)
            let top = frame.minY + (headerHeight - Double(lines.count) * lineHeight) / 2
            let texts = lines.enumerated().map { index, line in
                style.text(line, x: frame.midX, baseline: top + Double(index) * lineHeight + baselineOffset, font: bold, anchor: .middle)
            }
            headers.append(Label(frame: frame, lines: texts))
            items.append(.group(title: nil, link: nil, items: [.rectangle(frame, fill: headerFill, stroke: stroke)] + texts.map { .text($0) }))
        }
        if !headerLines.isEmpty { y += headerHeight + size * 1.2 }

        // Rows, top to bottom.
        var rowTop: [PrismaContent.Row: Double] = [:]
        for row in rows {
            rowTop[row] = y.rounded(toPlaces: 2)
            y += (rowHeight[row] ?? 0) + rowGap
        }
        let bottom = y - rowGap

        // Phase bars on the left, the label turned to read upwards.
        let barText = style.color(style.theme.colors.background)
        for group in phaseGroups {
            guard let first = group.first, let last = group.last, let top = rowTop[first], let lastTop = rowTop[last] else { continue }
            let frame = Rect(x: margin, y: top, width: barWidth, height: lastTop + (rowHeight[last] ?? 0) - top)
            let extents = style.measure(first.phase, bold)
            let label = style.text(first.phase, x: frame.midX + (extents.ascent - extents.descent) / 2, baseline: frame.midY,
                                   font: bold, color: barText, anchor: .middle, rotation: -90)
            phases.append(Label(frame: frame, lines: [label]))
            items.append(.group(title: nil, link: nil, items: [.rectangle(frame, fill: accent, stroke: nil), .text(label)]))
        }

        // Boxes, centred in their row.
        let boxFill = style.color(style.theme.colors.background)
        for item in wrapped {
            guard let left = columnX[item.box.column], let width = widths[item.box.column], let top = rowTop[item.box.row] else { continue }
            let frame = Rect(x: left, y: (top + ((rowHeight[item.box.row] ?? 0) - item.height) / 2).rounded(toPlaces: 2),
                             width: width.rounded(toPlaces: 2), height: item.height.rounded(toPlaces: 2))
            let texts = item.lines.enumerated().map { index, line in
                style.text(line.text, x: frame.minX + padding + line.indent,
                           baseline: frame.minY + padding + Double(index) * lineHeight + baselineOffset, font: font)
            }
            let link = settings.link.map { $0.replacingOccurrences(of: "{box}", with: item.box.id) }
            boxes.append(PlacedBox(id: item.box.id, frame: frame, count: item.box.count, lines: texts, link: link))
            let hover = item.box.paragraphs.map(\.text).joined(separator: " ")
            items.append(.group(title: hover, link: link, items: [.rectangle(frame, fill: boxFill, stroke: stroke)] + texts.map { .text($0) }))
        }

        // Arrows: down a column, across a row, or down then across into the target's side.
        let head = size * 0.6, halfHead = size * 0.3
        for arrow in content.arrows {
            guard let from = boxes.first(where: { $0.id == arrow.from })?.frame,
                  let to = boxes.first(where: { $0.id == arrow.to })?.frame else { continue }
            let points: [Point]
            if abs(from.midX - to.midX) < 0.01 {
                points = [Point(x: from.midX, y: from.maxY), Point(x: to.midX, y: to.minY)]
            } else if to.minY < from.maxY {
                let level = to.midY
                points = [Point(x: from.maxX, y: level), Point(x: to.minX, y: level)]
            } else {
                let end = to.midX < from.midX ? to.maxX : to.minX
                points = [Point(x: from.midX, y: from.maxY), Point(x: from.midX, y: to.midY), Point(x: end, y: to.midY)]
            }
            arrows.append(points)
            // The line stops at the arrowhead's base so its width does not show round the tip.
            guard let tip = points.last, let previous = points.dropLast().last else { continue }
            let length = hypot(tip.x - previous.x, tip.y - previous.y)
            guard length > 0 else { continue }
            let dx = (tip.x - previous.x) / length, dy = (tip.y - previous.y) / length
            let base = Point(x: tip.x - dx * head, y: tip.y - dy * head)
            items.append(.polyline(points.dropLast() + [base], stroke: stroke))
            items.append(.polygon([tip, Point(x: base.x - dy * halfHead, y: base.y + dx * halfHead),
                                   Point(x: base.x + dy * halfHead, y: base.y - dx * halfHead)],
                                  fill: stroke.color, stroke: nil))
        }

        // The note on counts that do not add up, under the diagram.
        var right = contentRight
        y = bottom
        if let text = content.note {
            y += size
            let small = style.smallFont
            for line in style.measurer.wrap(text, font: small, maxWidth: contentWidth) {
                y += style.smallLineHeight
                let placed = style.text(line, x: margin, baseline: y - style.theme.smallSize * 0.3, font: small)
                note.append(placed)
                items.append(.text(placed))
                right = max(right, placed.frame.maxX)
            }
        }
        for text in items.compactMap({ if case .text(let t) = $0 { return t } else { return nil } }) { right = max(right, text.frame.maxX) }
        scene = Scene(size: Size(width: (right + margin).rounded(toPlaces: 2), height: (y + margin).rounded(toPlaces: 2)),
                      title: title, description: description, items: items)
    }

    /// Consecutive rows of the same phase.
    static func phaseGroups(_ rows: [PrismaContent.Row]) -> [[PrismaContent.Row]] {
        var groups: [[PrismaContent.Row]] = []
        for row in rows {
            if let last = groups.last?.last, last.phase == row.phase { groups[groups.count - 1].append(row) } else { groups.append([row]) }
        }
        return groups
    }
}
