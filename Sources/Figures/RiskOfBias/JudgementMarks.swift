import Foundation
import Graphics
import ReviewKit

/// How risk-of-bias judgements look: the symbol, fill and label of each judgement of a tool.
/// The one source of the marks the forest plot's risk-of-bias columns, the traffic-light plot and
/// the summary plot draw, so a judgement looks the same in every figure.
public struct JudgementMarks: Sendable {
    /// The tool whose judgement names are used.
    public var tool: RiskOfBiasTool
    /// The fills, from the theme or a named scheme.
    public var colours: Theme.RiskOfBiasColors

    /// The marks of `tool` in the given colours.
    public init(tool: RiskOfBiasTool, colours: Theme.RiskOfBiasColors) {
        self.tool = tool
        self.colours = colours
    }

    /// The marks of `tool` in the theme's colours, or a named scheme's.
    public init(tool: RiskOfBiasTool, style: FigureStyle, scheme: RiskOfBiasScheme = .theme) {
        self.init(tool: tool, colours: scheme.colours(theme: style.theme))
    }

    /// The symbol inside a judgement's circle: + low, − some concerns (moderate), × high (serious),
    /// ! critical (very high), ? unclear or no information; nothing when not applicable.
    public func symbol(for judgement: Judgement?) -> String {
        switch judgement {
        case .low: return "+"
        // RevMan prints "?" for RoB 1's and QUADAS-2's Unclear; the other tools' middle level is "−".
        case .moderate: return tool.label(for: .moderate) == "Unclear" ? "?" : "\u{2212}"
        case .high: return "\u{00D7}"
        case .critical: return "!"
        case .noInformation: return "?"
        case nil: return ""
        }
    }

    /// The tool's name for a judgement, or "Not applicable".
    public func label(for judgement: Judgement?) -> String {
        judgement.map(tool.label(for:)) ?? "Not applicable"
    }

    /// The fill of a judgement's circle (light grey if the colour cannot be read).
    public func fill(for judgement: Judgement?) -> Color {
        Color(hex: colours.color(for: judgement)) ?? Color(white: 0.8)
    }

    /// Black or white, whichever contrasts more with the fill (WCAG relative luminance), so a
    /// symbol stays legible on any scheme — including white fills.
    public func symbolColor(for judgement: Judgement?) -> Color {
        let fill = fill(for: judgement)
        func linear(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        let luminance = 0.2126 * linear(fill.r) + 0.7152 * linear(fill.g) + 0.0722 * linear(fill.b)
        return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? .black : .white
    }

    /// The outline of circles and swatches: it keeps light fills (white, pale yellow) visible.
    public static let outline = StrokeStyle.solid(0.4, color: Color(white: 0.25))

    /// A judgement's circle with its symbol centred inside. Not applicable is a plain grey circle.
    public func circle(_ judgement: Judgement?, center: Point, radius: Double, font: Font, style: FigureStyle) -> [SceneItem] {
        guard judgement != nil else {
            return [.circle(center: center, radius: radius, fill: fill(for: nil), stroke: nil)]
        }
        // The symbols sit on the maths axis, about 0.36 em above the baseline.
        let glyph = style.text(symbol(for: judgement), x: center.x, baseline: center.y + font.size * 0.36,
                               font: font, color: symbolColor(for: judgement), anchor: .middle)
        return [.circle(center: center, radius: radius, fill: fill(for: judgement), stroke: Self.outline), .text(glyph)]
    }

    /// The judgements a legend lists: the tool's scale, then No information and Not applicable when
    /// `used` contains them (nil stands for not applicable).
    public func legendJudgements(used: Set<Judgement?>) -> [Judgement?] {
        var list: [Judgement?] = tool.levels.map(\.judgement)
        if used.contains(.noInformation) { list.append(.noInformation) }
        if used.contains(nil) { list.append(nil) }
        return list
    }
}
