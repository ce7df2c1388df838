import Foundation
import Graphics
import ReviewKit

/// Lays out the risk-of-bias summary plot: one horizontal bar per domain, and one for the overall
/// judgement, split into the share of studies (or of study weight) at each judgement, with the
/// percentage printed inside each part that has room for it, a 0–100% axis and the judgement key.
public struct RiskOfBiasSummaryLayout {
    /// How the figure is laid out.
    public struct Settings: Sendable {
        /// Total width in points; nil fits the content.
        public var width: Double?
        /// A title above the figure.
        public var title: String?
        /// Draw the Overall bar (nil: when any study has an overall judgement).
        public var showOverall: Bool?
        /// The judgement colours: the theme's or one of robvis's schemes.
        public var scheme: RiskOfBiasScheme = .theme
        /// Per-study weights in the assessment's order, and where they come from; nil counts studies.
        public var weights: (values: [Double], source: String)?
        /// Widest domain label before it wraps (points).
        public var maximumLabelWidth: Double = 210
        /// Width of the bars when the figure fits its content (points).
        public var plotWidth: Double = 250

        /// The default settings.
        public init() {}
    }

    /// One part of a bar: a judgement (nil: not applicable), its share, and the printed percentage.
    public struct Segment: Sendable {
        /// The judgement; nil for not applicable.
        public var judgement: Judgement?
        /// Studies with this judgement.
        public var count: Int
        /// Share of the bar, 0…1 (of studies, or of weight when weighted).
        public var share: Double
        /// The share in percent (unrounded): the parts of a bar add up to 100.
        public var percent: Double
        /// The percentage as printed, rounded to a whole number.
        public var percentText: String
        /// Where the part is.
        public var rect: Rect
        /// The printed label, when it fits inside the part.
        public var label: SceneText?
    }

    /// One bar: a domain ("D1", …) or "Overall".
    public struct Bar: Sendable {
        /// The bar's short caption ("D1", …, "Overall").
        public var caption: String
        /// The domain's full name.
        public var name: String
        /// The bar's parts, from low risk to not applicable.
        public var segments: [Segment]
        /// Where the bar is.
        public var rect: Rect
    }

    /// The bars, top to bottom.
    public private(set) var bars: [Bar] = []
    /// The laid-out figure.
    public private(set) var scene: Scene

    /// Lays out `assessment`; throws `FigureError` when a requested width is too narrow for the bars.
    public init(_ assessment: RiskOfBiasAssessment, style: FigureStyle, settings: Settings = Settings()) throws {
        let marks = JudgementMarks(tool: assessment.tool, style: style, scheme: settings.scheme)
        var builder = SummaryBuilder(assessment: assessment, style: style, settings: settings, marks: marks)
        try builder.build()
        bars = builder.bars
        let description = Self.describe(assessment, bars: builder.bars, marks: marks, weights: settings.weights?.source)
        scene = Scene(size: builder.size, title: settings.title ?? "Risk of bias summary\(assessment.tool.titleSuffix)",
                      description: description, items: builder.items)
    }

    /// A share as printed: a whole percentage, rounded on its own so that the same share always
    /// reads the same (printed parts of a bar may then add up to 99 or 101). Never 0% or 100% unless
    /// exactly so: "<1%" for a sliver, ">99%" beside one (199 of 200 studies is not all of them).
    static func percentText(_ share: Double) -> String {
        let percent = (share * 100).rounded()
        let exact = 1e-9   // shares are sums of weights over their total: all of them is 1 within rounding
        if percent == 0, share > exact { return "<1%" }
        if percent == 100, share < 1 - exact { return ">99%" }
        return "\(Int(percent))%"
    }

