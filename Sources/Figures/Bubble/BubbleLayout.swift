import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// Lays out a bubble plot of a meta-regression on one moderator: the moderator on x, the effect on
/// y (log scale for ratios), each study a circle whose area is proportional to its weight in the
/// regression, the fitted line with its 95% confidence band, and the equation and tests in text
/// under the plot.
public struct BubbleLayout {
    /// How the bubble plot is drawn.
    public struct Settings: Sendable {
        /// Draw the fitted line's 95% confidence band.
        public var band = true
        /// Effect-axis limits on the natural scale; nil chooses them from the data.
        public var limits: (Double, Double)?
        /// Total width in points; nil uses `plotWidth`.
        public var width: Double?
        /// A title above the figure.
        public var title: String?
        /// The plot's width when the figure is sized automatically (points).
        public var plotWidth: Double = 280

        /// The default settings.
        public init() {}
    }

    /// What the plot shows, in words and numbers.
    public struct Labels: Sendable {
        /// The analysis's title.
        public var title: String
        /// "Risk Ratio".
        public var effectName: String
        /// The effect in the equation: "ln(RR)", "MD".
        public var effectSymbol: String
        /// The moderator's name, under the x axis.
        public var moderator: String
        /// Whether the effect is a ratio (log scale, exponentiated labels).
        public var isRatio: Bool
    }

    /// A study's circle.
    public struct Bubble: Sendable {
        /// The study's label.
        public var label: String
        /// The circle's centre.
        public var center: Point
        /// The circle's radius: its area is proportional to the weight.
        public var radius: Double
        /// The study's weight in the regression, percent.
        public var weight: Double
    }

    /// One circle per study in the regression, in input order.
    public private(set) var bubbles: [Bubble] = []
    /// The fitted line's ends at the x axis's ends: moderator values and points.
    public private(set) var lineEnds: (low: Double, high: Double) = (0, 0)
    /// The fitted line's ends on the page.
    public private(set) var line: (from: Point, to: Point) = (Point(x: 0, y: 0), Point(x: 0, y: 0))
    /// The band's outline: along the upper limit, then back along the lower one.
    public private(set) var band: [Point] = []
    /// The lines of text under the plot (equation, test of the moderator, residual heterogeneity).
    public private(set) var notes: [String] = []
    /// The plot area.
    public private(set) var plot = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The moderator's scale (x) and the effect's (y, analysis scale: logs for ratios).
    public private(set) var xScale = LinearScale(domain: 0...1, rangeStart: 0, rangeEnd: 1)
    /// The effect's scale (y), on the analysis scale.
    public private(set) var yScale = LinearScale(domain: 0...1, rangeStart: 0, rangeEnd: 1)
    /// The laid-out figure.
    public private(set) var scene = Scene(size: Size(width: 0, height: 0), title: "", description: "", items: [])

