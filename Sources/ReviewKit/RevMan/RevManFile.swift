/// The parts of a RevMan 5 review file (`.rm5`) that metareport reads: the title, the included
/// studies, every comparison's outcomes with their data and the results RevMan computed, and the
/// risk-of-bias items. Values RevMan did not compute (empty attributes, `NaN`) are nil.
public struct RevManFile: Sendable {
    /// The review's title (COVER_SHEET/TITLE).
    public var title: String
    /// The authors, "First Last", in order (COVER_SHEET/CREATORS).
    public var authors: [String]
    /// RevMan's version that last saved the file (REVMAN_SUB_VERSION), if stated.
    public var revmanVersion: String?
    /// The included studies by ID.
    public var studies: [Study]
    /// The comparisons, in file order.
    public var comparisons: [Comparison]
    /// The risk-of-bias items, in file order.
    public var qualityItems: [QualityItem]

    /// An included study.
    public struct Study: Sendable {
        /// RevMan's study ID, e.g. "STD-Bennike-1951".
        public var id: String
        /// The name RevMan shows ("Bennike 1951").
        public var name: String
        /// The study's year, if given.
        public var year: Int?
        /// The line of the study in the file, for messages.
        public var line: Int
    }

    /// A comparison (COMPARISON) and its outcomes.
    public struct Comparison: Sendable {
        /// RevMan's comparison ID, e.g. "CMP-001".
        public var id: String
        /// The comparison's number (the 1 of outcome 1.2).
        public var number: Int?
        /// The comparison's name.
        public var name: String
        /// Its outcomes, in order.
        public var outcomes: [Outcome]
        /// The line of the comparison in the file, for messages.
        public var line: Int
    }

    /// The kind of data an outcome holds.
    public enum OutcomeKind: String, Sendable {
        /// DICH_OUTCOME: events and totals.
        case dichotomous
        /// CONT_OUTCOME: means, SDs and totals.
        case continuous
        /// IV_OUTCOME: an estimate and its standard error per study.
        case genericInverseVariance

        /// The XML element names of the outcome, its subgroups and its data rows.
        var elements: (outcome: String, subgroup: String, data: String) {
            switch self {
            case .dichotomous: return ("DICH_OUTCOME", "DICH_SUBGROUP", "DICH_DATA")
            case .continuous: return ("CONT_OUTCOME", "CONT_SUBGROUP", "CONT_DATA")
            case .genericInverseVariance: return ("IV_OUTCOME", "IV_SUBGROUP", "IV_DATA")
            }
        }
    }

    /// An outcome (one analysis in RevMan's numbering, e.g. 1.2).
    public struct Outcome: Sendable {
        /// RevMan's ID, e.g. "CMP-001.02".
        public var id: String
        /// The outcome's number within its comparison (the 2 of 1.2).
        public var number: Int?
        /// The outcome's name.
        public var name: String
        /// The kind of data it holds.
        public var kind: OutcomeKind
        /// RR, OR, RD, PETO_OR, MD, SMD, or the name of a generic effect ("Hazard Ratio").
        public var effectMeasure: String
        /// MH, IV or PETO (dichotomous outcomes; the others are always IV).
        public var method: String
        /// A random-effects analysis (RANDOM="YES").
        public var randomEffects: Bool
        /// Generic inverse variance: the estimates were entered on the log scale (a ratio).
        public var logData: Bool
        /// The confidence levels of study and total intervals, in percent.
        public var studyConfidence: Double
        /// The confidence level of the total's interval, in percent.
        public var totalConfidence: Double
        /// GROUP_LABEL_1/2: the experimental and control groups.
        public var groupLabels: (experimental: String?, control: String?)
        /// GRAPH_LABEL_1/2: the labels under the left and right of the forest plot's axis.
        public var graphLabels: (left: String?, right: String?)
        /// Whether the outcome is split into subgroups, and whether RevMan tests their differences.
        public var hasSubgroups: Bool
        /// Whether RevMan tests for subgroup differences.
        public var subgroupTest: Bool
        /// YES (totals and subtotals), SUB (subtotals only) or NO.
        public var totals: String
        /// Events and non-events swapped (SWAP_EVENTS="YES").
        public var swapEvents: Bool
        /// The units of a continuous outcome, if given.
        public var units: String?
        /// What RevMan computed for the whole outcome.
        public var result: Result
        /// The subgroups, in order, with what RevMan computed for each.
        public var subgroups: [Subgroup]
        /// The data rows, in file order (a row's `subgroup` indexes `subgroups`).
        public var rows: [Row]
        /// The line of the outcome in the file, for messages.
        public var line: Int
    }

