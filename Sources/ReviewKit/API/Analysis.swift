import Foundation
import MetaAnalysis

/// The labels of the two groups compared.
public struct Arms: Sendable, Hashable {
    public var experimental: String
    public var control: String

    public init(experimental: String = "Experimental", control: String = "Control") {
        self.experimental = experimental
        self.control = control
    }
}

/// The labels under the left and right ends of a forest plot's axis.
public struct Favours: Sendable, Hashable {
    public var left: String
    public var right: String

    public init(left: String, right: String) {
        self.left = left
        self.right = right
    }
}

/// A figure an analysis asks for, with its options as written (checked by the figure module).
public struct FigureRequest: Sendable {
    public var id: String
    public var options: [FigureOption]
    public var location: SourceLocation

    public init(id: String, options: [FigureOption] = [], location: SourceLocation) {
        self.id = id
        self.options = options
        self.location = location
    }
}

/// One option of a figure request: `contours: true`, `sort: weight`, `xlim: [0.1, 10]`.
public struct FigureOption: Sendable {
    public var name: String
    public var value: OptionValue
    public var location: SourceLocation

    public init(name: String, value: OptionValue, location: SourceLocation) {
        self.name = name
        self.value = value
        self.location = location
    }
}

/// An option's value as written: text, or a list of texts. Figure modules interpret it.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case text(String)
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
    case studies([Study])
    case given(GivenResults)
}

/// One analysis of a review: an outcome, how to pool it, its data, and the figures it wants.
public struct Analysis: Sendable {
    public var id: String
    public var title: String
    public var outcome: String
    public var unit: String?
    public var measure: EffectMeasure
    /// For `GEN`: the effect is a ratio analysed on the log scale.
    public var logScale: Bool
    /// For `GEN`: what the effect is called ("Hazard Ratio").
    public var effectLabel: String?
    public var method: PoolingMethod
    public var hksj: Bool
    /// Whether studies with no events in either arm are pooled (metafor) or not estimable (RevMan).
    public var includeDoubleZeroStudies: Bool
    /// metafor's conventions (the default) or RevMan 5's (`compatibility: revman`).
    public var compatibility: Compatibility = .metafor
    /// RevMan's "M-H, Random" (`method: MH-DL`): DerSimonian–Laird τ² from Q around the
    /// Mantel–Haenszel estimate. `method` is then DL.
    public var mantelHaenszelRandomEffects = false
    public var subgroupColumn: String?
    public var moderatorColumn: String?
    public var orderColumn: String?
    public var arms: Arms
    public var favours: Favours?
    public var figures: [FigureRequest]
    public var content: AnalysisContent
    /// Each study's year, by label, when the data has a `year` column.
    public var years: [String: Int] = [:]
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
    public enum Model: String, Sendable { case random, common }

    public var model: Model
    /// The method named in the figure header ("M-H", "IV", "Peto"), when given.
    public var method: String?
    public var studies: [GivenStudy]
    public var pooled: [GivenPooled]
    public var subgroupDifferences: GivenHeterogeneity?

    public init(model: Model, method: String? = nil, studies: [GivenStudy], pooled: [GivenPooled], subgroupDifferences: GivenHeterogeneity? = nil) {
        self.model = model
        self.method = method
        self.studies = studies
        self.pooled = pooled
        self.subgroupDifferences = subgroupDifferences
    }
}

/// A p-value as reported: exact, or only bounded ("< 0.00001").
public enum ReportedP: Sendable, Hashable {
    case exact(Double)
    case below(Double)
}

/// One study's given result (natural scale).
public struct GivenStudy: Sendable {
    public var label: String
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var weight: Double?
    public var subgroup: String?
    public var year: Int?
    /// Arm-level data, when given, for the figure's columns.
    public var data: StudyData?
    public var location: SourceLocation

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
    public var tau2: Double?
    public var Q: Double?
    public var df: Double?
    public var p: ReportedP?
    public var I2: Double?

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
    public var subgroup: String?
    public var label: String?
    public var estimate: Double
    public var lower: Double
    public var upper: Double
    public var k: Int?
    public var participants: Int?
    public var events: ArmCounts?
    public var heterogeneity: GivenHeterogeneity?
    public var z: Double?
    public var t: Double?
    public var p: ReportedP?
    public var location: SourceLocation

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
