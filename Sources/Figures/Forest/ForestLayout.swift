import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// Lays out a forest-style figure: RevMan's columns (labels, arm data, weight, effect with CI),
/// the plot with squares, CI lines, arrows and diamonds, optional risk-of-bias columns, then the
/// axis, the "favours" labels and legends. Sizes come from measured text, so nothing overlaps or is
/// clipped; long labels wrap.
public struct ForestLayout {
    /// How the figure is laid out.
    public struct Settings: Sendable {
        /// Total width in points; nil fits the content.
        public var width: Double?
        /// JAMA-like compact columns (events/total in one column per arm).
        public var compact = false
        /// Axis limits on the natural scale.
        public var limits: (Double, Double)?
        /// A title above the figure (also the SVG `<title>` and PDF title when given).
        public var title: String?
        /// What the figure is, for its SVG `<title>` and PDF title: "Forest plot: bcg".
        public var figureName = "Forest plot"
        /// Show risk-of-bias columns when the studies have judgements.
        public var showRiskOfBias = true
        /// Largest width of the label column before labels wrap (points).
        public var maximumLabelWidth: Double = 190
        /// Width of the plot when the figure fits its content (points).
        public var plotWidth: Double = 150

        /// The default settings.
        public init() {}
    }

    /// A laid-out row, for tests and hover titles.
    public struct Row: Sendable {
        /// What a row holds.
        public enum Kind: Sendable, Equatable { case header, groupTitle, study, pooled, totalEvents, prediction, note, axis }
        /// What the row holds.
        public var kind: Kind
        /// The row's label (a study, a subgroup, "Total (95% CI)", …).
        public var label: String
        /// Top and height of the row.
        public var top: Double
        /// The row's height, in points.
        public var height: Double
        /// The texts of the row's cells (label lines, numbers, estimate).
        public var cells: [SceneText]
        /// The square's centre and side, for study rows with an estimate on the axis.
        public var marker: (center: Point, side: Double)?
    }

    /// Every row, top to bottom.
    public private(set) var rows: [Row] = []
    /// The laid-out figure.
    public private(set) var scene: Scene
    /// The effect axis, with its position on the page.
    public private(set) var axis: EffectAxis

    // MARK: - Building

    /// Lays out `data`; `description` becomes the figure's alt text.
    public init(_ data: ForestData, style: FigureStyle, settings: Settings = Settings(), description: String) {
        var builder = Builder(data: data, style: style, settings: settings)
        builder.build()
        // A requested width is met exactly whenever the content fits: what still reaches past it
        // (tick labels centred on the plot's edge, wide headers) comes off the plot, down to its
        // minimum width. The overhang does not depend on the plot's width, so one or two more
        // passes settle it.
        if let target = settings.width {
            for _ in 0..<3 {
                let excess = builder.size.width - target
                guard excess > 0.005, builder.plotWidth > Builder.minimumPlotWidth + 0.005 else { break }
                var next = Builder(data: data, style: style, settings: settings)
                next.plotReduction = builder.plotReduction + excess
                next.build()
                builder = next
            }
        }
        rows = builder.rows
        axis = builder.axis
        scene = Scene(size: builder.size, title: settings.title ?? "\(settings.figureName): \(data.title)",
                      description: description, items: builder.items)
        if let target = settings.width, builder.size.width > target + 0.5 {
            // The columns alone do not fit: the figure grows rather than clip, and says so.
            let needed = Self.millimetres(builder.size.width), asked = Self.millimetres(target)
            scene.warnings.append("the \(settings.figureName.lowercased()) is \(needed) mm wide, wider than the \(asked) mm asked for: "
                                  + "its columns and a readable plot do not fit in \(asked) mm"
                                  + (settings.compact || data.armColumns == .none ? "; ask for a wider width" : "; ask for a wider width, or compact columns"))
        }
    }

    /// Points as whole millimetres, for messages.
    static func millimetres(_ points: Double) -> Int { Int((points / 72 * 25.4).rounded(.up)) }
}

/// The measuring and placing behind `ForestLayout`.
private struct Builder {
    let data: ForestData
    let style: FigureStyle
    let settings: ForestLayout.Settings

    var rows: [ForestLayout.Row] = []
    var items: [SceneItem] = []
    var size = Size(width: 0, height: 0)
    var axis = EffectAxis(isRatio: false, core: [], extent: [], limits: nil, left: 0, right: 1, minusSign: .hyphen)

