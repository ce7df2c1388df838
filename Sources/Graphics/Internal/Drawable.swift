/// The checks every backend applies before drawing, so that NaN or infinite values never reach
/// Cairo or the SVG and both backends skip exactly the same shapes.
enum Drawable {
    /// Finite coordinates beyond this are clamped: Cairo's fixed-point paths overflow long before
    /// Double does, and no figure needs more than a few thousand points.
    static let coordinateLimit = 1_000_000.0

    /// The value clamped to ±`coordinateLimit`, or nil when it is NaN or infinite.
    static func value(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        return min(coordinateLimit, max(-coordinateLimit, value))
    }

    static func point(_ point: Point) -> Point? {
        guard let x = value(point.x), let y = value(point.y) else { return nil }
        return Point(x: x, y: y)
    }

    /// All points, or nil when any is not finite (the whole shape is skipped).
    static func points(_ points: [Point], minimumCount: Int) -> [Point]? {
        guard points.count >= minimumCount else { return nil }
        var result: [Point] = []
        result.reserveCapacity(points.count)
        for point in points {
            guard let checked = self.point(point) else { return nil }
            result.append(checked)
        }
        return result
    }

    /// A standardized rectangle, or nil when not finite.
    static func rect(_ rect: Rect) -> Rect? {
        guard let a = point(rect.origin),
              let b = point(Point(x: rect.maxX, y: rect.maxY)) else { return nil }
        return Rect(corner: a, b)
    }

    /// The path with clamped coordinates, or nil when it has a non-finite coordinate, is empty or
    /// does not start with a move.
    static func path(_ path: Path) -> Path? {
        guard !path.isEmpty, path.isWellFormed, path.isFinite else { return nil }
        return Path(path.elements.map { element in
            switch element {
            case .move(let p): .move(to: point(p)!)
            case .line(let p): .line(to: point(p)!)
            case .curve(let p, let c1, let c2): .curve(to: point(p)!, control1: point(c1)!, control2: point(c2)!)
            case .close: .close
            }
        })
    }

    /// The fill colour, or nil when there is nothing to fill.
    static func fill(_ color: Color?) -> Color? {
        guard let color, !color.isInvisible else { return nil }
        return color
    }

    /// The stroke with its width clamped, or nil when it would not mark the canvas.
    static func stroke(_ stroke: StrokeStyle?) -> StrokeStyle? {
        guard var stroke, stroke.isDrawable else { return nil }
        stroke.width = min(stroke.width, coordinateLimit)
        stroke.dash = stroke.dash.map { min($0, coordinateLimit) }
        return stroke
    }

    /// The rotation in degrees, or nil when not finite.
    static func angle(_ degrees: Double) -> Double? {
        guard degrees.isFinite else { return nil }
        return degrees.truncatingRemainder(dividingBy: 360)
    }
}
