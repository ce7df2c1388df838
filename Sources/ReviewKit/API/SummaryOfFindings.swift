import Foundation

/// The GRADE certainty of a body of evidence.
public enum Certainty: Int, CaseIterable, Sendable, Comparable {
    case veryLow = 1, low, moderate, high

    public static func < (a: Certainty, b: Certainty) -> Bool { a.rawValue < b.rawValue }

    /// "HIGH", "MODERATE", "LOW", "VERY LOW".
    public var label: String {
        switch self {
        case .high: return "HIGH"
        case .moderate: return "MODERATE"
        case .low: return "LOW"
        case .veryLow: return "VERY LOW"
        }
    }

    /// GRADE's symbols: ⊕⊕◯◯ for low.
    public var symbols: String {
        String(repeating: "\u{2295}", count: rawValue) + String(repeating: "\u{25EF}", count: 4 - rawValue)
    }

    /// Reads "high", "moderate", "low", "very low" (any case, `_` or `-` for the space).
    public init?(parsing text: String) {
        let key = text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
            .trimmingCharacters(in: .whitespaces)
        switch key {
        case "high": self = .high
        case "moderate": self = .moderate
        case "low": self = .low
        case "very low": self = .veryLow
        default: return nil
        }
    }
}

/// The five GRADE domains for rating down the certainty of evidence from randomized trials.
public enum GradeDomain: String, CaseIterable, Sendable {
    case riskOfBias = "risk_of_bias"
    case inconsistency
    case indirectness
    case imprecision
    case publicationBias = "publication_bias"

    /// "Risk of bias", "Publication bias", …
    public var label: String {
        switch self {
        case .riskOfBias: return "Risk of bias"
        case .inconsistency: return "Inconsistency"
        case .indirectness: return "Indirectness"
        case .imprecision: return "Imprecision"
        case .publicationBias: return "Publication bias"
        }
    }
}

/// Events and totals in each arm.
public struct ArmCounts: Sendable, Hashable {
    /// Events in the experimental arm.
    public var experimentalEvents: Double
    /// Participants in the experimental arm.
    public var experimentalTotal: Double
    /// Events in the control arm.
    public var controlEvents: Double
    /// Participants in the control arm.
    public var controlTotal: Double

    /// Events and totals of both arms.
    public init(experimentalEvents: Double, experimentalTotal: Double, controlEvents: Double, controlTotal: Double) {
        self.experimentalEvents = experimentalEvents
        self.experimentalTotal = experimentalTotal
        self.controlEvents = controlEvents
        self.controlTotal = controlTotal
    }
}

/// An effect with its 95% confidence interval on the natural scale (ratios as ratios).
public struct EffectWithCI: Sendable, Hashable {
    /// "RR", "OR", "HR", "MD", "SMD", "RD"…
    public var measure: String
    /// The estimate.
    public var estimate: Double
    /// The lower limit of the 95% CI.
    public var lower: Double
    /// The upper limit of the 95% CI.
    public var upper: Double
    /// The unit of an absolute continuous effect ("points").
    public var unit: String?

    /// Whether the measure is a ratio (so "no effect" is 1).
    public var isRatio: Bool { ["RR", "OR", "HR", "IRR", "ROM"].contains(measure.uppercased()) }

    /// An effect with its 95% CI on the natural scale.
    public init(measure: String, estimate: Double, lower: Double, upper: Double, unit: String? = nil) {
        self.measure = measure
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.unit = unit
    }
}

/// One outcome row of a GRADE summary-of-findings table.
public struct SummaryOfFindingsOutcome: Sendable {
    /// The outcome's name, as the table shows it.
    public var outcome: String
    /// The analysis whose results fill the row when numbers are not given.
    public var analysisID: String?
    /// The follow-up, as free text ("1 to 90 days").
    public var followUp: String?
    /// The number of studies.
    public var studies: Int?
    /// The number of participants.
    public var participants: Int?
    /// Events and totals per arm, for binary outcomes.
    public var events: ArmCounts?
    /// The relative effect (RR, OR, HR…), for binary outcomes.
    public var relative: EffectWithCI?
    /// The absolute effect (MD, SMD…), for continuous outcomes.
    public var absolute: EffectWithCI?
    /// Assumed risks with the comparator, per 1000 (one row of absolute effects per value).
    public var comparatorRiskPer1000: [Double]
    /// The author's judgement; nil asks the tool to propose one from the data.
    public var certainty: Certainty?
    /// Levels rated down per domain: 1 serious, 2 very serious.
    public var downgrades: [GradeDomain: Int]
    /// Levels rated up (large effect, dose–response, plausible confounding).
    public var upgrades: Int
    /// Explanations, per domain, shown as footnotes.
    public var footnotes: [GradeDomain: String]
    /// Why no reasons for rating down are given, when the source does not report them.
    public var reasonsNotReported: String?
    /// A comment for the last column.
    public var comment: String?
    /// Where the outcome is written, for messages.
    public var location: SourceLocation

    /// One outcome row.
    public init(outcome: String, analysisID: String? = nil, followUp: String? = nil, studies: Int? = nil, participants: Int? = nil, events: ArmCounts? = nil, relative: EffectWithCI? = nil, absolute: EffectWithCI? = nil, comparatorRiskPer1000: [Double], certainty: Certainty? = nil, downgrades: [GradeDomain: Int], upgrades: Int, footnotes: [GradeDomain: String], reasonsNotReported: String? = nil, comment: String? = nil, location: SourceLocation) {
        self.outcome = outcome
        self.analysisID = analysisID
        self.followUp = followUp
        self.studies = studies
        self.participants = participants
        self.events = events
        self.relative = relative
        self.absolute = absolute
        self.comparatorRiskPer1000 = comparatorRiskPer1000
        self.certainty = certainty
        self.downgrades = downgrades
        self.upgrades = upgrades
        self.footnotes = footnotes
        self.reasonsNotReported = reasonsNotReported
        self.comment = comment
        self.location = location
    }
}

/// A GRADE summary of findings for the review's main comparison.
public struct SummaryOfFindings: Sendable {
    /// The table's title, if not the default.
    public var title: String?
    /// Patient or population.
    public var population: String?
    /// Setting.
    public var setting: String?
    /// Intervention.
    public var intervention: String?
    /// Comparison.
    public var comparison: String?
    /// The outcome rows, in order.
    public var outcomes: [SummaryOfFindingsOutcome]
    /// Where the `summary_of_findings` section is written, for messages.
    public var location: SourceLocation

    /// A summary of findings.
    public init(title: String? = nil, population: String? = nil, setting: String? = nil, intervention: String? = nil, comparison: String? = nil, outcomes: [SummaryOfFindingsOutcome], location: SourceLocation) {
        self.title = title
        self.population = population
        self.setting = setting
        self.intervention = intervention
        self.comparison = comparison
        self.outcomes = outcomes
        self.location = location
    }
}