    // Column geometry (x of each column's left edge and its width).
    var labelX = 0.0, labelWidth = 0.0
    var armColumns: [(x: Double, width: Double, header: String)] = []
    var armGroups: [(x: Double, width: Double, title: String)] = []
    var weightColumn: (x: Double, width: Double)?
    /// The effect column ("0.41 [0.13, 1.26]"), its parts right-aligned within it.
    var effectColumn = (x: 0.0, width: 0.0)
    /// The widest of each part ("0.41", "[0.13,", "1.26]") per font: bold pooled rows align among
    /// themselves, so study rows keep single spaces even where bold digits are wider.
    var effectPartWidths: [Font: [Double]] = [:]
    var extraColumns: [(x: Double, width: Double, header: String)] = []
    var plotLeft = 0.0, plotRight = 0.0
    /// The plot's width as laid out.
    var plotWidth = 0.0
    /// Points taken off the plot so that a requested width is met (see `ForestLayout.init`).
    var plotReduction = 0.0
    /// The narrowest plot a requested width may leave; labels wrap harder before the plot gets this narrow.
    static let minimumPlotWidth = 90.0
    var robColumns: [(x: Double, header: String)] = []
    var contentRight = 0.0
    /// The largest study weight, which sizes every square (found once, not once per row).
    var maxWeight = 0.0

    var font: Font { style.font }
    var bold: Font { style.boldFont }
    var small: Font { style.smallFont }
    var gap: Double { style.columnGap }
    var line: Double { style.lineHeight }
    var wording: Wording { style.wording }

    init(data: ForestData, style: FigureStyle, settings: ForestLayout.Settings) {
        self.data = data
        self.style = style
        self.settings = settings
    }

    // MARK: Cells

    /// The texts of a study's arm columns.
    func armCells(_ studyData: StudyData?) -> [String] {
        let count = armHeaders.count
        guard let studyData else { return Array(repeating: "", count: count) }
        switch (data.armColumns, studyData) {
        case (.binary, let .binary(e1, n1, e2, n2)):
            return settings.compact
                ? ["\(wording.plain(e1))/\(wording.plain(n1))", "\(wording.plain(e2))/\(wording.plain(n2))"]
                : [wording.plain(e1), wording.plain(n1), wording.plain(e2), wording.plain(n2)]
        case (.continuous, let .continuous(m1, s1, n1, m2, s2, n2)):
            return settings.compact
                ? ["\(wording.plain(m1)) (\(wording.plain(s1)))", wording.plain(n1), "\(wording.plain(m2)) (\(wording.plain(s2)))", wording.plain(n2)]
                : [wording.plain(m1), wording.plain(s1), wording.plain(n1), wording.plain(m2), wording.plain(s2), wording.plain(n2)]
        default:
            return Array(repeating: "", count: count)
        }
    }

    /// The arm columns' totals for a pooled row (events go on their own row, as in RevMan).
    func totalCells(_ totals: ForestData.Totals?) -> [String] {
        let count = armHeaders.count
        guard let totals else { return Array(repeating: "", count: count) }
        switch data.armColumns {
        case .binary:
            return settings.compact
                ? ["\(wording.plain(totals.experimental))", "\(wording.plain(totals.control))"]
                : ["", wording.plain(totals.experimental), "", wording.plain(totals.control)]
        case .continuous:
            return settings.compact
                ? ["", wording.plain(totals.experimental), "", wording.plain(totals.control)]
                : ["", "", wording.plain(totals.experimental), "", "", wording.plain(totals.control)]
        case .none:
            return []
        }
    }

    func eventCells(_ totals: ForestData.Totals) -> [String] {
        guard data.armColumns == .binary, let e1 = totals.experimentalEvents, let e2 = totals.controlEvents else {
            return Array(repeating: "", count: armHeaders.count)
        }
        return settings.compact ? [wording.plain(e1), wording.plain(e2)] : [wording.plain(e1), "", wording.plain(e2), ""]
    }

    var armHeaders: [String] {
        switch data.armColumns {
        case .binary: return settings.compact ? ["Events/Total", "Events/Total"] : ["Events", "Total", "Events", "Total"]
        case .continuous: return settings.compact ? ["Mean (SD)", "Total", "Mean (SD)", "Total"] : ["Mean", "SD", "Total", "Mean", "SD", "Total"]
        case .none: return []
        }
    }

    /// Where the three parts of an estimate set in `font` end: each part is right-aligned to the
    /// widest of its kind in that font, one space apart, the last at the column's right edge.
    func effectRights(_ f: Font) -> [Double] {
        let widths = effectPartWidths[f] ?? [0, 0, 0]
        let space = style.width(" ", f)
        let right = effectColumn.x + effectColumn.width
        return [right - widths[2] - widths[1] - 2 * space, right - widths[2] - space, right]
    }

    /// An estimate as one text ("0.41 [0.13, 1.26]") set in three pieces, each right-aligned in
    /// its place so numbers and brackets line up down the column; one `<text>` in SVG.
    func effectText(_ estimate: ForestData.Estimate, font f: Font, baseline: Double, parts: Range<Int> = 0..<3) -> SceneText {
        let texts = effectCells(estimate), rights = effectRights(f)
        let runs = parts.map { i in TextRun((i == parts.lowerBound ? "" : " ") + texts[i], x: rights[i]) }
        return SceneText(runs: runs, baseline: baseline, font: f, color: style.textColor, measurer: style.measurer)
    }

