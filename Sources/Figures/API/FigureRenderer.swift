import Foundation
import Graphics
import ReviewKit

/// Lays out and draws figures.
public enum FigureRenderer {
    /// Lays out `module` for `input` and encodes it in `format`.
    public static func render(_ module: any FigureModule, input: FigureInput, options: FigureOptions,
                              style: FigureStyle, format: ImageFormat, identifier: String? = nil) throws -> Data {
        let scene = try module.layout(input, options: options, style: style)
        return try encode(scene, format: format, style: style, identifier: identifier)
    }

    /// Draws a laid-out scene in `format`.
    public static func encode(_ scene: Scene, format: ImageFormat, style: FigureStyle, identifier: String? = nil) throws -> Data {
        let metadata = FigureMetadata(title: scene.title, description: scene.description, identifier: identifier)
        return try Renderer.render(size: scene.size, format: format, metadata: metadata, measurer: style.measurer,
                                   background: style.color(style.theme.colors.background)) { canvas in
            draw(scene.items, on: canvas)
        }
    }

    /// Draws scene items on any canvas.
    public static func draw(_ items: [SceneItem], on canvas: any Canvas) {
        for item in items {
            switch item {
            case .text(let t) where t.runs != nil:
                canvas.text(runs: t.runs ?? [], baseline: t.origin.y, font: t.font, color: t.color)
            case .text(let t):
                canvas.text(t.string, at: t.origin, font: t.font, color: t.color, anchor: t.anchor, rotation: t.rotation)
            case .line(let from, let to, let stroke):
                canvas.line(from: from, to: to, stroke: stroke)
            case .polyline(let points, let stroke):
                canvas.polyline(points, stroke: stroke)
            case .rectangle(let rect, let fill, let stroke):
                canvas.rectangle(rect, fill: fill, stroke: stroke)
            case .polygon(let points, let fill, let stroke):
                canvas.polygon(points, fill: fill, stroke: stroke)
            case .circle(let center, let radius, let fill, let stroke):
                canvas.circle(center: center, radius: radius, fill: fill, stroke: stroke)
            case .path(let path, let fill, let stroke):
                canvas.path(path, fill: fill, stroke: stroke)
            case .group(let title, let link, let children):
                canvas.group(title: title, link: link) { draw(children, on: canvas) }
            case .clip(let rect, let children):
                canvas.clip(to: rect) { draw(children, on: canvas) }
            }
        }
    }
}
