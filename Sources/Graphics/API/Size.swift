/// A width and a height, in points (1/72 inch).
public struct Size: Sendable, Hashable {
    /// The horizontal extent, in points.
    public var width: Double
    /// The vertical extent, in points.
    public var height: Double

    /// A size of `width` by `height` points.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// No width and no height.
    public static let zero = Size(width: 0, height: 0)

    /// True when both dimensions are finite.
    public var isFinite: Bool { width.isFinite && height.isFinite }
}
