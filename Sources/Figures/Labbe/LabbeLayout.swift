import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// The L'Abbé plot laid out: one circle per study at (control risk, experimental risk), area
/// proportional to its weight, the line of no effect, and the pooled effect's line.
public struct LabbeLayout {
    /// How the axes are scaled.
    public enum Scale: String, Sendable { case risk, logOdds = "log-odds" }

    /// A study's circle, for tests and hover titles.
    public struct Mark: Sendable {
        public var label: String
        /// Control and experimental risk (or log odds) on the axes' own scale.
        public var control: Double
        public var experimental: Double
        public var center: Point
        public var radius: Double
    }

    public private(set) var marks: [Mark] = []
    /// The pooled effect's line, as points on the plot.
    public private(set) var pooledLine: [Point] = []
    /// The plot area.
    public private(set) var plot = Rect.zero
    public private(set) var scene: Scene

    /// The axes' value for a risk on this scale.
    static func value(_ risk: Double, scale: Scale) -> Double {
        scale == .risk ? risk : log(risk / (1 - risk))
    }

    /// The experimental risk the pooled effect implies at a control risk (RR, OR or RD).
    static func pooledRisk(control: Double, measure: EffectMeasure, effect: Double) -> Double? {
        switch measure {
        case .RR: return control * exp(effect) <= 1 ? control * exp(effect) : nil
        case .OR:
            let odds = exp(effect)
            return odds * control / (1 - control + odds * control)
        case .RD:
            let risk = control + effect
            return risk >= 0 && risk <= 1 ? risk : nil
        default: return nil
        }
    }

