import Foundation
import Graphics

/// A laid-out figure as plain values: its size, accessible title and description, and what to
/// draw. Figure modules produce scenes; tests inspect them without pixels (text boxes, marks,
/// positions); `FigureRenderer` draws them on any canvas.
public struct Scene: Sendable {
    /// The canvas size in points, large enough for everything in `items`.
    public var size: Size
    /// Short title (SVG `<title>`, PDF title).
    public var title: String
    /// What the figure shows, in words (SVG `<desc>`, alt text, PDF subject).
    public var description: String
    /// What to draw, in order (later items on top).
    public var items: [SceneItem]
    /// What the reader of the figure should be told but the figure does not show, e.g. that it is
    /// wider than the width asked for because its content could not fit. The command line prints
    /// them as warnings; a report's log lists them.
    public var warnings: [String] = []

    /// A scene of `items` on a canvas of `size`, with its title and description.
    public init(size: Size, title: String, description: String, items: [SceneItem]) {
        self.size = size
        self.title = title
        self.description = description
        self.items = items
    }

    /// Every text of the scene, groups and clips included, in drawing order.
    public var texts: [SceneText] {
        var result: [SceneText] = []
        func collect(_ items: [SceneItem]) {
            for item in items {
                switch item {
                case .text(let text): result.append(text)
                case .group(_, _, let children), .clip(_, let children): collect(children)
                default: break
                }
            }
        }
        collect(items)
        return result
    }

    /// Every item, groups flattened (clips too, with their contents).
    public var flattened: [SceneItem] {
        var result: [SceneItem] = []
        func collect(_ items: [SceneItem]) {
            for item in items {
                switch item {
                case .group(_, _, let children), .clip(_, let children): collect(children)
                default: result.append(item)
                }
            }
        }
        collect(items)
        return result
    }

    /// Pairs of texts whose boxes overlap (a layout defect); empty for a good figure.
    public func overlappingTexts(tolerance: Double = 0.25) -> [(SceneText, SceneText)] {
        let boxes = texts.filter { !$0.string.isEmpty }
        // Sort by top edge and sweep, so large figures are checked without comparing all pairs.
        let sorted = boxes.sorted { $0.frame.minY < $1.frame.minY }
        var pairs: [(SceneText, SceneText)] = []
        var active: [SceneText] = []
        for text in sorted {
            active.removeAll { $0.frame.maxY - tolerance <= text.frame.minY }
            for other in active where other.frame.insetBy(dx: tolerance, dy: tolerance)
                .intersects(text.frame.insetBy(dx: tolerance, dy: tolerance)) {
                pairs.append((other, text))
            }
            active.append(text)
        }
        return pairs
    }

    /// Texts that reach outside the canvas (clipped in the output); empty for a good figure.
    public func textsOutsideCanvas(tolerance: Double = 0.01) -> [SceneText] {
        let canvas = Rect(x: -tolerance, y: -tolerance, width: size.width + 2 * tolerance, height: size.height + 2 * tolerance)
        return texts.filter { !$0.string.isEmpty && !canvas.contains($0.frame) }
    }
}

/// One thing to draw.
public indirect enum SceneItem: Sendable {
    case text(SceneText)
    case line(from: Point, to: Point, stroke: StrokeStyle)
    case polyline([Point], stroke: StrokeStyle)
    case rectangle(Rect, fill: Color?, stroke: StrokeStyle?)
    case polygon([Point], fill: Color?, stroke: StrokeStyle?)
    case circle(center: Point, radius: Double, fill: Color?, stroke: StrokeStyle?)
    case path(Path, fill: Color?, stroke: StrokeStyle?)
    /// Items drawn together; SVG shows `title` on hover and follows `link`.
    case group(title: String?, link: String?, items: [SceneItem])
    /// Items drawn with everything outside the rectangle cut away.
    case clip(Rect, items: [SceneItem])
}

/// A line of text placed by its baseline, with the box it occupies (measured at layout time).
public struct SceneText: Sendable, Hashable {
    /// The text, one line.
    public var string: String
    /// The baseline point the anchor refers to.
    public var origin: Point
    /// The font it is set in.
    public var font: Font
    /// Its colour.
    public var color: Color
    /// Whether `origin` is the start, middle or end of the line.
    public var anchor: TextAnchor
    /// Degrees clockwise about the origin (0 for horizontal).
    public var rotation: Double
    /// The box the text occupies, from ascent to descent.
    public var frame: Rect
    /// The pieces of a line set in aligned parts (see `TextRun`); nil for ordinary text. `string`
    /// is then the pieces joined, `frame` spans them, and `origin` is the right end of the line.
    public var runs: [TextRun]?

    /// A line set in pieces on one baseline, each anchored at its own x, drawn as one text
    /// (one `<text>` in SVG): "0.41 [0.13, 1.26]" with its numbers aligned down a column.
    public init(runs: [TextRun], baseline: Double, font: Font, color: Color = .black, measurer: some TextMeasuring) {
        var minX = Double.infinity, maxX = -Double.infinity
        var extents = TextExtents.zero
        for run in runs {
            let measured = measurer.measure(run.string, font: font)
            let left: Double
            switch run.anchor {
            case .start: left = run.x
            case .middle: left = run.x - measured.width / 2
            case .end: left = run.x - measured.width
            }
            minX = min(minX, left)
            maxX = max(maxX, left + measured.width)
            extents = measured
        }
        if runs.isEmpty { minX = 0; maxX = 0 }
        self.init(runs.map(\.string).joined(), at: Point(x: maxX, y: baseline), font: font, color: color, anchor: .end,
                  extents: TextExtents(width: maxX - minX, ascent: extents.ascent, descent: extents.descent))
        self.runs = runs
    }

    /// Measures `string` and places it.
    public init(_ string: String, at origin: Point, font: Font, color: Color = .black, anchor: TextAnchor = .start,
                rotation: Double = 0, measurer: some TextMeasuring) {
        let extents = measurer.measure(string, font: font)
        self.init(string, at: origin, font: font, color: color, anchor: anchor, rotation: rotation, extents: extents)
    }

    /// Places `string` whose extents are already known.
    public init(_ string: String, at origin: Point, font: Font, color: Color = .black, anchor: TextAnchor = .start,
                rotation: Double = 0, extents: TextExtents) {
        self.string = string
        self.origin = origin
        self.font = font
        self.color = color
        self.anchor = anchor
        self.rotation = rotation
        let left: Double
        switch anchor {
        case .start: left = origin.x
        case .middle: left = origin.x - extents.width / 2
        case .end: left = origin.x - extents.width
        }
        let box = Rect(x: left, y: origin.y - extents.ascent, width: extents.width, height: extents.height)
        if rotation == 0 {
            frame = box
        } else {
            // The bounding box of the rotated box, for overlap and bounds checks.
            let radians = rotation * .pi / 180
            let corners = [Point(x: box.minX, y: box.minY), Point(x: box.maxX, y: box.minY),
                           Point(x: box.minX, y: box.maxY), Point(x: box.maxX, y: box.maxY)].map { p -> Point in
                let dx = p.x - origin.x, dy = p.y - origin.y
                return Point(x: origin.x + dx * cos(radians) - dy * sin(radians),
                             y: origin.y + dx * sin(radians) + dy * cos(radians))
            }
            let xs = corners.map(\.x), ys = corners.map(\.y)
            frame = Rect(corner: Point(x: xs.min() ?? 0, y: ys.min() ?? 0), Point(x: xs.max() ?? 0, y: ys.max() ?? 0))
        }
    }
}
