import Foundation
import Graphics

/// The bottom and left axes of a scatter-style figure (funnel, bubble): ticks, tick labels and
/// titles. Measured first (`leftWidth`, `bottomHeight`, `rightOverhang`) so the layout can make
/// room for them, then placed once the plot's rectangle is known.
struct PlotAxes {
    struct Tick {
        /// The value on the axis's own scale (what `place`'s mapping takes).
        var value: Double
        var label: String
    }

    var xTicks: [Tick]
    var xTitle: String
    var yTicks: [Tick]
    var yTitle: String
    let style: FigureStyle

    let tickLength = 3.0
    private var small: Font { style.smallFont }
    private var labelGap: Double { 2 }

    /// Room left of the plot: tick, tick labels, a gap and the rotated title.
    var leftWidth: Double {
        let widest = yTicks.map { style.width($0.label, small) }.max() ?? 0
        return tickLength + labelGap + widest + style.columnGap * 0.6 + style.measure(yTitle, style.font).height
    }

    /// Room under the plot: tick, tick labels and the title.
    var bottomHeight: Double {
        tickLength + style.smallLineHeight + 2 + style.lineHeight
    }

    /// How far the last x tick label reaches right of the plot (it is centred on its tick).
    var rightOverhang: Double {
        (xTicks.last.map { style.width($0.label, small) } ?? 0) / 2
    }

    /// How far the first x tick label reaches left of the plot.
    var leftOverhang: Double {
        (xTicks.first.map { style.width($0.label, small) } ?? 0) / 2
    }

    struct Placed {
        var items: [SceneItem]
        var texts: [SceneText]
    }

    /// Draws the axes along the plot's bottom and left edges; `x` and `y` map tick values to points.
    func place(plot: Rect, x: (Double) -> Double, y: (Double) -> Double) -> Placed {
        let stroke = style.stroke
        var items: [SceneItem] = [
            .line(from: Point(x: plot.minX, y: plot.maxY), to: Point(x: plot.maxX, y: plot.maxY), stroke: stroke),
            .line(from: Point(x: plot.minX, y: plot.minY), to: Point(x: plot.minX, y: plot.maxY), stroke: stroke),
        ]
        var texts: [SceneText] = []
        // Bottom: labels that would collide are left out (the tick stays).
        var lastRight = -Double.infinity
        for tick in xTicks {
            let tx = x(tick.value)
            guard tx >= plot.minX - 0.5, tx <= plot.maxX + 0.5 else { continue }
            items.append(.line(from: Point(x: tx, y: plot.maxY), to: Point(x: tx, y: plot.maxY + tickLength), stroke: stroke))
            let label = style.text(tick.label, x: tx, baseline: plot.maxY + tickLength + style.theme.smallSize * 1.05,
                                   font: small, anchor: .middle)
            if label.frame.minX > lastRight + 2 {
                texts.append(label)
                lastRight = label.frame.maxX
            }
        }
        let xTitleBaseline = plot.maxY + tickLength + style.smallLineHeight + 2 + style.lineHeight * 0.72
        texts.append(style.text(xTitle, x: plot.midX, baseline: xTitleBaseline, font: style.font, anchor: .middle))
        // Left: labels centred on their ticks, right-aligned.
        var lastTop = Double.infinity
        for tick in yTicks.sorted(by: { y($0.value) > y($1.value) }) {
            let ty = y(tick.value)
            guard ty >= plot.minY - 0.5, ty <= plot.maxY + 0.5 else { continue }
            items.append(.line(from: Point(x: plot.minX - tickLength, y: ty), to: Point(x: plot.minX, y: ty), stroke: stroke))
            let label = style.text(tick.label, x: plot.minX - tickLength - labelGap, baseline: ty + style.theme.smallSize * 0.35,
                                   font: small, anchor: .end)
            if label.frame.maxY < lastTop - 1 {
                texts.append(label)
                lastTop = label.frame.minY
            }
        }
        // The title reads upwards, its top (the ascent) towards the left edge.
        let extents = style.measure(yTitle, style.font)
        texts.append(style.text(yTitle, x: plot.minX - leftWidth + extents.ascent, baseline: plot.midY,
                                font: style.font, anchor: .middle, rotation: -90))
        items += texts.map { .text($0) }
        return Placed(items: items, texts: texts)
    }
}
