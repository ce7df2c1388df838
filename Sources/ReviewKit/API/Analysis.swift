import Foundation
import MetaAnalysis

/// The labels of the two groups compared.
public struct Arms: Sendable, Hashable {
    /// The experimental (intervention) group, e.g. "Ketamine".
    public var experimental: String
    /// The control group, e.g. "Placebo".
    public var control: String

    /// Labels of the two groups ("Experimental" and "Control" unless given).
    public init(experimental: String = "Experimental", control: String = "Control") {
        self.experimental = experimental
        self.control = control
    }
}

/// The labels under the left and right ends of a forest plot's axis.
public struct Favours: Sendable, Hashable {
    /// Under the left end, e.g. "Favours ketamine".
    public var left: String
    /// Under the right end, e.g. "Favours placebo".
    public var right: String

    /// Labels under the left and right ends of the axis.
    public init(left: String, right: String) {
        self.left = left
        self.right = right
    }
}

/// A figure an analysis asks for, with its options as written (checked by the figure module).
public struct FigureRequest: Sendable {
    /// The figure module's id, e.g. `funnel`.
    public var id: String
    /// The options written under it.
    public var options: [FigureOption]
    /// Where the request is written, for messages.
    public var location: SourceLocation

    /// A request for figure `id` with its options.
    public init(id: String, options: [FigureOption] = [], location: SourceLocation) {
        self.id = id
        self.options = options
        self.location = location
    }
}

/// One option of a figure request: `contours: true`, `sort: weight`, `xlim: [0.1, 10]`.
public struct FigureOption: Sendable {
    /// The option's name as written.
    public var name: String
    /// Its value as written.
    public var value: OptionValue
    /// Where it is written, for messages.
    public var location: SourceLocation

    /// An option as written at `location`.
    public init(name: String, value: OptionValue, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// An option's value as written: text, or a list of texts. Figure modules interpret it.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    /// A single value: `true`, `weight`, `0.1,10`.
    case text(String)
    /// A list: `[0.1, 10]`.
    case list([String])

    public var description: String {
        switch self {
        case .text(let t): return t
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        }
    }
}

/// What an analysis holds: study-level data to pool, or results computed elsewhere.
public enum AnalysisContent: Sendable {
    /// Study-level data, pooled by the engine.
    case studies([Study])
    /// Results computed elsewhere, drawn as given.
    case given(GivenResults)
}

/// One analysis of a review: an outcome, how to pool it, its data, and the figures it wants.
public struct Analysis: Sendable {
    /// A short name, unique in the review, used in file names and links.
    public var id: String
    /// The analysis title.
    public var title: String
    /// The outcome's label (the title unless given).
    public var outcome: String
    /// The unit of a continuous outcome, e.g. "points (0–10 NRS)".
    public var unit: String?
    /// The effect measure.
    public var measure: EffectMeasure
    /// For `GEN`: the effect is a ratio analysed on the log scale.
    public var logScale: Bool
    /// For `GEN`: what the effect is called ("Hazard Ratio").
    public var effectLabel: String?
    /// The pooling method.
    public var method: PoolingMethod
    /// Whether the Hartung–Knapp–Sidik–Jonkman confidence interval is used (random effects).
    public var hksj: Bool
    /// Whether studies with no events in either arm are pooled (metafor) or not estimable (RevMan).
    public var includeDoubleZeroStudies: Bool
    /// metafor's conventions (the default) or RevMan 5's (`compatibility: revman`).
    public var compatibility: Compatibility = .metafor
    /// RevMan's "M-H, Random" (`method: MH-DL`): DerSimonian–Laird τ² from Q around the
    /// Mantel–Haenszel estimate. `method` is then DL.
    public var mantelHaenszelRandomEffects = false
    /// The data column holding each study's subgroup.
    public var subgroupColumn: String?
    /// The numeric data column for meta-regression.
    public var moderatorColumn: String?
    /// The data column that orders the cumulative meta-analysis.
    public var orderColumn: String?
    /// The labels of the two groups.
    public var arms: Arms
    /// The labels under the axis.
    public var favours: Favours?
    /// The figures the analysis asks for (a forest plot when none).
    public var figures: [FigureRequest]
    /// Study data to pool, or results as given.
    public var content: AnalysisContent
    /// Each study's year, by label, when the data has a `year` column.
    public var years: [String: Int] = [:]
    /// The columns of the study data table, as read, for messages that name what is available
    /// (e.g. sorting by year when there is no year column); empty for results as given.
    public var dataColumns: [String] = []
    /// Where the analysis is written, for messages.
    public var location: SourceLocation

    /// True when estimates are shown on a log axis and exponentiated in text.
    public var isRatio: Bool {
        switch measure {
        case .RR, .OR: return true
        case .GEN: return logScale
        default: return false
        }
    }

    /// The effect's name for headers: "Risk Ratio", "Mean Difference", or the generic label.
    public var effectName: String {
        if measure == .GEN { return effectLabel ?? (logScale ? "Ratio" : "Effect") }
        return measure.displayName
    }