    /// The estimate as three right-aligned parts: "0.41", "[0.13,", "1.26]".
    func effectCells(_ estimate: ForestData.Estimate?) -> [String] {
        guard let estimate else { return ["", "", ""] }
        return [wording.number(data.natural(estimate.value)), "[\(wording.number(data.natural(estimate.lower))),",
                "\(wording.number(data.natural(estimate.upper)))]"]
    }

    // MARK: Build

    mutating func build() {
        let margin = style.margin
        maxWeight = data.allStudies.compactMap(\.weight).max() ?? 0
        // 1. Widths from measured text.
        var armWidths = armHeaders.map { style.width($0, bold) }
        var weightWidth = data.hasWeights ? style.width("Weight", bold) : 0
        var effectWidths: [Font: [Double]] = [font: [0, 0, 0], bold: [0, 0, 0]]
        var extraWidths = data.extraHeaders.map { style.width($0, bold) }
        var longestLabel = style.width(data.labelHeader, bold)
        func widen(_ widths: inout [Double], _ cells: [String], _ f: Font) {
            for (i, cell) in cells.enumerated() where i < widths.count { widths[i] = max(widths[i], style.width(cell, f)) }
        }
        for group in data.groups {
            if let title = group.title { longestLabel = max(longestLabel, style.width(title, bold)) }
            for study in group.studies {
                longestLabel = max(longestLabel, style.width(study.label, font))
                widen(&armWidths, armCells(study.data), font)
                if let w = study.weight { weightWidth = max(weightWidth, style.width(wording.weight(w), font)) }
                widen(&effectWidths[font, default: [0, 0, 0]], effectCells(study.estimate), font)
                widen(&extraWidths, study.extra, font)
            }
            for pooled in group.pooled {
                measurePooled(pooled, &armWidths, &weightWidth, &effectWidths, &longestLabel)
                widen(&extraWidths, pooled.extra, bold)
            }
        }
        for pooled in data.overall {
            measurePooled(pooled, &armWidths, &weightWidth, &effectWidths, &longestLabel)
            widen(&extraWidths, pooled.extra, bold)
        }
        // "Not estimable" and the prediction interval also sit in the effect column.
        var effectTotal = effectWidths.map { f, widths in widths.reduce(0, +) + 2 * style.width(" ", f) }.max() ?? 0
        for note in data.allStudies.compactMap(\.note) { effectTotal = max(effectTotal, style.width(note, font)) }
        let methodWidth = style.width(data.methodLabel, bold)
        let effectHeaderWidth = max(style.width(data.effectName, bold), methodWidth)
        effectTotal = max(effectTotal, effectHeaderWidth)
        effectPartWidths = effectWidths

        // Arm headers span their sub-columns; widen the sub-columns if an arm name is wider.
        let perArm = armHeaders.count / 2
        let armNames = [data.arms.experimental, data.arms.control]
        if perArm > 0 {
            for arm in 0..<2 {
                let range = (arm * perArm)..<((arm + 1) * perArm)
                let span = range.reduce(0) { $0 + armWidths[$1] } + gap * Double(perArm - 1)
                let need = min(style.width(armNames[arm], bold), 160)
                if need > span {
                    for i in range { armWidths[i] += (need - span) / Double(perArm) }
                }
            }
        }

        // 2. The label column and the plot share what a requested width leaves.
        let robCount = robDomains.count
        let robCell = line * 0.95
        let robWidth = robCount == 0 ? 0 : Double(robCount) * robCell + gap
        var labelLimit = min(longestLabel, settings.maximumLabelWidth)
        // Everything but the labels and the plot: the columns with their gaps, the half gap before
        // the plot, the risk-of-bias columns and the margins.
        let fixed = armWidths.reduce(0, +) + gap * Double(armWidths.count) + (data.hasWeights ? weightWidth + gap : 0)
            + effectTotal + gap + robWidth + 2 * margin + gap + gap / 2 + extraWidths.reduce(0) { $0 + $1 + gap }
        var plotWidth = settings.plotWidth
        if let target = settings.width {
            // `plotReduction` gives back what reached past the width on an earlier try (the last
            // tick label centred on the plot's edge, a header wider than its column).
            plotWidth = target - fixed - labelLimit - plotReduction
            let minimumPlot = Self.minimumPlotWidth
            if plotWidth < minimumPlot {
                // Wrap labels harder before squeezing the plot.
                labelLimit = max(min(longestLabel, 90), labelLimit - (minimumPlot - plotWidth))
                plotWidth = max(minimumPlot, target - fixed - labelLimit - plotReduction)
            }
        }
        self.plotWidth = plotWidth
        labelWidth = max(labelLimit, style.width(data.labelHeader, bold))

        // 3. Column positions.
        var x = margin
        labelX = x
        x += labelWidth + gap
        for (i, header) in armHeaders.enumerated() {
            armColumns.append((x, armWidths[i], header))
            x += armWidths[i] + gap
        }
        if perArm > 0 {
            for arm in 0..<2 {
                let first = armColumns[arm * perArm], last = armColumns[(arm + 1) * perArm - 1]
                armGroups.append((first.x, last.x + last.width - first.x, armNames[arm]))
            }
        }
        if data.hasWeights {
            weightColumn = (x, weightWidth)
            x += weightWidth + gap
        }
        effectColumn = (x, effectTotal)
        x += effectTotal + gap
        for (header, width) in zip(data.extraHeaders, extraWidths) {
            extraColumns.append((x, width, header))
            x += width + gap
        }
        plotLeft = x + gap / 2
        plotRight = plotLeft + plotWidth
        x = plotRight + gap
        for domain in robDomains {
            robColumns.append((x + robCell / 2, domain))
            x += robCell
        }
        contentRight = robDomains.isEmpty ? plotRight : x

        // 4. The axis.
        var core: [Double] = [], extent: [Double] = []
        for study in data.allStudies {
            if let e = study.estimate { core.append(e.value); extent += [e.lower, e.upper] }
        }
        for pooled in data.groups.flatMap(\.pooled) + data.overall {
            core += [pooled.estimate.value, pooled.estimate.lower, pooled.estimate.upper]
            if let p = pooled.prediction { extent += [p.lower, p.upper] }
        }
        axis = EffectAxis(isRatio: data.isRatio, core: core, extent: extent + core, limits: settings.limits,
                          left: plotLeft, right: plotRight, minusSign: style.theme.trueMinus ? .unicode : .hyphen)

        // 5. Rows, top to bottom.
        var y = margin
        if let title = settings.title {
            let lines = style.measurer.wrap(title, font: style.titleFont, maxWidth: max(200, contentRight - margin))
            for text in lines {
                y += style.theme.titleSize * 1.3
                items.append(.text(style.text(text, x: margin, baseline: y, font: style.titleFont)))
            }
            y += line * 0.5
        }
        y = placeHeader(top: y)
        let bodyTop = y
        var lastBodyBottom = y
        for (index, group) in data.groups.enumerated() {
            if index > 0 || group.title != nil { y += index > 0 ? line * 0.5 : 0 }
            if let title = group.title {
                y = placeGroupTitle(title, top: y)
            }
            for study in group.studies { y = placeStudy(study, top: y) }
            for pooled in group.pooled { y = placePooled(pooled, top: y) }
            lastBodyBottom = y
            for note in group.notes { y = placeNote(note, top: y) }
        }
        if !data.overall.isEmpty { y += line * 0.5 }
        for pooled in data.overall {
            y = placePooled(pooled, top: y)
            lastBodyBottom = y
        }

        // 6. The no-effect line, then the axis under the plot with the overall notes beside it
        //    on the left, as RevMan prints them.
        let stroke = style.stroke
        let nullX = axis.x(axis.null)
        items.insert(.line(from: Point(x: nullX, y: bodyTop), to: Point(x: nullX, y: lastBodyBottom),
                           stroke: .solid(style.theme.lineWidth, color: style.color(style.theme.colors.referenceLine))), at: 0)
        let footerTop = y + line * 0.3
        var notesBottom = footerTop
        for note in data.overallNotes { notesBottom = placeNote(note, top: notesBottom) }
        let axisY = footerTop
        items.append(.line(from: Point(x: plotLeft, y: axisY), to: Point(x: plotRight, y: axisY), stroke: stroke))
        var tickCells: [SceneText] = []
        var lastTickRight = -Double.infinity
        for tick in axis.ticks {
            let tx = axis.x(tick.value)
            items.append(.line(from: Point(x: tx, y: axisY), to: Point(x: tx, y: axisY + 3), stroke: stroke))
            let label = style.text(tick.label, x: tx, baseline: axisY + 3 + style.theme.smallSize * 1.05, font: small, anchor: .middle)
            // Labels that would collide are left out (the tick stays).
            if label.frame.minX > lastTickRight + 2 {
                tickCells.append(label)
                lastTickRight = label.frame.maxX
            }
        }
        items += tickCells.map { .text($0) }
        y = axisY + 3 + style.smallLineHeight + 2
        rows.append(.init(kind: .axis, label: "axis", top: axisY, height: y - axisY, cells: tickCells, marker: nil))
        if let favours = data.favours {
            y = placeFavours(favours, top: y)
        }
        y = max(y, notesBottom)

        // 7. Legends: risk-of-bias domains, then the judgements drawn, with the marks the
        //    risk-of-bias figures use.
        var right = max(contentRight, plotRight) + margin
        if let tool = data.riskOfBiasTool, !robColumns.isEmpty {
            y += line * 0.4
            let width = right - 2 * margin
            for text in style.measurer.wrap(riskOfBiasDomainLegend(tool), font: small, maxWidth: width) {
                y += style.smallLineHeight
                items.append(.text(style.text(text, x: margin, baseline: y - style.theme.smallSize * 0.3, font: small)))
            }
            let marks = JudgementMarks(tool: tool, style: style)
            let used = Set(data.allStudies.flatMap(riskOfBiasValues))
            let key = RiskOfBiasLegend(style: style, marks: marks)
                .judgements(marks.legendJudgements(used: used), mark: .circle, x: margin, top: y + 2, maxWidth: width)
            items += key.items
            y = key.bottom
        }
        // Notes may be wider than the columns: the figure grows to hold them.
        for text in items.compactMap({ if case .text(let t) = $0 { return t } else { return nil } }) {
            right = max(right, text.frame.maxX + margin)
        }
        for row in rows { for cell in row.cells { right = max(right, cell.frame.maxX + margin) } }
        size = Size(width: (right).rounded(toPlaces: 2), height: (y + margin).rounded(toPlaces: 2))
    }

