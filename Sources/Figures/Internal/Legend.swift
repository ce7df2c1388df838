import Foundation
import Graphics

/// A legend of scatter-style figures: entries (a small swatch and a label) flowing left to right
/// and onto new lines within a width, as a paragraph of words does.
struct Legend {
    /// What an entry's swatch shows.
    enum Swatch {
        case marker(MarkerShape, fill: Color?, stroke: StrokeStyle?)
        case line(StrokeStyle)
        /// A filled area, with a thin outline so white fills stay visible.
        case area(Color)
        /// No swatch: the entry is a heading for those after it, and starts a new line.
        case none

        var isNone: Bool { if case .none = self { return true } else { return false } }
    }

    struct Entry {
        var swatch: Swatch
        var label: String
    }

    var entries: [Entry]

    /// The placed legend: its items, texts (for tests) and height.
    struct Placed {
        var items: [SceneItem]
        var texts: [SceneText]
        var height: Double
    }

    /// Places the entries from (`x`, `top`) within `maxWidth`; labels wider than a line wrap.
    func place(x: Double, top: Double, maxWidth: Double, style: FigureStyle) -> Placed {
        let font = style.smallFont
        let lineHeight = style.smallLineHeight
        let swatchWidth = style.theme.smallSize * 2
        let swatchGap = style.theme.smallSize * 0.4
        let entryGap = style.columnGap * 1.3
        var items: [SceneItem] = []
        var texts: [SceneText] = []
        var cursorX = x, lineTop = top, lineLines = 1
        for entry in entries {
            let swatchRoom = entry.swatch.isNone ? 0 : swatchWidth + swatchGap
            let labelMax = max(40, maxWidth - swatchRoom)
            let lines = style.measurer.wrap(entry.label, font: font, maxWidth: labelMax)
            let width = swatchRoom + (lines.map { style.width($0, font) }.max() ?? 0)
            // A heading (no swatch) starts its own line, so its entries follow it.
            if cursorX > x, cursorX + width > x + maxWidth || entry.swatch.isNone {
                lineTop += Double(lineLines) * lineHeight + 2
                cursorX = x
                lineLines = 1
            }
            let midY = lineTop + lineHeight / 2
            if let mark = swatch(entry.swatch, x: cursorX, width: swatchWidth, midY: midY, style: style) { items.append(mark) }
            for (i, text) in lines.enumerated() {
                let placed = style.text(text, x: cursorX + swatchRoom,
                                        baseline: lineTop + Double(i) * lineHeight + lineHeight * 0.72, font: font)
                texts.append(placed)
                items.append(.text(placed))
            }
            lineLines = max(lineLines, lines.count)
            cursorX += width + entryGap
        }
        let height = entries.isEmpty ? 0 : lineTop - top + Double(lineLines) * lineHeight
        return Placed(items: items, texts: texts, height: height)
    }

    private func swatch(_ swatch: Swatch, x: Double, width: Double, midY: Double, style: FigureStyle) -> SceneItem? {
        let size = style.theme.smallSize
        switch swatch {
        case .marker(let shape, let fill, let stroke):
            return shape.item(at: Point(x: x + width / 2, y: midY), radius: size * 0.32, fill: fill, stroke: stroke)
        case .line(let stroke):
            return .line(from: Point(x: x, y: midY), to: Point(x: x + width, y: midY), stroke: stroke)
        case .area(let color):
            return .rectangle(Rect(x: x + width * 0.1, y: midY - size * 0.45, width: width * 0.8, height: size * 0.9),
                              fill: color, stroke: .solid(0.4, color: style.mutedColor))
        case .none:
            return nil
        }
    }
}
