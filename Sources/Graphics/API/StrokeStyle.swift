/// How a line is drawn: its colour, width in points, dash pattern, end caps and joins.
public struct StrokeStyle: Sendable, Hashable {
    /// The shape at the open ends of a line.
    public enum LineCap: String, Sendable, Hashable {
        case butt, round, square
    }

    /// The shape where two segments meet.
    public enum LineJoin: String, Sendable, Hashable {
        case miter, round, bevel
    }

    /// The line's colour.
    public var color: Color
    /// The line's width, in points.
    public var width: Double
    /// Alternating on/off lengths in points; empty for a solid line.
    public var dash: [Double]
    /// The shape of the open ends.
    public var cap: LineCap
    /// The shape of the corners.
    public var join: LineJoin

    /// A stroke; by default a solid black line 1 point wide with butt caps and mitre joins.
    public init(color: Color = .black, width: Double = 1, dash: [Double] = [],
                cap: LineCap = .butt, join: LineJoin = .miter) {
        self.color = color
        self.width = width
        self.dash = dash
        self.cap = cap
        self.join = join
    }

    /// A solid black line of the given width.
    public static func solid(_ width: Double = 1, color: Color = .black) -> StrokeStyle {
        StrokeStyle(color: color, width: width)
    }

    /// A dashed line: `on` points drawn, `off` points skipped.
    public static func dashed(_ width: Double = 1, color: Color = .black,
                              on: Double = 4, off: Double = 3) -> StrokeStyle {
        StrokeStyle(color: color, width: width, dash: [on, off])
    }

    /// True when the stroke would mark the canvas: a finite positive width, a visible colour
    /// and a dash pattern of finite non-negative lengths that is not all zero.
    var isDrawable: Bool {
        width.isFinite && width > 0 && !color.isInvisible
            && dash.allSatisfy { $0.isFinite && $0 >= 0 }
            && (dash.isEmpty || dash.contains { $0 > 0 })
    }
}
