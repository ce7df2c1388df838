import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// Lays out a funnel plot: each study at its effect (x, log scale for ratios) and standard error
/// (y, inverted so the most precise studies sit at the top), the pooled estimate with its pseudo
/// 95% confidence limits, and on request significance contours, trim-and-fill's filled studies and
/// adjusted estimate, Egger's regression line and subgroup markers, with a legend underneath.
public struct FunnelLayout {
    /// How the funnel plot is drawn.
    public struct Settings: Sendable {
        /// The vertical axis: standard error (the default), variance, inverse SE or sample size.
        public var yAxis: FunnelYAxis = .se
        /// Shade where a study's two-sided P against no effect is > 0.10, ≤ 0.10, ≤ 0.05 and ≤ 0.01.
        public var contours = false
        /// Draw trim-and-fill's filled studies and adjusted estimate.
        public var trimFill = false
        /// Draw Egger's regression line.
        public var egger = false
        /// Colour and shape markers by subgroup.
        public var bySubgroup = false
        /// x-axis limits on the natural scale; nil chooses them from the data.
        public var limits: (Double, Double)?
        /// Total width in points; nil uses `plotWidth`.
        public var width: Double?
        /// A title above the figure.
        public var title: String?
        /// The plot's width when the figure is sized automatically (points).
        public var plotWidth: Double = 260

        /// The default settings.
        public init() {}
    }

    /// A study's (or a filled study's) marker.
    public struct Marker: Sendable {
        /// The study's label.
        public var label: String
        /// The marker's centre.
        public var center: Point
        /// The marker's radius.
        public var radius: Double
        /// True for studies imputed by trim-and-fill (drawn open).
        public var isFilled: Bool
        /// The index of the study's subgroup in `FunnelData.subgroups` when coloured by subgroup.
        public var group: Int?
    }

    /// A significance contour: the region where |effect| < z·SE, i.e. two-sided P > `p`.
    public struct Contour: Sendable {
        /// The two-sided P level.
        public var p: Double
        /// The normal quantile of that level.
        public var z: Double
        /// The region's outline on the page.
        public var polygon: [Point]
    }

    /// A line of the plot, for tests: the pooled estimate, the adjusted estimate, Egger's line or a
    /// pseudo-confidence limit.
    public enum LineKind: Sendable, Hashable { case pooled, adjusted, egger, lowerLimit, upperLimit }

