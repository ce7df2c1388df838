import Foundation
import Graphics
import ReviewKit

/// Lays out the traffic-light plot: a row per study (its label wrapped, never turned), a column
/// per domain and one for the overall judgement, a circle with the judgement's colour and symbol in
/// every cell, then the domain key and the judgement key. Sizes come from measured text.
public struct TrafficLightLayout {
    /// How the figure is laid out.
    public struct Settings: Sendable {
        /// Total width in points; nil fits the content.
        public var width: Double?
        /// A title above the figure.
        public var title: String?
        /// Draw the Overall column (nil: when any study has an overall judgement).
        public var showOverall: Bool?
        /// The judgement colours: the theme's or one of robvis's schemes.
        public var scheme: RiskOfBiasScheme = .theme
        /// Widest study label before it wraps (points) when the width is automatic.
        public var maximumLabelWidth: Double = 170

        /// The default settings.
        public init() {}
    }

    /// One circle: which study and column, the judgement (nil: not applicable) and how it is drawn.
    public struct Cell: Sendable {
        /// The study's label.
        public var study: String
        /// The column's caption ("D1", …, "Overall").
        public var column: String
        /// The judgement; nil for not applicable.
        public var judgement: Judgement?
        /// The circle's centre.
        public var center: Point
        /// The circle's radius.
        public var radius: Double
        /// The symbol inside the circle (see `JudgementMarks.symbol(for:)`).
        public var symbol: String
        /// The circle's fill.
        public var fill: Color
    }

    /// Every circle, study by study.
    public private(set) var cells: [Cell] = []
    /// The column captions in order.
    public private(set) var columns: [String] = []
    /// The laid-out figure.
    public private(set) var scene: Scene

    /// Lays out `assessment`; throws `FigureError` when a requested width is too narrow for the columns.
    public init(_ assessment: RiskOfBiasAssessment, style: FigureStyle, settings: Settings = Settings()) throws {
        let marks = JudgementMarks(tool: assessment.tool, style: style, scheme: settings.scheme)
        var builder = TrafficLightBuilder(assessment: assessment, style: style, settings: settings, marks: marks)
        try builder.build()
        cells = builder.cells
        columns = builder.columnCaptions
        scene = Scene(size: builder.size, title: settings.title ?? "Risk of bias\(assessment.tool.titleSuffix)",
                      description: Self.describe(assessment, marks: marks, showOverall: builder.showOverall), items: builder.items)
    }

    /// Alt text: what is drawn and how the overall (or, without one, each domain's) judgements fall.
    static func describe(_ assessment: RiskOfBiasAssessment, marks: JudgementMarks, showOverall: Bool) -> String {
        let tool = assessment.tool
        let n = assessment.studies.count
        var text = "Traffic-light plot of risk of bias\(tool.titleSuffix) for \(n) \(n == 1 ? "study" : "studies") across \(tool.domains.count) \(tool.domains.count == 1 ? "domain" : "domains")"
        if showOverall {
            let counts = marks.legendJudgements(used: Set(assessment.studies.map(\.overall))).compactMap { judgement -> String? in
                let count = assessment.studies.filter { $0.overall == judgement }.count
                return count == 0 ? nil : "\(count) \(marks.label(for: judgement).lowercased())"
            }
            text += ". Overall: " + counts.joined(separator: ", ")
        }
        return text + "."
    }
}

/// The measuring and placing behind `TrafficLightLayout`.
private struct TrafficLightBuilder {
    let assessment: RiskOfBiasAssessment
    let style: FigureStyle
    let settings: TrafficLightLayout.Settings
    let marks: JudgementMarks

    var cells: [TrafficLightLayout.Cell] = []
    var items: [SceneItem] = []
    var size = Size(width: 0, height: 0)
    var columnCaptions: [String] = []
    var showOverall = false

    var tool: RiskOfBiasTool { assessment.tool }
    var margin: Double { style.margin }