    /// An analysis; review files are read into these by `ReviewLoader`.
    public init(id: String, title: String, outcome: String, unit: String? = nil, measure: EffectMeasure, logScale: Bool, effectLabel: String? = nil, method: PoolingMethod, hksj: Bool, includeDoubleZeroStudies: Bool, subgroupColumn: String? = nil, moderatorColumn: String? = nil, orderColumn: String? = nil, arms: Arms, favours: Favours? = nil, figures: [FigureRequest], content: AnalysisContent, years: [String: Int] = [:], location: SourceLocation) {
        self.id = id
        self.title = title
        self.outcome = outcome
        self.unit = unit
        self.measure = measure
        self.logScale = logScale
        self.effectLabel = effectLabel
        self.method = method
        self.hksj = hksj
        self.includeDoubleZeroStudies = includeDoubleZeroStudies
        self.subgroupColumn = subgroupColumn
        self.moderatorColumn = moderatorColumn
        self.orderColumn = orderColumn
        self.arms = arms
        self.favours = favours
        self.figures = figures
        self.content = content
        self.years = years
        self.location = location
    }
}

/// Results computed elsewhere, drawn exactly as given.
public struct GivenResults: Sendable {
    /// How the pooled rows were computed.
    public enum Model: String, Sendable { case random, common }

    /// Random or common effect.
    public var model: Model
    /// Whether the review file states the model (`model:`); when it does not, `model` is the
    /// default (random) and the report does not claim it.
    public var modelIsStated: Bool
    /// The method named in the figure header ("M-H", "IV", "Peto"), when given.
    public var method: String?
    /// The studies' results, if given.
    public var studies: [GivenStudy]
    /// The pooled rows: the overall result and/or each subgroup's.
    public var pooled: [GivenPooled]
    /// The test for subgroup differences, if given.
    public var subgroupDifferences: GivenHeterogeneity?

    /// Results as given.
    public init(model: Model, modelIsStated: Bool = true, method: String? = nil, studies: [GivenStudy], pooled: [GivenPooled], subgroupDifferences: GivenHeterogeneity? = nil) {
        self.model = model
        self.modelIsStated = modelIsStated
        self.method = method
        self.studies = studies
        self.pooled = pooled
        self.subgroupDifferences = subgroupDifferences
    }
}

/// A p-value as reported: exact, or only bounded ("< 0.00001").
public enum ReportedP: Sendable, Hashable {
    /// An exact p-value.
    case exact(Double)
    /// A bound: p < the value.
    case below(Double)
}

/// One study's given result (natural scale).
public struct GivenStudy: Sendable {
    /// The study's label.
    public var label: String
    /// The effect estimate (natural scale: ratios as ratios).
    public var estimate: Double
    /// The lower limit of its 95% CI.
    public var lower: Double
    /// The upper limit of its 95% CI.
    public var upper: Double
    /// Its weight in percent, if given.
    public var weight: Double?
    /// Its subgroup, if any.
    public var subgroup: String?
    /// Its year, if given.
    public var year: Int?
    /// Arm-level data, when given, for the figure's columns.
    public var data: StudyData?
    /// Where the row is written, for messages.
    public var location: SourceLocation

    /// A study's given result.
    public init(label: String, estimate: Double, lower: Double, upper: Double, weight: Double? = nil, subgroup: String? = nil, year: Int? = nil, data: StudyData? = nil, location: SourceLocation) {
        self.label = label
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.weight = weight
        self.subgroup = subgroup
        self.year = year
        self.data = data
        self.location = location
    }
}

/// Heterogeneity statistics as reported; any may be missing.
public struct GivenHeterogeneity: Sendable, Hashable {
    /// τ², between-study variance.
    public var tau2: Double?
    /// Cochran's Q (RevMan's Chi²).
    public var Q: Double?
    /// Degrees of freedom of Q.
    public var df: Double?
    /// The p-value of Q.
    public var p: ReportedP?
    /// I², in percent.
    public var I2: Double?

    /// Heterogeneity statistics; give those reported.
    public init(tau2: Double? = nil, Q: Double? = nil, df: Double? = nil, p: ReportedP? = nil, I2: Double? = nil) {
        self.tau2 = tau2
        self.Q = Q
        self.df = df
        self.p = p
        self.I2 = I2
    }
}

/// A pooled row as reported: the overall result (no subgroup) or a subgroup's.
public struct GivenPooled: Sendable {
    /// The subgroup; nil for the overall result.
    public var subgroup: String?
    /// The row's label, if not the usual "Total (95% CI)" / "Subtotal (95% CI)".
    public var label: String?
    /// The pooled estimate (natural scale).
    public var estimate: Double
    /// The lower limit of its 95% CI.
    public var lower: Double
    /// The upper limit of its 95% CI.
    public var upper: Double
    /// The number of studies pooled.
    public var k: Int?
    /// The number of participants.
    public var participants: Int?
    /// Events and totals per arm, for binary outcomes.
    public var events: ArmCounts?
    /// Heterogeneity, as reported.
    public var heterogeneity: GivenHeterogeneity?
    /// The z statistic of the test for the overall effect.
    public var z: Double?
    /// The t statistic, when a t test was used (Hartung–Knapp).
    public var t: Double?
    /// The p-value of the test for the overall effect.
    public var p: ReportedP?
    /// Where the row is written, for messages.
    public var location: SourceLocation

    /// A pooled row as given.
    public init(subgroup: String? = nil, label: String? = nil, estimate: Double, lower: Double, upper: Double, k: Int? = nil, participants: Int? = nil, events: ArmCounts? = nil, heterogeneity: GivenHeterogeneity? = nil, z: Double? = nil, t: Double? = nil, p: ReportedP? = nil, location: SourceLocation) {
        self.subgroup = subgroup
        self.label = label
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.k = k
        self.participants = participants
        self.events = events
        self.heterogeneity = heterogeneity
        self.z = z
        self.t = t
        self.p = p
        self.location = location
    }
}