    static func describe(_ assessment: RiskOfBiasAssessment, bars: [Bar], marks: JudgementMarks, weights: String?) -> String {
        let n = assessment.studies.count
        var text = "Risk-of-bias summary\(assessment.tool.titleSuffix) of \(n) \(n == 1 ? "study" : "studies"): the percentage "
            + (weights == nil ? "of studies" : "of study weight") + " at each judgement in each domain"
        if let weights { text += " (\(weights.prefix(1).lowercased() + weights.dropFirst()))" }
        let parts = bars.map { bar in
            "\(bar.caption) " + bar.segments.filter { $0.share > 0 }.map { "\($0.percentText) \(marks.label(for: $0.judgement).lowercased())" }
                .joined(separator: ", ")
        }
        return text + ". " + parts.joined(separator: "; ") + "."
    }
}

/// The measuring and placing behind `RiskOfBiasSummaryLayout`.
private struct SummaryBuilder {
    let assessment: RiskOfBiasAssessment
    let style: FigureStyle
    let settings: RiskOfBiasSummaryLayout.Settings
    let marks: JudgementMarks

    var bars: [RiskOfBiasSummaryLayout.Bar] = []
    var items: [SceneItem] = []
    var size = Size(width: 0, height: 0)

    var margin: Double { style.margin }

    /// The order of a bar's parts, from low risk to not applicable.
    static let order: [Judgement?] = [.low, .moderate, .high, .critical, .noInformation, nil]