    mutating func measurePooled(_ pooled: ForestData.PooledRow, _ armWidths: inout [Double], _ weightWidth: inout Double,
                                _ effectWidths: inout [Font: [Double]], _ longestLabel: inout Double) {
        longestLabel = max(longestLabel, style.width(pooled.label, bold))
        for (i, cell) in totalCells(pooled.totals).enumerated() where i < armWidths.count {
            armWidths[i] = max(armWidths[i], style.width(cell, bold))
        }
        if let totals = pooled.totals {
            longestLabel = max(longestLabel, style.width("Total events", font))
            for (i, cell) in eventCells(totals).enumerated() where i < armWidths.count {
                armWidths[i] = max(armWidths[i], style.width(cell, font))
            }
        }
        if let w = pooled.weight { weightWidth = max(weightWidth, style.width(wording.weight(w), bold)) }
        for (i, cell) in effectCells(pooled.estimate).enumerated() {
            effectWidths[bold, default: [0, 0, 0]][i] = max(effectWidths[bold, default: [0, 0, 0]][i], style.width(cell, bold))
        }
        if let p = pooled.prediction {
            longestLabel = max(longestLabel, style.width("Prediction interval", font))
            for (i, cell) in effectCells(ForestData.Estimate(p.lower, p.lower, p.upper)).enumerated() where i > 0 {
                effectWidths[font, default: [0, 0, 0]][i] = max(effectWidths[font, default: [0, 0, 0]][i], style.width(cell, font))
            }
        }
    }