    /// Lays out `regression`; throws `FigureError` when it has no studies to draw.
    public init(_ regression: MetaRegression, labels: Labels, style: FigureStyle, settings: Settings = Settings(),
                description: String) throws {
        let points = regression.studies
        guard !points.isEmpty else { throw FigureError("the meta-regression has no studies to draw") }
        let margin = style.margin
        let wording = style.wording
        let minus: NumberFormat.MinusSign = style.theme.trueMinus ? .unicode : .hyphen

        // 1. Scales: the moderator's range, then the effects, the line and (within reason) the band.
        let xs = points.map(\.moderator)
        let xLow = xs.min() ?? 0, xHigh = xs.max() ?? 1
        let xPad = max(xHigh - xLow, 1e-9) * 0.06
        let xAxis = PlotScale(low: xLow - xPad, high: xHigh + xPad, isRatio: false,
                              wholeNumbers: xs.allSatisfy { $0 == $0.rounded() }, minusSign: minus)
        let ends = (xAxis.domain.lowerBound, xAxis.domain.upperBound)
        let ys = points.map(\.yi)
        var yLow = ys.min() ?? 0, yHigh = ys.max() ?? 0
        let span = max(yHigh - yLow, 0.1)
        for x in [ends.0, ends.1] {
            let fit = regression.fitted(at: x)
            yLow = min(yLow, fit.estimate, settings.band ? max(fit.lower, yLow - span) : yLow)
            yHigh = max(yHigh, fit.estimate, settings.band ? min(fit.upper, yHigh + span) : yHigh)
        }
        let yPad = (yHigh - yLow) * 0.08
        var yRange = (yLow - yPad, yHigh + yPad)
        if let (low, high) = settings.limits {
            yRange = labels.isRatio ? (log(max(low, 1e-300)), log(max(high, 1e-300))) : (low, high)
        }
        let yAxis = PlotScale(low: yRange.0, high: yRange.1, isRatio: labels.isRatio, minusSign: minus)
        let yTitle = labels.effectName + (labels.isRatio ? " (log scale)" : "")
        let axes = PlotAxes(xTicks: xAxis.ticks, xTitle: labels.moderator, yTicks: yAxis.ticks, yTitle: yTitle, style: style)

        // 2. Geometry.
        var items: [SceneItem] = []
        var top = margin
        let plotLeft = margin + max(axes.leftWidth, axes.leftOverhang)
        let rightRoom = max(margin, axes.rightOverhang + 2)
        let plotWidth = max(140, settings.width.map { $0 - plotLeft - rightRoom } ?? settings.plotWidth)
        let figureWidth = plotLeft + plotWidth + rightRoom
        if let title = settings.title {
            for text in style.measurer.wrap(title, font: style.titleFont, maxWidth: figureWidth - 2 * margin) {
                top += style.theme.titleSize * 1.3
                items.append(.text(style.text(text, x: margin, baseline: top, font: style.titleFont)))
            }
            top += style.lineHeight * 0.5
        }
        top += style.theme.smallSize * 0.6 // room for the top tick label
        plot = Rect(x: plotLeft, y: top, width: plotWidth, height: min(max(plotWidth * 0.72, 120), 480))
        xScale = LinearScale(domain: xAxis.domain, rangeStart: plot.minX, rangeEnd: plot.maxX)
        yScale = LinearScale(domain: yAxis.domain, rangeStart: plot.maxY, rangeEnd: plot.minY)

        // 3. Inside the plot: no-effect line, band, fitted line, bubbles.
        var inside: [SceneItem] = []
        if yScale.contains(0) {
            let y = yScale(0)
            inside.append(.line(from: Point(x: plot.minX, y: y), to: Point(x: plot.maxX, y: y),
                                stroke: .dashed(style.theme.lineWidth, color: style.mutedColor, on: 3, off: 2)))
        }
        let lineColor = style.color(style.theme.colors.diamond)
        if settings.band {
            // Band points are held just outside the plot where the band runs off it (the plot clips them).
            let frame = plot
            let held = { (y: Double) in min(max(y, frame.minY - 4), frame.maxY + 4) }
            let steps = 64
            var upper: [Point] = [], lower: [Point] = []
            for step in 0...steps {
                let x = ends.0 + (ends.1 - ends.0) * Double(step) / Double(steps)
                let fit = regression.fitted(at: x)
                upper.append(Point(x: xScale(x), y: held(yScale(fit.upper))))
                lower.append(Point(x: xScale(x), y: held(yScale(fit.lower))))
            }
            band = upper + lower.reversed()
            inside.append(.polygon(band, fill: style.color(style.theme.colors.accent).withAlpha(0.14), stroke: nil))
            let bandStroke = StrokeStyle.dashed(style.theme.lineWidth * 0.8, color: style.color(style.theme.colors.accent), on: 3, off: 2)
            inside += [.polyline(upper, stroke: bandStroke), .polyline(lower, stroke: bandStroke)]
        }
        lineEnds = (ends.0, ends.1)
        line = (Point(x: xScale(ends.0), y: yScale(regression.intercept + regression.slope * ends.0)),
                Point(x: xScale(ends.1), y: yScale(regression.intercept + regression.slope * ends.1)))
        inside.append(.line(from: line.from, to: line.to, stroke: .solid(style.theme.lineWidth * 1.5, color: lineColor)))

        let largest = points.map(\.weight).max() ?? 1
        let maxRadius = min(plotWidth, plot.height) * 0.05
        let studyColor = style.color(style.theme.colors.study)
        // Large circles first, so small ones stay visible on top.
        for point in points.sorted(by: { $0.weight > $1.weight }) {
            let radius = max(1.5, maxRadius * (point.weight / largest).squareRoot())
            let center = Point(x: xScale(point.moderator), y: yScale(point.yi))
            bubbles.append(Bubble(label: point.label, center: center, radius: radius, weight: point.weight))
            let tooltip = "\(point.label): \(labels.moderator) \(wording.plain(point.moderator)), \(labels.effectName) "
                + "\(wording.number(labels.isRatio ? exp(point.yi) : point.yi)), weight \(wording.weight(point.weight))"
            inside.append(.group(title: tooltip, link: nil, items: [
                .circle(center: center, radius: radius, fill: studyColor.withAlpha(0.35), stroke: .solid(0.7, color: studyColor))]))
        }
        items.append(.clip(plot, items: inside))
        items.append(.rectangle(plot, fill: nil, stroke: style.stroke))
        items += axes.place(plot: plot, x: { [xScale] in xScale($0) }, y: { [yScale] in yScale($0) }).items

        // 4. The equation and tests under the plot.
        notes = Self.notes(regression, labels: labels, wording: wording)
        var y = plot.maxY + axes.bottomHeight + style.lineHeight * 0.3
        for note in notes {
            for text in style.measurer.wrap(units: StatementUnits.units(note), font: style.smallFont, maxWidth: figureWidth - 2 * margin) {
                items.append(.text(style.text(text, x: margin, baseline: y + style.smallLineHeight * 0.72, font: style.smallFont)))
                y += style.smallLineHeight
            }
        }
        scene = Scene(size: Size(width: figureWidth.rounded(toPlaces: 2), height: (y + margin).rounded(toPlaces: 2)),
                      title: "Bubble plot: \(labels.title)", description: description, items: items)
    }