    mutating func build() throws {
        let tool = assessment.tool
        let font = style.font, bold = style.boldFont, small = style.smallFont
        let showOverall = settings.showOverall ?? assessment.hasOverall
        var rows: [(caption: String, name: String, values: [Judgement?], bold: Bool)] = tool.domains.enumerated().map { index, domain in
            (domain.short, domain.name, assessment.studies.map { $0.judgements.indices.contains(index) ? $0.judgements[index] : nil }, false)
        }
        if showOverall { rows.append(("Overall", "Overall risk of bias", assessment.studies.map(\.overall), true)) }
        let weights = settings.weights?.values ?? Array(repeating: 1, count: assessment.studies.count)
        let totalWeight = weights.reduce(0, +)

        // Widths: the label column, then the bars.
        let longest = rows.map { style.width($0.name, $0.bold ? bold : font) }.max() ?? 0
        var labelWidth = min(longest, settings.maximumLabelWidth)
        var plotWidth = settings.plotWidth
        if let width = settings.width {
            let available = width - 2 * margin - style.columnGap
            labelWidth = min(labelWidth, available * 0.45)
            plotWidth = available - labelWidth
            guard plotWidth >= 80, labelWidth >= 40 else {
                throw FigureError("the width is too narrow for the summary bars; use at least 60 mm, or auto")
            }
        }
        let labelX = margin
        let plotLeft = labelX + labelWidth + style.columnGap
        let plotRight = plotLeft + plotWidth
        var y = margin

        if let title = settings.title {
            for line in style.measurer.wrap(title, font: style.titleFont, maxWidth: plotRight - margin) {
                y += style.theme.titleSize * 1.4
                items.append(.text(style.text(line, x: margin, baseline: y - style.theme.titleSize * 0.35, font: style.titleFont)))
            }
            y += style.lineHeight * 0.4
        }

        // Bars.
        let barHeight = (style.lineHeight * 1.1).rounded(toPlaces: 2)
        let plotTop = y
        for row in rows {
            let labelFont = row.bold ? bold : font
            let lines = style.measurer.wrap(row.name, font: labelFont, maxWidth: labelWidth)
            let height = max(barHeight + 6, Double(lines.count) * style.lineHeight + 4)
            let textTop = y + (height - Double(lines.count) * style.lineHeight) / 2
            for (i, line) in lines.enumerated() {
                items.append(.text(style.text(line, x: labelX, baseline: textTop + Double(i) * style.lineHeight + style.lineHeight * 0.72, font: labelFont)))
            }
            let barTop = y + (height - barHeight) / 2
            let shares = Self.order.map { judgement in
                zip(row.values, weights).filter { $0.0 == judgement }.map(\.1).reduce(0, +) / totalWeight
            }
            var segments: [RiskOfBiasSummaryLayout.Segment] = []
            var x = plotLeft
            var barItems: [SceneItem] = []
            for (index, judgement) in Self.order.enumerated() where shares[index] > 0 {
                let width = shares[index] * plotWidth
                let rect = Rect(x: x, y: barTop, width: width, height: barHeight)
                let count = row.values.filter { $0 == judgement }.count
                let printed = RiskOfBiasSummaryLayout.percentText(shares[index])
                var label: SceneText? = style.text(printed, x: rect.midX, baseline: rect.midY + style.theme.smallSize * 0.36,
                                                   font: small, color: marks.symbolColor(for: judgement), anchor: .middle)
                // A percentage is printed only where it fits inside its part.
                if let text = label, text.frame.width + 4 > width || text.frame.height > barHeight { label = nil }
                var parts: [SceneItem] = [.rectangle(rect, fill: marks.fill(for: judgement), stroke: JudgementMarks.outline)]
                if let label { parts.append(.text(label)) }
                let share = Wording().plain((shares[index] * 1000).rounded() / 10)
                let what = settings.weights == nil ? "\(count) of \(assessment.studies.count) studies" : "\(count) studies, \(share)% of the weight"
                barItems.append(.group(title: "\(row.caption == "Overall" ? "Overall" : "\(row.caption) \(row.name)"): \(marks.label(for: judgement)), \(what)",
                                       link: nil, items: parts))
                segments.append(.init(judgement: judgement, count: count, share: shares[index], percent: shares[index] * 100,
                                 percentText: printed, rect: rect, label: label))
                x += width
            }
            items += barItems
            bars.append(.init(caption: row.caption, name: row.name, segments: segments,
                              rect: Rect(x: plotLeft, y: barTop, width: plotWidth, height: barHeight)))
            y += height
        }

        // The percentage axis.
        let axisY = y + 2
        items.append(.line(from: Point(x: plotLeft, y: axisY), to: Point(x: plotRight, y: axisY), stroke: style.stroke))
        items.append(.line(from: Point(x: plotLeft, y: plotTop), to: Point(x: plotLeft, y: axisY), stroke: style.stroke))
        var right = plotRight
        for tick in stride(from: 0, through: 100, by: 25) {
            let tx = plotLeft + Double(tick) / 100 * plotWidth
            items.append(.line(from: Point(x: tx, y: axisY), to: Point(x: tx, y: axisY + 3), stroke: style.stroke))
            let label = style.text("\(tick)%", x: tx, baseline: axisY + 3 + style.theme.smallSize * 1.05, font: small, anchor: .middle)
            items.append(.text(label))
            right = max(right, label.frame.maxX)
        }
        y = axisY + 3 + style.smallLineHeight + 2

        // What the percentages count, then the judgement key.
        let legendWidth = settings.width.map { $0 - 2 * margin } ?? (plotRight - margin)
        if let source = settings.weights?.source {
            for line in style.measurer.wrap(source + ".", font: small, maxWidth: legendWidth) {
                y += style.smallLineHeight
                let text = style.text(line, x: margin, baseline: y - style.smallLineHeight * 0.28, font: small, color: style.mutedColor)
                items.append(.text(text))
                right = max(right, text.frame.maxX)
            }
        }
        let used = Set(rows.flatMap(\.values))
        let key = RiskOfBiasLegend(style: style, marks: marks)
            .judgements(marks.legendJudgements(used: used), mark: .swatch, x: margin, top: y + style.lineHeight * 0.4, maxWidth: legendWidth)
        items += key.items
        right = max(right, key.right)
        let width = settings.width ?? (right + margin)
        size = Size(width: width.rounded(toPlaces: 2), height: (key.bottom + margin).rounded(toPlaces: 2))
    }
}