    var robDomains: [String] {
        guard settings.showRiskOfBias, let tool = data.riskOfBiasTool else { return [] }
        let hasOverall = data.allStudies.contains { $0.overall != nil }
        return tool.domains.map(\.short) + (hasOverall ? ["Overall"] : [])
    }

    /// "Risk of bias (RoB 2): D1 Bias arising from the randomization process; D2 …".
    func riskOfBiasDomainLegend(_ tool: RiskOfBiasTool) -> String {
        "Risk of bias\(tool.titleSuffix): " + tool.domains.map { "\($0.short) \($0.name)" }.joined(separator: "; ")
    }

    /// The judgements drawn in a study's risk-of-bias columns, domains then overall (nil: not
    /// applicable); none for a study without judgements, which gets no circles.
    func riskOfBiasValues(_ study: ForestData.StudyRow) -> [Judgement?] {
        guard let judgements = study.judgements else { return [] }
        let hasOverall = robColumns.last?.header == "Overall"
        let domains = robColumns.count - (hasOverall ? 1 : 0)
        var values: [Judgement?] = Array(judgements.prefix(domains))
        values += Array(repeating: nil, count: domains - values.count)
        if hasOverall { values.append(study.overall) }
        return values
    }

    // MARK: Rows

    /// The baseline of a single line of text in a row starting at `top`.
    func baseline(_ top: Double, lineIndex: Int = 0) -> Double {
        top + Double(lineIndex) * line + line * 0.72
    }