    /// A subgroup of an outcome.
    public struct Subgroup: Sendable {
        /// RevMan's subgroup ID.
        public var id: String
        /// The subgroup's name.
        public var name: String
        /// What RevMan computed for the subgroup.
        public var result: Result
        /// The line of the subgroup in the file, for messages.
        public var line: Int
    }

    /// What RevMan computed for an outcome or subgroup, as stored. Nil where RevMan computed nothing.
    public struct Result: Sendable {
        /// Whether RevMan shows a pooled result (ESTIMABLE="YES").
        public var estimable: Bool
        /// The effect and its confidence interval on the natural scale (ratios as ratios).
        public var effect: Double?
        /// The lower confidence limit.
        public var ciStart: Double?
        /// The upper confidence limit.
        public var ciEnd: Double?
        /// |z| of the test for the overall effect and its p-value.
        public var z: Double?
        /// The p-value of the z test.
        public var pZ: Double?
        /// Cochran's Q (Chi²), its df and p-value, I² in percent, τ².
        public var chi2: Double?
        /// Degrees of freedom of Q.
        public var df: Double?
        /// The p-value of Q.
        public var pChi2: Double?
        /// I², in percent.
        public var i2: Double?
        /// τ², for random-effects analyses.
        public var tau2: Double?
        /// The test for subgroup differences (outcomes only): Q, its p-value and I².
        public var subgroupQ: Double?
        /// The p-value of the test for subgroup differences.
        public var subgroupP: Double?
        /// I² of the subgroup differences, in percent.
        public var subgroupI2: Double?
        /// The number of studies and the participants per arm.
        public var studies: Int?
        /// Participants in the experimental arm.
        public var total1: Double?
        /// Participants in the control arm.
        public var total2: Double?

        /// A result with nothing stored but whether it is estimable.
        public init(estimable: Bool) { self.estimable = estimable }
    }

    /// One study's data in an outcome, with what RevMan computed for it.
    public struct Row: Sendable {
        /// The data entered for the study.
        public enum Values: Sendable {
            case dichotomous(events1: Double, total1: Double, events2: Double, total2: Double)
            case continuous(mean1: Double, sd1: Double, total1: Double, mean2: Double, sd2: Double, total2: Double)
            /// The estimate as entered (log scale when the outcome's `logData`) and its SE.
            case generic(estimate: Double, se: Double, total1: Double?, total2: Double?)
        }

        /// The study's RevMan ID (see `RevManFile.studies`).
        public var studyID: String
        /// Index into the outcome's `subgroups`, or nil.
        public var subgroup: Int?
        /// The data entered.
        public var values: Values
        /// RevMan's own study result: estimable (nil when the file does not say), effect (natural
        /// scale), CI and weight (percent).
        public var estimable: Bool?
        /// RevMan's effect for the study (natural scale).
        public var effect: Double?
        /// The lower confidence limit of the study's effect.
        public var ciStart: Double?
        /// The upper confidence limit of the study's effect.
        public var ciEnd: Double?
        /// The study's weight, in percent.
        public var weight: Double?
        /// The row's footnote, if any (it tells rows of the same study apart).
        public var footnote: String?
        /// The line of the row in the file, for messages.
        public var line: Int
    }

    /// A risk-of-bias item (QUALITY_ITEM) with each study's judgement.
    public struct QualityItem: Sendable {
        /// RevMan's item ID.
        public var id: String
        /// The item's name, e.g. "Random sequence generation (selection bias)".
        public var name: String
        /// STUDY: one judgement per study; GROUP: one per study and outcome group.
        public var level: String
        /// The outcome groups of a GROUP item (id, name), in order.
        public var groups: [(id: String, name: String)]
        /// Each judgement: the study, the group (GROUP items), and RevMan's YES, NO or UNKNOWN.
        public var entries: [(studyID: String, groupID: String?, result: String, line: Int)]
        /// The line of the item in the file, for messages.
        public var line: Int
    }
}