    /// The equation, the test of the moderator and the residual heterogeneity, as printed.
    static func notes(_ regression: MetaRegression, labels: Labels, wording: Wording) -> [String] {
        let slope = regression.slope
        let sign = slope < 0 ? (wording.trueMinus ? "\u{2212}" : "-") : "+"
        let equation = "\(labels.effectSymbol) = \(coefficient(regression.intercept, wording)) \(sign) "
            + "\(coefficient(abs(slope), wording)) \u{00D7} \(labels.moderator)"
        var test: String
        if let df = regression.df {
            test = "Test of the moderator: F(1, \(df)) = \(wording.number(regression.QM)), P \(wording.pValue(regression.QMp))"
        } else {
            test = "Test of the moderator: QM = \(wording.number(regression.QM)), df = 1, P \(wording.pValue(regression.QMp))"
        }
        test += "; k = \(regression.k)"
        var residual = "Residual heterogeneity: "
        if let tau2 = regression.tau2 { residual += "Tau\u{00B2} = \(wording.tau2(tau2)); " }
        residual += "QE = \(wording.number(regression.QE)), df = \(regression.QEdf) (P \(wording.pValue(regression.QEp))); "
        residual += "I\u{00B2} = \(wording.percent(regression.I2))"
        if let r2 = regression.R2 { residual += "; R\u{00B2} = \(wording.percent(r2))" }
        return [equation, test, residual]
    }

    /// A coefficient with three significant digits (at least two decimals): 0.344, −0.0292, 12.30.
    static func coefficient(_ value: Double, _ wording: Wording) -> String {
        guard value != 0, value.isFinite else { return wording.number(value) }
        let magnitude = Int(log10(abs(value)).rounded(.down))
        return wording.number(value, decimals: min(8, max(2, 2 - magnitude)))
    }
}
