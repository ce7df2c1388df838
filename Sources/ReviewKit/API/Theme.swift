import Foundation

/// How figures and reports look: fonts, colours, line widths, number style and figure widths.
/// Colours are `#RRGGBB` (or `#RRGGBBAA`) text; the drawing layer turns them into colours.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var description: String
    /// The font family (resolved through fontconfig) and sizes in points.
    public var fontFamily: String
    public var fontSize: Double
    public var titleSize: Double
    public var smallSize: Double
    public var colors: Colors
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
    public var doubleColumnWidth: Double

    /// Colours of figure elements.
    public struct Colors: Sendable, Hashable {
        public var text: String
        public var muted: String
        public var study: String
        public var ciLine: String
        public var diamond: String
        public var prediction: String
        public var referenceLine: String
        public var axis: String
        public var heading: String
        public var background: String
        public var accent: String
        /// Funnel-plot contour fills from p > 0.10 to p < 0.01.
        public var contours: [String]
        /// Colours for groups (subgroups in funnel plots, series).
        public var palette: [String]
    }

    /// Fills of risk-of-bias judgements.
    public struct RiskOfBiasColors: Sendable, Hashable {
        public var low: String
        public var moderate: String
        public var high: String
        public var critical: String
        public var noInformation: String
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