    /// The studies' markers, then the filled studies'.
    public private(set) var markers: [Marker] = []
    /// The significance contours, when drawn.
    public private(set) var contours: [Contour] = []
    /// The lines drawn, by kind, as points on the page.
    public private(set) var lines: [LineKind: [Point]] = [:]
    /// The labels of the legend's entries, in order.
    public private(set) var legend: [String] = []
    /// The plot area.
    public private(set) var plot = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The effect axis (x) and the vertical scale (y, on the `FunnelYAxis`'s values).
    public private(set) var xAxis = EffectAxis(isRatio: false, core: [], extent: [], limits: nil, left: 0, right: 1, minusSign: .hyphen)
    /// The vertical scale, on the values of the `FunnelYAxis`.
    public private(set) var yScale = LinearScale(domain: 0...1, rangeStart: 0, rangeEnd: 1)
    /// The laid-out figure.
    public private(set) var scene = Scene(size: Size(width: 0, height: 0), title: "", description: "", items: [])

    /// The two-sided P levels of the contours, from the widest region inwards.
    public static let contourLevels: [Double] = [0.01, 0.05, 0.10]

    /// Lays out `data`; throws `FigureError` when there is no estimable study, or when the
    /// settings ask for what the axis cannot show (contours on a sample-size axis).
    public init(_ data: FunnelData, style: FigureStyle, settings: Settings = Settings(), description: String) throws {
        let axis = settings.yAxis
        if axis == .sampleSize {
            if settings.contours || settings.egger || settings.trimFill {
                throw FigureError("contours, Egger's line and trim-and-fill need a standard-error axis; use y_axis se, variance or inverse_se")
            }
            if let missing = data.studies.first(where: { $0.sampleSize == nil }) {
                throw FigureError("the sample-size axis needs arm totals, and '\(missing.label)' has none; use y_axis se")
            }
        }
        guard !data.studies.isEmpty else { throw FigureError("the analysis has no estimable study to draw") }
        let wording = style.wording
        let margin = style.margin
        let filled = settings.trimFill ? (data.smallStudy?.trimAndFill?.filled ?? []) : []
        let egger = settings.egger ? data.smallStudy?.egger : nil
        let adjusted = settings.trimFill ? data.smallStudy?.trimAndFill : nil

        // 1. The vertical scale, from the studies' values.
        let values = data.studies.map { axis.value(se: $0.se, sampleSize: $0.sampleSize) ?? 0 }
            + filled.map { axis.value(se: $0.vi.squareRoot(), sampleSize: nil) ?? 0 }
        let yTicks: AxisTicks
        if axis.growsUpwards {
            yTicks = AxisTicks.linear(lower: values.min() ?? 0, upper: values.max() ?? 1, targetCount: 4)
        } else {
            yTicks = AxisTicks.linear(lower: 0, upper: values.max() ?? 1, targetCount: 4)
        }
        let minus: NumberFormat.MinusSign = style.theme.trueMinus ? .unicode : .hyphen

        // 2. The effect axis: every study, the pooled and adjusted estimates, and the pseudo 95%
        //    limits at the largest standard error.
        let z95 = Normal.upperQuantile(0.025)
        let largestSE = (data.studies.map(\.se) + filled.map { $0.vi.squareRoot() }).max() ?? 0
        var reach = data.studies.map(\.yi) + filled.map(\.yi) + [data.pooled.yi]
        if let adjusted { reach.append(adjusted.yi) }
        if axis != .sampleSize { reach += [data.pooled.yi - z95 * largestSE, data.pooled.yi + z95 * largestSE] }
        let low = reach.min() ?? -1, high = reach.max() ?? 1
        let pad = max(high - low, 0.1) * 0.04
        let limits = settings.limits ?? (data.natural(low - pad), data.natural(high + pad))
        func effectAxis(left: Double, right: Double) -> EffectAxis {
            EffectAxis(isRatio: data.isRatio, core: [], extent: [], limits: limits, left: left, right: right, minusSign: minus)
        }
        let provisional = effectAxis(left: 0, right: 1)
        let xTitle = data.effectName + (data.isRatio ? " (log scale)" : "")
        let axes = PlotAxes(xTicks: provisional.ticks.map { .init(value: $0.value, label: $0.label) }, xTitle: xTitle,
                            yTicks: zip(yTicks.values, yTicks.labels(minusSign: minus)).map { .init(value: $0.0, label: $0.1) },
                            yTitle: axis.title, style: style)

        // 3. Geometry: title, plot, axes, legend.
        var items: [SceneItem] = []
        var top = margin
        let plotLeft = margin + max(axes.leftWidth, axes.leftOverhang)
        let rightRoom = max(margin, axes.rightOverhang + 2)
        let plotWidth = max(120, settings.width.map { $0 - plotLeft - rightRoom } ?? settings.plotWidth)
        let figureWidth = plotLeft + plotWidth + rightRoom
        if let title = settings.title {
            for text in style.measurer.wrap(title, font: style.titleFont, maxWidth: figureWidth - 2 * margin) {
                top += style.theme.titleSize * 1.3
                items.append(.text(style.text(text, x: margin, baseline: top, font: style.titleFont)))
            }
            top += style.lineHeight * 0.5
        }
        top += style.theme.smallSize * 0.6 // room for the top tick label
        let plotHeight = min(max(plotWidth * 0.78, 120), 480)
        plot = Rect(x: plotLeft, y: top, width: plotWidth, height: plotHeight)
        xAxis = effectAxis(left: plot.minX, right: plot.maxX)
        yScale = LinearScale(domain: yTicks.domain,
                             rangeStart: axis.growsUpwards ? plot.maxY : plot.minY,
                             rangeEnd: axis.growsUpwards ? plot.minY : plot.maxY)

        // 4. Inside the plot, clipped to it: contours, limits and reference lines.
        var inside: [SceneItem] = []
        let palette = style.theme.colors.palette.map(style.color)
        if settings.contours {
            let fills = style.theme.colors.contours.map(style.color)
            func fill(_ index: Int) -> Color { fills.isEmpty ? .white : fills[min(index, fills.count - 1)] }
            // The whole plot is P ≤ 0.01; each narrower region is painted over it.
            inside.append(.rectangle(plot, fill: fill(3), stroke: nil))
            for (index, p) in Self.contourLevels.enumerated() {
                let z = Normal.upperQuantile(p / 2)
                let polygon = region(center: 0, z: z, axis: axis)
                contours.append(Contour(p: p, z: z, polygon: polygon))
                inside.append(.polygon(polygon, fill: fill(2 - index), stroke: nil))
            }
        }
        if axis != .sampleSize {
            let limitStroke = StrokeStyle.dashed(style.theme.lineWidth, color: style.mutedColor, on: 3, off: 2)
            let lower = boundary(center: data.pooled.yi, offset: -z95, axis: axis)
            let upper = boundary(center: data.pooled.yi, offset: z95, axis: axis)
            lines[.lowerLimit] = lower
            lines[.upperLimit] = upper
            inside += [.polyline(lower, stroke: limitStroke), .polyline(upper, stroke: limitStroke)]
        }
        let pooledX = xAxis.x(data.pooled.yi)
        let pooledLine = [Point(x: pooledX, y: plot.minY), Point(x: pooledX, y: plot.maxY)]
        lines[.pooled] = pooledLine
        inside.append(.line(from: pooledLine[0], to: pooledLine[1],
                            stroke: .solid(style.theme.lineWidth * 1.2, color: style.color(style.theme.colors.diamond))))
        if let adjusted {
            let x = xAxis.x(adjusted.yi)
            let adjustedLine = [Point(x: x, y: plot.minY), Point(x: x, y: plot.maxY)]
            lines[.adjusted] = adjustedLine
            inside.append(.line(from: adjustedLine[0], to: adjustedLine[1],
                                stroke: .dashed(style.theme.lineWidth * 1.2, color: style.color(style.theme.colors.prediction), on: 5, off: 3)))
        }
        let eggerColor = palette.count > 2 ? palette[2] : style.color(style.theme.colors.accent)
        if let egger {
            let points = curve(axis: axis) { se in egger.intercept + egger.slope * se }
            lines[.egger] = points
            inside.append(.polyline(points, stroke: .solid(style.theme.lineWidth * 1.3, color: eggerColor)))
        }
        items.append(.clip(plot, items: inside))
        items.append(.rectangle(plot, fill: nil, stroke: style.stroke))

        // 5. Markers: filled studies open, then the studies (by subgroup when asked).
        let radius = style.theme.fontSize * 0.33
        let studyColor = style.color(style.theme.colors.study)
        let background = style.color(style.theme.colors.background)
        var marks: [SceneItem] = []
        for (index, study) in filled.enumerated() {
            let se = study.vi.squareRoot()
            let center = Point(x: xAxis.x(study.yi), y: yScale(axis.value(se: se, sampleSize: nil) ?? 0))
            markers.append(Marker(label: "Filled study \(index + 1)", center: center, radius: radius, isFilled: true, group: nil))
            marks.append(.group(title: "Study filled by trim-and-fill: \(data.effectName) \(wording.number(data.natural(study.yi))), SE \(wording.number(se))",
                                link: nil, items: [.circle(center: center, radius: radius, fill: background,
                                                           stroke: .solid(style.theme.lineWidth * 1.2, color: studyColor))]))
        }
        let grouped = settings.bySubgroup && !data.subgroups.isEmpty
        for study in data.studies {
            let value = axis.value(se: study.se, sampleSize: study.sampleSize) ?? 0
            let center = Point(x: xAxis.x(study.yi), y: yScale(value))
            var group: Int?
            var color = studyColor, shape = MarkerShape.circle
            if grouped {
                let index = study.subgroup.flatMap { data.subgroups.firstIndex(of: $0) } ?? data.subgroups.count
                group = index
                color = palette.isEmpty ? studyColor : palette[index % palette.count]
                shape = MarkerShape.forGroup(index)
            }
            markers.append(Marker(label: study.label, center: center, radius: radius, isFilled: false, group: group))
            var tooltip = "\(study.label): \(data.effectName) \(wording.number(data.natural(study.yi))), SE \(wording.number(study.se))"
            if axis == .sampleSize, let n = study.sampleSize { tooltip += ", \(wording.plain(n)) participants" }
            if grouped, let subgroup = study.subgroup { tooltip += " (\(subgroup))" }
            marks.append(.group(title: tooltip, link: nil, items: [
                shape.item(at: center, radius: radius, fill: color, stroke: .solid(0.4, color: background))]))
        }
        // Markers at the plot's edge stay whole; those beyond an explicit xlim are cut.
        items.append(.clip(plot.insetBy(dx: -radius * 1.5, dy: -radius * 1.5), items: marks))

        // 6. Axes.
        let placedAxes = axes.place(plot: plot, x: { [xAxis] in xAxis.x($0) }, y: { [yScale] in yScale($0) })
        items += placedAxes.items

        // 7. The legend.
        var entries: [Legend.Entry] = []
        if grouped {
            if let column = data.subgroupColumn { entries.append(.init(swatch: .none, label: "\(column.prefix(1).uppercased() + column.dropFirst()):")) }
            var names = data.subgroups
            if data.studies.contains(where: { $0.subgroup == nil }) { names.append("No subgroup") }
            for (index, name) in names.enumerated() {
                let color = palette.isEmpty ? studyColor : palette[index % palette.count]
                entries.append(.init(swatch: .marker(MarkerShape.forGroup(index), fill: color, stroke: nil), label: name))
            }
        } else {
            entries.append(.init(swatch: .marker(.circle, fill: studyColor, stroke: nil), label: "Studies"))
        }
        if let adjusted, adjusted.k0 > 0 {
            entries.append(.init(swatch: .marker(.circle, fill: background, stroke: .solid(style.theme.lineWidth * 1.2, color: studyColor)),
                                 label: "Filled by trim-and-fill (\(adjusted.k0))"))
        }
        entries.append(.init(swatch: .line(.solid(style.theme.lineWidth * 1.2, color: style.color(style.theme.colors.diamond))),
                             label: "Pooled estimate \(wording.number(data.natural(data.pooled.yi)))"))
        if let adjusted {
            entries.append(.init(swatch: .line(.dashed(style.theme.lineWidth * 1.2, color: style.color(style.theme.colors.prediction), on: 5, off: 3)),
                                 label: "Adjusted by trim-and-fill \(wording.number(data.natural(adjusted.yi)))"))
        }
        if axis != .sampleSize {
            entries.append(.init(swatch: .line(.dashed(style.theme.lineWidth, color: style.mutedColor, on: 3, off: 2)),
                                 label: "Pseudo 95% confidence limits"))
        }
        if let egger {
            entries.append(.init(swatch: .line(.solid(style.theme.lineWidth * 1.3, color: eggerColor)),
                                 label: "Egger's regression line (P \(wording.pValue(egger.p)))"))
        }
        if settings.contours {
            let fills = style.theme.colors.contours.map(style.color)
            let labels = ["P > 0.10", "0.05 < P ≤ 0.10", "0.01 < P ≤ 0.05", "P ≤ 0.01"]
            entries.append(.init(swatch: .none, label: "Contours, two-sided P against no effect:"))
            for (index, label) in labels.enumerated() {
                entries.append(.init(swatch: .area(fills.isEmpty ? .white : fills[min(index, fills.count - 1)]), label: label))
            }
        }
        legend = entries.map(\.label)
        let legendTop = plot.maxY + axes.bottomHeight + style.lineHeight * 0.4
        let placedLegend = Legend(entries: entries).place(x: margin, top: legendTop, maxWidth: figureWidth - 2 * margin, style: style)
        items += placedLegend.items

        let height = legendTop + placedLegend.height + margin
        scene = Scene(size: Size(width: figureWidth.rounded(toPlaces: 2), height: height.rounded(toPlaces: 2)),
                      title: "Funnel plot: \(data.title)", description: description, items: items)
    }

    // MARK: Curves against the vertical axis

    /// Points of x = f(SE) down the plot, from its top to its bottom; straight lines need only their
    /// ends. x is held just outside the plot where it runs off (the plot clips it), so nothing is
    /// infinite.
    func curve(axis: FunnelYAxis, _ effect: (Double) -> Double) -> [Point] {
        let domain = yScale.domain
        let steps = axis.isLinearInSE ? 1 : 96
        var points: [Point] = []
        for step in 0...steps {
            let value = domain.lowerBound + (domain.upperBound - domain.lowerBound) * Double(step) / Double(steps)
            guard let se = axis.standardError(at: value) else { continue }
            let x = xAxis.x(effect(se))
            let held = x.isNaN ? plot.maxX + 4 : min(max(x, plot.minX - 4), plot.maxX + 4)
            points.append(Point(x: held, y: yScale(value)))
        }
        return points.sorted { $0.y < $1.y }
    }

    /// The line x = center + offset·SE.
    func boundary(center: Double, offset: Double, axis: FunnelYAxis) -> [Point] {
        curve(axis: axis) { se in center + offset * se }
    }

    /// The region |x − center| < z·SE as a polygon: down the left boundary, up the right one.
    func region(center: Double, z: Double, axis: FunnelYAxis) -> [Point] {
        boundary(center: center, offset: -z, axis: axis) + boundary(center: center, offset: z, axis: axis).reversed()
    }
}