    mutating func placeHeader(top: Double) -> Double {
        var cells: [SceneText] = []
        // Row 1: arm names over their columns, the effect name over its text and plot, "Risk of bias".
        var y1Lines = 1
        var wrappedArms: [[String]] = []
        for group in armGroups {
            let lines = style.measurer.wrap(group.title, font: bold, maxWidth: max(group.width, 30))
            wrappedArms.append(lines)
            y1Lines = max(y1Lines, lines.count)
        }
        let row2Top = top + Double(y1Lines) * line
        for (group, lines) in zip(armGroups, wrappedArms) {
            for (i, text) in lines.enumerated() {
                let y = baseline(row2Top - Double(lines.count - i) * line)
                cells.append(style.text(text, x: group.x + group.width / 2, baseline: y, font: bold, anchor: .middle))
            }
        }
        let effectLeft = effectColumn.x, effectRight = effectColumn.x + effectColumn.width
        let effectBase = baseline(row2Top - line)
        cells.append(style.text(data.effectName, x: (effectLeft + effectRight) / 2, baseline: effectBase, font: bold, anchor: .middle))
        cells.append(style.text(data.effectName, x: (plotLeft + plotRight) / 2, baseline: effectBase, font: bold, anchor: .middle))
        if !robColumns.isEmpty, let first = robColumns.first, let last = robColumns.last {
            cells.append(style.text("Risk of bias", x: (first.x + last.x) / 2, baseline: effectBase, font: bold, anchor: .middle))
        }
        // Row 2: column names.
        let y2 = baseline(row2Top)
        cells.append(style.text(data.labelHeader, x: labelX, baseline: y2, font: bold))
        for column in armColumns {
            cells.append(style.text(column.header, x: column.x + column.width, baseline: y2, font: bold, anchor: .end))
        }
        if let weight = weightColumn {
            cells.append(style.text("Weight", x: weight.x + weight.width, baseline: y2, font: bold, anchor: .end))
        }
        cells.append(style.text(data.methodLabel, x: (effectLeft + effectRight) / 2, baseline: y2, font: bold, anchor: .middle))
        for column in extraColumns {
            cells.append(style.text(column.header, x: column.x + column.width, baseline: y2, font: bold, anchor: .end))
        }
        cells.append(style.text(data.methodLabel, x: (plotLeft + plotRight) / 2, baseline: y2, font: bold, anchor: .middle))
        for column in robColumns {
            cells.append(style.text(column.header == "Overall" ? "O" : column.header, x: column.x, baseline: y2,
                                    font: small.bold, anchor: .middle))
        }
        let bottom = row2Top + line
        items += cells.map { .text($0) }
        items.append(.line(from: Point(x: labelX, y: bottom + 1), to: Point(x: max(contentRight, plotRight), y: bottom + 1),
                           stroke: .solid(style.theme.lineWidth * 0.6, color: style.mutedColor)))
        rows.append(.init(kind: .header, label: data.labelHeader, top: top, height: bottom - top, cells: cells, marker: nil))
        return bottom + 3
    }

    mutating func placeGroupTitle(_ title: String, top: Double) -> Double {
        let lines = style.measurer.wrap(title, font: bold, maxWidth: max(labelWidth, plotRight - labelX))
        var cells: [SceneText] = []
        for (i, text) in lines.enumerated() {
            cells.append(style.text(text, x: labelX, baseline: baseline(top, lineIndex: i), font: bold,
                                    color: style.color(style.theme.colors.heading)))
        }
        items += cells.map { .text($0) }
        let height = Double(lines.count) * line
        rows.append(.init(kind: .groupTitle, label: title, top: top, height: height, cells: cells, marker: nil))
        return top + height
    }

    mutating func placeStudy(_ study: ForestData.StudyRow, top: Double) -> Double {
        let labelLines = style.measurer.wrap(study.label, font: font, maxWidth: labelWidth)
        let height = Double(max(1, labelLines.count)) * line
        let y = baseline(top)
        var cells: [SceneText] = []
        for (i, text) in labelLines.enumerated() {
            cells.append(style.text(text, x: labelX, baseline: baseline(top, lineIndex: i), font: font))
        }
        for (column, text) in zip(armColumns, armCells(study.data)) where !text.isEmpty {
            cells.append(style.text(text, x: column.x + column.width, baseline: y, font: font, anchor: .end))
        }
        if let weight = weightColumn, let w = study.weight, study.estimate != nil {
            cells.append(style.text(wording.weight(w), x: weight.x + weight.width, baseline: y, font: font, anchor: .end))
        }
        if let note = study.note, study.estimate == nil {
            let right = effectColumn.x + effectColumn.width
            cells.append(style.text(note, x: right, baseline: y, font: font, color: style.mutedColor, anchor: .end))
        } else {
            if let estimate = study.estimate { cells.append(effectText(estimate, font: font, baseline: y)) }
        }
        for (column, text) in zip(extraColumns, study.extra) where !text.isEmpty {
            cells.append(style.text(text, x: column.x + column.width, baseline: y, font: font, anchor: .end))
        }
        var marks: [SceneItem] = []
        var marker: (Point, Double)?
        let midY = top + line / 2
        if let estimate = study.estimate {
            marks += ciLine(estimate, y: midY, color: style.color(style.theme.colors.ciLine))
            let side: Double
            if let w = study.weight, maxWeight > 0 {
                side = max(line * 0.22, line * 0.85 * (w / maxWeight).squareRoot())
            } else {
                side = line * 0.45
            }
            if axis.contains(estimate.value) {
                let center = Point(x: axis.x(estimate.value), y: midY)
                marks.append(.rectangle(Rect(x: center.x - side / 2, y: center.y - side / 2, width: side, height: side),
                                        fill: style.color(style.theme.colors.study), stroke: nil))
                marker = (center, side)
            }
        }
        marks += riskOfBiasMarks(study, midY: midY)
        let tooltip = tooltipText(study)
        items.append(.group(title: tooltip, link: nil, items: cells.map { .text($0) } + marks))
        rows.append(.init(kind: .study, label: study.label, top: top, height: height, cells: cells, marker: marker))
        return top + height
    }