    init(outcome: AnalysisOutcome, result: AnalysisResult, scale: Scale, width: Double?, title: String?, style: FigureStyle) {
        let analysis = outcome.analysis
        // Risks per arm; on the log-odds scale a study with a zero (or full) cell gets ½ added
        // to each cell, as its effect size does.
        var points: [(label: String, control: Double, experimental: Double, weight: Double)] = []
        for study in result.studies where study.estimable {
            guard case let .binary(e1, n1, e2, n2) = study.data else { continue }
            var (a, b, c, d) = (e1, n1 - e1, e2, n2 - e2)
            if scale == .logOdds, [a, b, c, d].contains(0) { (a, b, c, d) = (a + 0.5, b + 0.5, c + 0.5, d + 0.5) }
            points.append((study.label, Self.value(c / (c + d), scale: scale), Self.value(a / (a + b), scale: scale), study.weight))
        }

        // One scale for both axes, so the line of no effect is the diagonal.
        let values = points.flatMap { [$0.control, $0.experimental] }
        let minusSign: NumberFormat.MinusSign = style.theme.trueMinus ? .unicode : .hyphen
        let axis: PlotScale
        if scale == .risk {
            let top = AxisTicks.linear(lower: 0, upper: max(values.max() ?? 1, 0.01), targetCount: 5).domain.upperBound
            axis = PlotScale(low: 0, high: min(1, top), isRatio: false, minusSign: minusSign)
        } else {
            let low = values.min() ?? -3, high = values.max() ?? 3
            let pad = max(0.2, (high - low) * 0.05)
            axis = PlotScale(low: low - pad, high: high + pad, isRatio: false, minusSign: minusSign)
        }
        let arms = analysis.arms
        let noun = scale == .risk ? "Risk" : "Log odds"
        let axes = PlotAxes(xTicks: axis.ticks, xTitle: "\(noun) with \(arms.control)", yTicks: axis.ticks,
                            yTitle: "\(noun) with \(arms.experimental)", style: style)

        // Size: a square plot, as wide as a requested width allows (never narrower than 120 pt).
        let margin = style.margin
        var top = margin
        var items: [SceneItem] = []
        if let title {
            for line in style.measurer.wrap(title, font: style.titleFont, maxWidth: max(200, (width ?? 300) - 2 * margin)) {
                top += style.theme.titleSize * 1.3
                items.append(.text(style.text(line, x: margin, baseline: top, font: style.titleFont)))
            }
            top += style.lineHeight * 0.5
        }
        var side = 220.0
        if let width { side = max(120, width - 2 * margin - axes.leftWidth - axes.rightOverhang) }
        let plot = Rect(x: margin + axes.leftWidth, y: top + style.lineHeight * 0.4, width: side, height: side)
        let span = axis.domain.upperBound - axis.domain.lowerBound
        let x = { (v: Double) in plot.minX + (v - axis.domain.lowerBound) / span * side }
        let y = { (v: Double) in plot.maxY - (v - axis.domain.lowerBound) / span * side }

        // The line of no effect (dashed) and the pooled effect's line, inside the plot.
        var inside: [SceneItem] = [.line(from: Point(x: plot.minX, y: plot.maxY), to: Point(x: plot.maxX, y: plot.minY),
                                         stroke: .dashed(style.theme.lineWidth, color: style.color(style.theme.colors.referenceLine)))]
        var line: [Point] = []
        for step in 0...200 {
            // Walk the control risk across the plot's range.
            let position = axis.domain.lowerBound + span * Double(step) / 200
            let control = scale == .risk ? position : 1 / (1 + exp(-position))
            guard control > 0, control < 1,
                  let risk = Self.pooledRisk(control: control, measure: analysis.measure, effect: result.pooled.yi),
                  risk > 0, risk < 1 else { continue }
            let value = Self.value(risk, scale: scale)
            guard value >= axis.domain.lowerBound, value <= axis.domain.upperBound else { continue }
            line.append(Point(x: x(position), y: y(value)))
        }
        if line.count > 1 {
            inside.append(.polyline(line, stroke: .solid(style.theme.lineWidth * 1.4, color: style.color(style.theme.colors.diamond))))
        }
        let maxWeight = points.map(\.weight).max() ?? 1
        let maxRadius = side / 22
        let fill = style.color(style.theme.colors.study).withAlpha(0.55)
        let outline = StrokeStyle.solid(0.6, color: style.color(style.theme.colors.study))
        var marks: [Mark] = []
        for point in points {
            let radius = max(1.8, maxRadius * (maxWeight > 0 ? (point.weight / maxWeight).squareRoot() : 0.5))
            let center = Point(x: x(point.control), y: y(point.experimental))
            marks.append(Mark(label: point.label, control: point.control, experimental: point.experimental, center: center, radius: radius))
            let wording = style.wording
            let hover = scale == .risk
                ? "\(point.label): \(wording.number(point.experimental, decimals: 3)) vs \(wording.number(point.control, decimals: 3)), weight \(wording.weight(point.weight))"
                : "\(point.label): log odds \(wording.number(point.experimental)) vs \(wording.number(point.control)), weight \(wording.weight(point.weight))"
            inside.append(.group(title: hover, link: nil, items: [.circle(center: center, radius: radius, fill: fill, stroke: outline)]))
        }
        items.append(.clip(plot, items: inside))
        let placedAxes = axes.place(plot: plot, x: x, y: y)
        items += placedAxes.items

        // Legend under the axes.
        let effect = analysis.isRatio ? exp(result.pooled.yi) : result.pooled.yi
        let legend = Legend(entries: [
            .init(swatch: .marker(.circle, fill: fill, stroke: outline), label: "Study (area proportional to weight)"),
            .init(swatch: .line(.dashed(style.theme.lineWidth, color: style.color(style.theme.colors.referenceLine))), label: "No effect"),
            .init(swatch: .line(.solid(style.theme.lineWidth * 1.4, color: style.color(style.theme.colors.diamond))),
                  label: "Pooled \(analysis.measure.rawValue) \(style.wording.number(effect))"),
        ])
        let legendTop = plot.maxY + axes.bottomHeight + style.lineHeight * 0.3
        let placedLegend = legend.place(x: margin, top: legendTop, maxWidth: plot.maxX + axes.rightOverhang - margin, style: style)
        items += placedLegend.items
        let right = max(plot.maxX + axes.rightOverhang, placedLegend.texts.map(\.frame.maxX).max() ?? 0) + margin
        let bottom = legendTop + placedLegend.height + margin

        let description = "L'Abbé plot of \(analysis.title): the event risk with \(arms.experimental.lowercased()) against the risk with \(arms.control.lowercased()) in \(points.count) stud\(points.count == 1 ? "y" : "ies")\(scale == .logOdds ? " (log odds)" : ""), circles sized by weight; studies below the diagonal had fewer events with \(arms.experimental.lowercased()). The pooled \(analysis.effectName.lowercased()) \(style.wording.number(effect)) is drawn as a line."
        self.marks = marks
        self.pooledLine = line
        self.plot = plot
        scene = Scene(size: Size(width: right.rounded(toPlaces: 2), height: bottom.rounded(toPlaces: 2)),
                      title: title ?? "L'Abbé plot: \(analysis.title)", description: description, items: items)
    }
}
