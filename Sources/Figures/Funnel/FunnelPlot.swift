import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

/// `funnel`: the funnel plot — each study's effect against its standard error — with optional
/// significance contours, trim-and-fill, Egger's line and subgroup markers.
public struct FunnelPlot: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "funnel"
    public let name = "Funnel plot"
    public let summary = "Study effects against their standard errors, to look for small-study effects; contour-enhanced on request."
    public let scope = FigureScope.analysis
    public let example = "metareport figure funnel examples/bcg-vaccine/data/bcg.csv --measure RR --method DL --contours --trim-fill -o funnel.svg"

    public let options: [FigureOptionSpec] = [
        FigureOptionSpec("contours", .flag, default: "false",
                         help: "Shade where a study's two-sided P against no effect is > 0.10, 0.05–0.10, 0.01–0.05 and ≤ 0.01 (contour-enhanced funnel plot)."),
        FigureOptionSpec("trim_fill", .flag, default: "false",
                         help: "Draw trim-and-fill's filled studies (open circles) and the adjusted estimate (dashed line)."),
        FigureOptionSpec("egger", .flag, default: "false",
                         help: "Draw Egger's regression line (effect = intercept + slope × SE)."),
        FigureOptionSpec("subgroups", .flag,
                         help: "Colour and shape markers by the analysis's subgroup, with a legend. Default: on when the analysis has subgroups."),
        FigureOptionSpec("y_axis", .choice(FunnelYAxis.allCases.map(\.rawValue)), default: "se",
                         help: "The vertical axis: standard error, variance, inverse standard error or sample size."),
        FigureOptionSpec("xlim", .range, help: "Effect axis limits on the natural scale, e.g. [0.1, 10]; default automatic."),
    ]

    public func unsuitability(for input: FigureInput) -> String? {
        guard let outcome = input.outcome else { return "a funnel plot draws an analysis" }
        guard outcome.result != nil else {
            return "it needs study-level data (effects and standard errors), not results as reported"
        }
        return nil
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try funnelLayout(input, options: options, style: style).scene
    }

    /// The layout with its markers, contours and lines, for tests.
    public func funnelLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> FunnelLayout {
        guard let outcome = input.outcome else { throw FigureError("a funnel plot draws an analysis") }
        let data = try FunnelData(outcome: outcome)
        var settings = FunnelLayout.Settings()
        settings.yAxis = FunnelYAxis(rawValue: options.choice("y_axis") ?? "se") ?? .se
        settings.contours = options.flag("contours")
        settings.trimFill = options.flag("trim_fill")
        settings.egger = options.flag("egger")
        if let asked = options.explicitFlag("subgroups") {
            if asked && data.subgroups.isEmpty {
                throw FigureError("the funnel plot's subgroup markers need a subgroup column (--subgroup NAME, or 'subgroup:' in the review file)")
            }
            settings.bySubgroup = asked
        } else {
            settings.bySubgroup = !data.subgroups.isEmpty
        }
        settings.limits = try AxisLimits.checked(options, ratio: data.isRatio)
        settings.width = try style.requestedWidth(options.text("width"))
        settings.title = options.text("title")
        return try FunnelLayout(data, style: style, settings: settings,
                                description: Self.describe(data, settings: settings, wording: style.wording))
    }

    /// The caption (alt text, SVG description): what is plotted, k, Egger's and Begg's P,
    /// trim-and-fill's k0 and adjusted estimate, and the Handbook's caution below 10 studies.
    static func describe(_ data: FunnelData, settings: FunnelLayout.Settings, wording: Wording) -> String {
        let k = data.studies.count
        let effect = data.effectName.lowercased()
        func estimate(_ value: Double, _ lower: Double, _ upper: Double) -> String {
            wording.estimate(data.natural(value), data.natural(lower), data.natural(upper))
        }
        var text = "Funnel plot of \(data.title): the \(effect) of each of k = \(k) stud\(k == 1 ? "y" : "ies")"
        text += " against its \(settings.yAxis.title.lowercased()) (\(data.methodLabel))"
        text += ", with the pooled \(effect) \(estimate(data.pooled.yi, data.pooled.ciLower, data.pooled.ciUpper))"
        text += settings.yAxis == .sampleSize ? "." : " and pseudo 95% confidence limits."
        if settings.contours {
            text += " Shading marks where a study's two-sided P against no effect is above 0.10, 0.05 to 0.10, 0.01 to 0.05 and 0.01 or below."
        }
        if settings.bySubgroup, !data.subgroups.isEmpty {
            text += " Markers show the \(data.subgroupColumn.map { "subgroup (\($0))" } ?? "subgroup"): \(data.subgroups.joined(separator: ", "))."
        }
        if data.notEstimable > 0 {
            text += " \(data.notEstimable) stud\(data.notEstimable == 1 ? "y is" : "ies are") not estimable and not shown."
        }
        if let tests = data.smallStudy {
            if let egger = tests.egger {
                text += " Egger's test: t = \(wording.number(egger.t)), df = \(egger.df), P \(wording.pValue(egger.p))."
            } else {
                text += " Egger's test could not be computed."
            }
            if let begg = tests.begg {
                text += " Begg's test: Kendall's tau = \(wording.number(begg.tau, decimals: 3)), P \(wording.pValue(begg.p))."
            } else {
                text += " Begg's test could not be computed."
            }
            if let fill = tests.trimAndFill {
                if fill.k0 == 0 {
                    text += " Trim-and-fill: no studies filled (k0 = 0)."
                } else {
                    text += " Trim-and-fill: k0 = \(fill.k0) stud\(fill.k0 == 1 ? "y" : "ies") filled on the \(fill.side.rawValue);"
                    text += " adjusted \(effect) \(estimate(fill.yi, fill.ciLower, fill.ciUpper))."
                }
            } else {
                text += " Trim-and-fill could not be computed."
            }
        } else {
            text += " Egger's and Begg's tests and trim-and-fill need at least 3 studies."
        }
        if k < 10 {
            text += " With fewer than 10 studies, the Cochrane Handbook advises against testing for funnel plot asymmetry:"
            text += " the tests have too little power to distinguish chance from real asymmetry."
        }
        return text
    }
}
