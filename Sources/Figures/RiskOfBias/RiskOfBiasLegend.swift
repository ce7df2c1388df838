import Foundation
import Graphics
import ReviewKit

/// The legends under the risk-of-bias figures: the domain key ("D1: Bias arising from …") and the
/// judgement key (a mark and the tool's name for each level). Both wrap to the width they are given.
struct RiskOfBiasLegend {
    /// How the judgement key shows a level: as the traffic light's circle or the summary's swatch.
    enum Mark { case circle, swatch }

    /// What was placed, and where it ends.
    struct Placed {
        var items: [SceneItem] = []
        var bottom: Double
        var right: Double
    }

    let style: FigureStyle
    let marks: JudgementMarks

    /// "Domains:" then one entry per domain, wrapped with a hanging indent after the caption.
    func domains(_ domains: [RiskOfBiasTool.Domain], x: Double, top: Double, maxWidth: Double) -> Placed {
        let font = style.smallFont, bold = style.smallFont.bold
        let lineHeight = style.smallLineHeight
        var placed = Placed(bottom: top, right: x)
        func add(_ text: SceneText) {
            placed.items.append(.text(text))
            placed.right = max(placed.right, text.frame.maxX)
        }
        var y = top + lineHeight
        add(style.text("Domains:", x: x, baseline: y - lineHeight * 0.28, font: bold))
        let captionWidth = domains.map { style.width("\($0.short):", bold) }.max() ?? 0
        let indent = captionWidth + style.width(" ", font) * 1.5
        for domain in domains {
            y += lineHeight
            add(style.text("\(domain.short):", x: x, baseline: y - lineHeight * 0.28, font: bold))
            let lines = style.measurer.wrap(domain.name, font: font, maxWidth: max(40, maxWidth - indent))
            for (index, line) in lines.enumerated() {
                if index > 0 { y += lineHeight }
                add(style.text(line, x: x + indent, baseline: y - lineHeight * 0.28, font: font))
            }
        }
        placed.bottom = y
        return placed
    }

    /// "Judgement:" then each level's mark and name, flowing onto further lines when wide.
    func judgements(_ judgements: [Judgement?], mark: Mark, x: Double, top: Double, maxWidth: Double) -> Placed {
        let font = style.smallFont
        let rowHeight = max(style.smallLineHeight, style.theme.smallSize * 1.9)
        let radius = rowHeight * 0.42
        var placed = Placed(bottom: top, right: x)
        let title = style.text("Judgement:", x: x, baseline: top + rowHeight / 2 + style.theme.smallSize * 0.36, font: font.bold)
        placed.items.append(.text(title))
        var cursor = title.frame.maxX + style.columnGap * 0.6
        var rowTop = top
        let startX = cursor
        for judgement in judgements {
            let label = marks.label(for: judgement)
            let entryWidth = 2 * radius + 4 + style.width(label, font)
            if cursor > startX, cursor + entryWidth > x + maxWidth {
                cursor = startX
                rowTop += rowHeight
            }
            let center = Point(x: cursor + radius, y: rowTop + rowHeight / 2)
            switch mark {
            case .circle:
                placed.items += marks.circle(judgement, center: center, radius: radius, font: font.bold, style: style)
            case .swatch:
                let side = radius * 1.7
                placed.items.append(.rectangle(Rect(x: center.x - side / 2, y: center.y - side / 2, width: side, height: side),
                                               fill: marks.fill(for: judgement), stroke: JudgementMarks.outline))
            }
            let text = style.text(label, x: cursor + 2 * radius + 4, baseline: center.y + style.theme.smallSize * 0.36, font: font)
            placed.items.append(.text(text))
            placed.right = max(placed.right, text.frame.maxX)
            cursor = text.frame.maxX + style.columnGap
        }
        placed.bottom = rowTop + rowHeight
        return placed
    }
}
