import Foundation
import ReviewKit

/// The colours of risk-of-bias judgements: the theme's own, or one of robvis's two schemes.
public enum RiskOfBiasScheme: String, Sendable, CaseIterable {
    /// The theme's `risk_of_bias` colours.
    case theme
    /// robvis's "cochrane" scheme: Cochrane's green, yellow and red.
    case cochrane
    /// robvis's "colourblind" scheme: a sequential yellow-to-brown palette.
    case colourblind

    /// The option every risk-of-bias figure takes (`colours`).
    static let option = FigureOptionSpec(
        "colours", .choice(["theme", "cochrane", "colourblind", "colorblind"]), default: "theme",
        help: "Judgement colours: the theme's, or robvis's cochrane or colourblind scheme.")

    /// The scheme an option value names ("colorblind" is robvis's US spelling).
    static func named(_ value: String?) -> RiskOfBiasScheme {
        switch value?.lowercased() {
        case "cochrane": return .cochrane
        case "colourblind", "colorblind": return .colourblind
        default: return .theme
        }
    }

    /// The judgement colours of this scheme; `.theme` takes them from `theme`.
    public func colours(theme: Theme) -> Theme.RiskOfBiasColors {
        switch self {
        case .theme: return theme.riskOfBias
        // The built-in themes of the same names carry robvis's definitions (its `get_colour`).
        case .cochrane: return ThemeLibrary.named("cochrane")?.riskOfBias ?? theme.riskOfBias
        case .colourblind: return ThemeLibrary.named("colourblind")?.riskOfBias ?? theme.riskOfBias
        }
    }
}