    func tooltipText(_ study: ForestData.StudyRow) -> String {
        var text = study.label
        if let e = study.estimate {
            text += ": \(data.effectName) \(wording.estimate(data.natural(e.value), data.natural(e.lower), data.natural(e.upper)))"
            if let w = study.weight { text += ", weight \(wording.weight(w))" }
        } else if let note = study.note {
            text += ": \(note.lowercased())"
        }
        return text
    }

    /// A CI line, with an arrow at each end that runs past the axis.
    func ciLine(_ estimate: ForestData.Estimate, y: Double, color: Color) -> [SceneItem] {
        let stroke = StrokeStyle.solid(style.theme.lineWidth, color: color)
        let (lowX, lowClamped) = axis.clampedX(estimate.lower)
        let (highX, highClamped) = axis.clampedX(estimate.upper)
        // An interval wholly off one side is drawn as an arrow at that edge.
        if estimate.upper < axis.domain.lowerBound || estimate.lower > axis.domain.upperBound {
            let edge = estimate.upper < axis.domain.lowerBound ? plotLeft : plotRight
            let direction: Double = edge == plotLeft ? -1 : 1
            return [.line(from: Point(x: edge - direction * 8, y: y), to: Point(x: edge, y: y), stroke: stroke),
                    arrowHead(at: Point(x: edge, y: y), direction: direction, color: color)]
        }
        var marks: [SceneItem] = [.line(from: Point(x: lowX, y: y), to: Point(x: highX, y: y), stroke: stroke)]
        if lowClamped { marks.append(arrowHead(at: Point(x: lowX, y: y), direction: -1, color: color)) }
        if highClamped { marks.append(arrowHead(at: Point(x: highX, y: y), direction: 1, color: color)) }
        return marks
    }

    func arrowHead(at tip: Point, direction: Double, color: Color) -> SceneItem {
        let length = line * 0.35, half = line * 0.17
        return .polygon([tip, Point(x: tip.x - direction * length, y: tip.y - half),
                         Point(x: tip.x - direction * length, y: tip.y + half)], fill: color, stroke: nil)
    }

    func riskOfBiasMarks(_ study: ForestData.StudyRow, midY: Double) -> [SceneItem] {
        guard !robColumns.isEmpty, let tool = data.riskOfBiasTool, study.judgements != nil else { return [] }
        var marks: [SceneItem] = []
        let values = riskOfBiasValues(study)
        let radius = line * 0.36
        // Symbols and colours come from the risk-of-bias figures' shared marks.
        let judgementMarks = JudgementMarks(tool: tool, style: style)
        for (column, judgement) in zip(robColumns, values) {
            let center = Point(x: column.x, y: midY)
            let name = column.header == "Overall" ? "Overall" : (tool.domains.first { $0.short == column.header }?.name ?? column.header)
            let title = "\(name): \(judgement.map(tool.label(for:)) ?? "not applicable")"
            marks.append(.group(title: title, link: nil,
                                items: judgementMarks.circle(judgement, center: center, radius: radius, font: small.bold, style: style)))
        }
        return marks
    }

    mutating func placePooled(_ pooled: ForestData.PooledRow, top: Double) -> Double {
        let labelFont = bold
        let labelLines = style.measurer.wrap(pooled.label, font: labelFont, maxWidth: labelWidth)
        let height = Double(max(1, labelLines.count)) * line
        let y = baseline(top)
        var cells: [SceneText] = []
        for (i, text) in labelLines.enumerated() {
            cells.append(style.text(text, x: labelX, baseline: baseline(top, lineIndex: i), font: labelFont))
        }
        for (column, text) in zip(armColumns, totalCells(pooled.totals)) where !text.isEmpty {
            cells.append(style.text(text, x: column.x + column.width, baseline: y, font: bold, anchor: .end))
        }
        if let weight = weightColumn, let w = pooled.weight {
            cells.append(style.text(wording.weight(w), x: weight.x + weight.width, baseline: y, font: bold, anchor: .end))
        }
        cells.append(effectText(pooled.estimate, font: bold, baseline: y))
        for (column, text) in zip(extraColumns, pooled.extra) where !text.isEmpty {
            cells.append(style.text(text, x: column.x + column.width, baseline: y, font: bold, anchor: .end))
        }
        var marks = diamond(pooled.estimate, midY: top + line / 2)
        rows.append(.init(kind: .pooled, label: pooled.label, top: top, height: height, cells: cells, marker: nil))
        let tooltip = "\(pooled.label): \(data.effectName) \(wording.estimate(data.natural(pooled.estimate.value), data.natural(pooled.estimate.lower), data.natural(pooled.estimate.upper)))"
        items.append(.group(title: tooltip, link: nil, items: cells.map { .text($0) } + marks))
        marks = []
        var bottom = top + height
        if let totals = pooled.totals, data.armColumns == .binary, totals.experimentalEvents != nil {
            let eventTop = bottom
            var eventCellsPlaced: [SceneText] = [style.text("Total events", x: labelX, baseline: baseline(eventTop), font: font)]
            for (column, text) in zip(armColumns, eventCells(totals)) where !text.isEmpty {
                eventCellsPlaced.append(style.text(text, x: column.x + column.width, baseline: baseline(eventTop), font: font, anchor: .end))
            }
            items += eventCellsPlaced.map { .text($0) }
            rows.append(.init(kind: .totalEvents, label: "Total events", top: eventTop, height: line, cells: eventCellsPlaced, marker: nil))
            bottom += line
        }
        if let prediction = pooled.prediction {
            bottom = placePrediction(prediction, top: bottom)
        }
        return bottom
    }

