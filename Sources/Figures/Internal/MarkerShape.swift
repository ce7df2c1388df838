import Foundation
import Graphics

/// The shape of a point marker in scatter-style figures (funnel plots). Groups get a shape as well
/// as a colour, so they stay apart in grey print and for readers who do not see colours.
enum MarkerShape: CaseIterable, Sendable {
    case circle, square, triangle, diamond, triangleDown

    /// The shape for the `index`-th group, cycling through all shapes.
    static func forGroup(_ index: Int) -> MarkerShape { allCases[index % allCases.count] }

    /// The marker centred at `center`; `radius` is the circle's, the other shapes are scaled to a
    /// similar visual weight.
    func item(at center: Point, radius r: Double, fill: Color?, stroke: StrokeStyle?) -> SceneItem {
        let x = center.x, y = center.y
        switch self {
        case .circle:
            return .circle(center: center, radius: r, fill: fill, stroke: stroke)
        case .square:
            let half = r * 0.9
            return .rectangle(Rect(x: x - half, y: y - half, width: 2 * half, height: 2 * half), fill: fill, stroke: stroke)
        case .triangle:
            let s = r * 1.25
            return .polygon([Point(x: x, y: y - s), Point(x: x + s * 0.95, y: y + s * 0.7), Point(x: x - s * 0.95, y: y + s * 0.7)],
                            fill: fill, stroke: stroke)
        case .triangleDown:
            let s = r * 1.25
            return .polygon([Point(x: x, y: y + s), Point(x: x + s * 0.95, y: y - s * 0.7), Point(x: x - s * 0.95, y: y - s * 0.7)],
                            fill: fill, stroke: stroke)
        case .diamond:
            let s = r * 1.25
            return .polygon([Point(x: x, y: y - s), Point(x: x + s, y: y), Point(x: x, y: y + s), Point(x: x - s, y: y)],
                            fill: fill, stroke: stroke)
        }
    }
}
