/// A general outline made of straight and cubic Bézier segments, in points.
///
/// ```swift
/// var arrow = Path()
/// arrow.move(to: Point(x: 0, y: 0))
/// arrow.line(to: Point(x: 6, y: 3))
/// arrow.line(to: Point(x: 0, y: 6))
/// arrow.close()
/// ```
public struct Path: Sendable, Hashable {
    /// One drawing command.
    public enum Element: Sendable, Hashable {
        /// Start a new sub-path at the point.
        case move(to: Point)
        /// A straight segment to the point.
        case line(to: Point)
        /// A cubic Bézier segment to `end` with two control points.
        case curve(to: Point, control1: Point, control2: Point)
        /// A straight segment back to the start of the current sub-path.
        case close
    }

    /// The drawing commands, in order.
    public private(set) var elements: [Element]

    /// A path from drawing commands (empty by default).
    public init(_ elements: [Element] = []) {
        self.elements = elements
    }

    /// True when the path has no commands.
    public var isEmpty: Bool { elements.isEmpty }

    /// Starts a new sub-path at `point`.
    public mutating func move(to point: Point) {
        elements.append(.move(to: point))
    }

    /// Adds a straight segment from the current point to `point`.
    public mutating func line(to point: Point) {
        elements.append(.line(to: point))
    }

    /// Adds a cubic Bézier segment to `point`, shaped by two control points.
    public mutating func curve(to point: Point, control1: Point, control2: Point) {
        elements.append(.curve(to: point, control1: control1, control2: control2))
    }

    /// Closes the current sub-path with a straight segment back to its start.
    public mutating func close() {
        elements.append(.close)
    }

    /// True when every coordinate in the path is finite.
    public var isFinite: Bool {
        elements.allSatisfy { element in
            switch element {
            case .move(let p), .line(let p): p.isFinite
            case .curve(let p, let c1, let c2): p.isFinite && c1.isFinite && c2.isFinite
            case .close: true
            }
        }
    }

    /// True when the path starts with a move, so both backends draw it the same way.
    var isWellFormed: Bool {
        guard let first = elements.first, case .move = first else { return elements.isEmpty }
        return true
    }
}