    mutating func placePrediction(_ interval: (lower: Double, upper: Double), top: Double) -> Double {
        let y = baseline(top)
        var cells = [style.text("Prediction interval", x: labelX, baseline: y, font: font)]
        cells.append(effectText(ForestData.Estimate(interval.lower, interval.lower, interval.upper), font: font, baseline: y,
                                parts: 1..<3))
        let color = style.color(style.theme.colors.prediction)
        let midY = top + line / 2
        var marks = ciLine(ForestData.Estimate((interval.lower + interval.upper) / 2, interval.lower, interval.upper),
                           y: midY, color: color)
        // End caps mark the interval's limits where they lie on the axis.
        for value in [interval.lower, interval.upper] where axis.contains(value) {
            let x = axis.x(value)
            marks.append(.line(from: Point(x: x, y: midY - line * 0.2), to: Point(x: x, y: midY + line * 0.2),
                               stroke: .solid(style.theme.lineWidth, color: color)))
        }
        let tooltip = "Prediction interval: \(wording.number(data.natural(interval.lower))) to \(wording.number(data.natural(interval.upper)))"
        items.append(.group(title: tooltip, link: nil, items: cells.map { .text($0) } + marks))
        rows.append(.init(kind: .prediction, label: "Prediction interval", top: top, height: line, cells: cells, marker: nil))
        return top + line
    }

    /// A diamond spanning the CI, its centre at the estimate; parts beyond the axis are cut off
    /// and marked with an arrow.
    func diamond(_ estimate: ForestData.Estimate, midY: Double) -> [SceneItem] {
        let half = line * 0.36
        let color = style.color(style.theme.colors.diamond)
        let (low, lowClamped) = axis.clampedX(estimate.lower)
        let (high, highClamped) = axis.clampedX(estimate.upper)
        let center = min(max(axis.x(estimate.value), low), high)
        var marks: [SceneItem] = [.polygon([Point(x: low, y: midY), Point(x: center, y: midY - half),
                                            Point(x: high, y: midY), Point(x: center, y: midY + half)],
                                           fill: color, stroke: .solid(style.theme.lineWidth * 0.5, color: color))]
        if lowClamped { marks.append(arrowHead(at: Point(x: low - line * 0.1, y: midY), direction: -1, color: color)) }
        if highClamped { marks.append(arrowHead(at: Point(x: high + line * 0.1, y: midY), direction: 1, color: color)) }
        return marks
    }

    mutating func placeNote(_ note: String, top: Double) -> Double {
        // Notes stay left of the plot (the axis sits beside the last ones); longer ones wrap, only
        // between statements, so a statistic such as "I² = 24%" is never split.
        let maxWidth = max(plotLeft - gap - labelX, 160)
        let lines = style.measurer.wrap(units: StatementUnits.units(note), font: small, maxWidth: maxWidth)
        var cells: [SceneText] = []
        for (i, text) in lines.enumerated() {
            cells.append(style.text(text, x: labelX, baseline: top + Double(i) * style.smallLineHeight + style.smallLineHeight * 0.72,
                                    font: small))
        }
        items += cells.map { .text($0) }
        let height = Double(lines.count) * style.smallLineHeight
        rows.append(.init(kind: .note, label: note, top: top, height: height, cells: cells, marker: nil))
        return top + height
    }

    mutating func placeFavours(_ favours: Favours, top: Double) -> Double {
        let nullX = axis.x(axis.null)
        let leftWidth = max(nullX - plotLeft - 4, 40), rightWidth = max(plotRight - nullX - 4, 40)
        let leftLines = style.measurer.wrap(favours.left, font: small, maxWidth: leftWidth)
        let rightLines = style.measurer.wrap(favours.right, font: small, maxWidth: rightWidth)
        var cells: [SceneText] = []
        for (i, text) in leftLines.enumerated() {
            cells.append(style.text(text, x: nullX - 4, baseline: top + Double(i) * style.smallLineHeight + style.smallLineHeight * 0.72,
                                    font: small, anchor: .end))
        }
        for (i, text) in rightLines.enumerated() {
            cells.append(style.text(text, x: nullX + 4, baseline: top + Double(i) * style.smallLineHeight + style.smallLineHeight * 0.72,
                                    font: small, anchor: .start))
        }
        items += cells.map { .text($0) }
        let height = Double(max(leftLines.count, rightLines.count)) * style.smallLineHeight
        rows.append(.init(kind: .note, label: "favours", top: top, height: height, cells: cells, marker: nil))
        return top + height
    }
}
