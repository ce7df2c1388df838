import Foundation

/// How figures and reports look: fonts, colours, line widths, number style and figure widths.
/// Colours are `#RRGGBB` (or `#RRGGBBAA`) text; the drawing layer turns them into colours.
public struct Theme: Sendable, Hashable {
    /// The theme's name (`cochrane`, or the file's `name`; `custom` when a file gives none).
    public var name: String
    /// One line on what the theme is for.
    public var description: String
    /// The font family (resolved through fontconfig) and sizes in points.
    public var fontFamily: String
    /// Body text of figures, in points.
    public var fontSize: Double
    /// Figure titles, in points.
    public var titleSize: Double
    /// Small text (notes, axis numbers, legends), in points.
    public var smallSize: Double
    /// The colours of figure elements and of the report.
    public var colors: Colors
    /// The fills of risk-of-bias judgements.
    public var riskOfBias: RiskOfBiasColors
    /// The width of ordinary strokes, in points.
    public var lineWidth: Double
    /// Decimals of effect estimates in figures and tables.
    public var decimals: Int
    /// Write negative numbers with the true minus sign (U+2212) instead of a hyphen.
    public var trueMinus: Bool
    /// Prefer the compact (JAMA-like) forest layout.
    public var compact: Bool
    /// A journal's single- and double-column widths, in millimetres.
    public var singleColumnWidth: Double
    /// The double-column width, what `width: double` asks for.
    public var doubleColumnWidth: Double

    /// Colours of figure elements.
    public struct Colors: Sendable, Hashable {
        /// Text, in figures and the report.
        public var text: String
        /// Secondary text and thin rules; captions in the report.
        public var muted: String
        /// Study markers (forest-plot squares, funnel and bubble points).
        public var study: String
        /// Study confidence-interval lines in forest plots.
        public var ciLine: String
        /// Pooled estimates: diamonds, the funnel's pooled line, the bubble plot's fitted line.
        public var diamond: String
        /// The prediction interval.
        public var prediction: String
        /// The line of no effect in forest plots.
        public var referenceLine: String
        /// Axes and ordinary strokes.
        public var axis: String
        /// Subgroup headings in forest plots.
        public var heading: String
        /// The figure background.
        public var background: String
        /// The report's headings and links; the bubble plot's band; PRISMA box headers.
        public var accent: String
        /// Funnel-plot contour fills from p > 0.10 to p < 0.01.
        public var contours: [String]
        /// Colours for groups (subgroups in funnel plots, series).
        public var palette: [String]
    }

    /// Fills of risk-of-bias judgements.
    public struct RiskOfBiasColors: Sendable, Hashable {
        /// Low risk of bias.
        public var low: String
        /// Some concerns, unclear or moderate risk.
        public var moderate: String
        /// High (or serious) risk of bias.
        public var high: String
        /// Critical (or very high) risk of bias.
        public var critical: String
        /// No information.
        public var noInformation: String
        /// A domain that does not apply.
        public var notApplicable: String

        /// The fill for a judgement; nil (not applicable) gets its own grey.
        public func color(for judgement: Judgement?) -> String {
            switch judgement {
            case .low: return low
            case .moderate: return moderate
            case .high: return high
            case .critical: return critical
            case .noInformation: return noInformation
            case nil: return notApplicable
            }
        }
    }

    /// Formats a number with the theme's minus sign (for user-facing text, never coordinates).
    public func minus(_ text: String) -> String {
        trueMinus && text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }
}