    mutating func build() throws {
        let font = style.font, bold = style.boldFont
        showOverall = settings.showOverall ?? assessment.hasOverall
        columnCaptions = tool.domains.map(\.short) + (showOverall ? ["Overall"] : [])

        // Columns: wide enough for the circle and the caption.
        let radius = (style.theme.fontSize * 0.8).rounded(toPlaces: 2)
        let symbolFont = Font(family: style.theme.fontFamily, size: (radius * 1.35).rounded(toPlaces: 2), weight: .bold)
        let gap = style.columnGap * 0.5
        var columnWidths = columnCaptions.map { max(2 * radius + gap, style.width($0, bold) + gap) }
        // A group heading's longest word must fit over its columns, or they widen to hold it.
        let groups = domainGroups()
        for group in groups {
            let longestWord = group.name.split(separator: " ").map { style.width(String($0), style.smallFont.bold) }.max() ?? 0
            let span = group.range.map { columnWidths[$0] }.reduce(0, +)
            if span < longestWord + 6 {
                let extra = (longestWord + 6 - span) / Double(group.range.count)
                for index in group.range { columnWidths[index] += extra }
            }
        }
        let gridWidth = columnWidths.reduce(0, +)

        // The label column: the longest label up to the maximum, or what a requested width leaves.
        let studyHeader = "Study"
        let longest = assessment.studies.map { style.width($0.study, font) }.max() ?? 0
        var labelWidth = min(max(longest, style.width(studyHeader, bold)), settings.maximumLabelWidth)
        if let width = settings.width {
            let available = width - 2 * margin - gridWidth - style.columnGap
            let needed = max(style.width("Study 1000", font), 40)
            guard available >= needed else {
                let millimetres = ((2 * margin + gridWidth + style.columnGap + needed) * 25.4 / 72).rounded(.up)
                throw FigureError("the width is too narrow for \(columnCaptions.count) columns of judgements; use at least \(Wording().plain(millimetres)) mm, or auto")
            }
            labelWidth = available
        }
        let labelX = margin
        let gridX = labelX + labelWidth + style.columnGap
        var centers: [Double] = []
        var x = gridX
        for width in columnWidths {
            centers.append(x + width / 2)
            x += width
        }
        let gridRight = x
        var y = margin

        // Title.
        if let title = settings.title {
            for line in style.measurer.wrap(title, font: style.titleFont, maxWidth: max(gridRight - margin, 200)) {
                y += style.theme.titleSize * 1.4
                items.append(.text(style.text(line, x: margin, baseline: y - style.theme.titleSize * 0.35, font: style.titleFont)))
            }
            y += style.lineHeight * 0.4
        }

        // Group headings over their columns (QUADAS-2's two parts).
        if !groups.isEmpty {
            var lowest = y
            for group in groups {
                let left = centers[group.range.lowerBound] - columnWidths[group.range.lowerBound] / 2
                let right = centers[group.range.upperBound] + columnWidths[group.range.upperBound] / 2
                let lines = style.measurer.wrap(group.name, font: style.smallFont.bold, maxWidth: right - left - 2)
                var lineY = y
                for line in lines {
                    lineY += style.smallLineHeight
                    items.append(.text(style.text(line, x: (left + right) / 2, baseline: lineY - style.smallLineHeight * 0.28,
                                                  font: style.smallFont.bold, anchor: .middle)))
                }
                lineY += 2
                items.append(.line(from: Point(x: left + 2, y: lineY), to: Point(x: right - 2, y: lineY), stroke: style.stroke))
                lowest = max(lowest, lineY)
            }
            y = lowest + 2
        }

        // Header row.
        let headerBaseline = y + style.lineHeight * 0.72
        items.append(.text(style.text(studyHeader, x: labelX, baseline: headerBaseline, font: bold)))
        for (caption, center) in zip(columnCaptions, centers) {
            items.append(.text(style.text(caption, x: center, baseline: headerBaseline, font: bold, anchor: .middle)))
        }
        y += style.lineHeight + 2
        let gridTop = y
        items.append(.line(from: Point(x: labelX, y: y), to: Point(x: gridRight, y: y), stroke: style.stroke))

        // Study rows.
        let minimumRow = max(2 * radius + 4, style.lineHeight)
        let separator = StrokeStyle.solid(0.3, color: Color(white: 0.82))
        var rowItems: [SceneItem] = []
        for (index, study) in assessment.studies.enumerated() {
            let lines = style.measurer.wrap(study.study, font: font, maxWidth: labelWidth)
            let height = max(minimumRow, Double(lines.count) * style.lineHeight + 2)
            let textTop = y + (height - Double(lines.count) * style.lineHeight) / 2
            var group: [SceneItem] = []
            for (i, line) in lines.enumerated() {
                group.append(.text(style.text(line, x: labelX, baseline: textTop + Double(i) * style.lineHeight + style.lineHeight * 0.72, font: font)))
            }
            let values: [Judgement?] = study.judgements + (showOverall ? [study.overall] : [])
            let midY = y + height / 2
            for (column, (judgement, center)) in zip(columnCaptions, zip(values, centers)) {
                let point = Point(x: center, y: midY)
                let name = column == "Overall" ? "Overall" : (tool.domains.first { $0.short == column }.map { "\($0.short) \($0.name)" } ?? column)
                group.append(.group(title: "\(study.study) — \(name): \(marks.label(for: judgement))", link: nil,
                                    items: marks.circle(judgement, center: point, radius: radius, font: symbolFont, style: style)))
                cells.append(.init(study: study.study, column: column, judgement: judgement, center: point, radius: radius,
                                   symbol: marks.symbol(for: judgement), fill: marks.fill(for: judgement)))
            }
            rowItems.append(.group(title: study.study, link: nil, items: group))
            y += height
            if index < assessment.studies.count - 1 {
                rowItems.append(.line(from: Point(x: labelX, y: y), to: Point(x: gridRight, y: y), stroke: separator))
            }
        }
        // The Overall column sits on a light band, as in robvis, so it reads apart from the domains.
        if showOverall, let center = centers.last, let width = columnWidths.last {
            items.append(.rectangle(Rect(x: center - width / 2, y: gridTop, width: width, height: y - gridTop),
                                    fill: Color(white: 0.92), stroke: nil))
        }
        items += rowItems
        items.append(.line(from: Point(x: labelX, y: y), to: Point(x: gridRight, y: y), stroke: style.stroke))

        // Keys: domains, then judgements, wrapped to the figure's width (or a readable minimum).
        let contentRight = gridRight
        let legendWidth = settings.width.map { $0 - 2 * margin } ?? max(contentRight - margin, 330)
        let legend = RiskOfBiasLegend(style: style, marks: marks)
        let domainKey = legend.domains(tool.domains, x: margin, top: y + style.lineHeight * 0.5, maxWidth: legendWidth)
        items += domainKey.items
        let used = Set(assessment.studies.flatMap { $0.judgements + (showOverall ? [$0.overall] : []) })
        let judgementKey = legend.judgements(marks.legendJudgements(used: used), mark: .circle, x: margin,
                                             top: domainKey.bottom + style.lineHeight * 0.5, maxWidth: legendWidth)
        items += judgementKey.items
        var right = max(contentRight, domainKey.right, judgementKey.right)
        for text in Scene(size: .init(width: 0, height: 0), title: "", description: "", items: items).texts {
            right = max(right, text.frame.maxX)
        }
        let width = settings.width ?? (right + margin)
        size = Size(width: width.rounded(toPlaces: 2), height: (judgementKey.bottom + margin).rounded(toPlaces: 2))
    }

    /// Runs of consecutive domains that share a group, with their column indices.
    func domainGroups() -> [(name: String, range: ClosedRange<Int>)] {
        var groups: [(name: String, range: ClosedRange<Int>)] = []
        for (index, domain) in tool.domains.enumerated() {
            guard let name = domain.group else { continue }
            if let last = groups.last, last.name == name, last.range.upperBound == index - 1 {
                groups[groups.count - 1].range = last.range.lowerBound...index
            } else {
                groups.append((name, index...index))
            }
        }
        return groups
    }
}
