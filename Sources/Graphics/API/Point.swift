/// A position on a canvas, in points (1/72 inch), with the origin at the top left
/// and y growing downwards.
public struct Point: Sendable, Hashable {
    /// Distance from the left edge, in points.
    public var x: Double
    /// Distance from the top edge, in points (y grows downwards).
    public var y: Double

    /// The point at (`x`, `y`).
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The top-left corner of the canvas.
    public static let zero = Point(x: 0, y: 0)

    /// True when both coordinates are finite (not NaN or infinite).
    public var isFinite: Bool { x.isFinite && y.isFinite }

    /// This point moved by `dx` and `dy`.
    public func offsetBy(dx: Double, dy: Double) -> Point {
        Point(x: x + dx, y: y + dy)
    }
}
