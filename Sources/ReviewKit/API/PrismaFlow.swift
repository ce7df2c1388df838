import Foundation

/// The counts of a PRISMA 2020 flow diagram (Page et al., BMJ 2021).
public struct PrismaFlow: Sendable {
    /// A labelled count: a database, a reason for exclusion, a source.
    public struct Count: Sendable, Hashable {
        /// The name; empty for a total given without a breakdown.
        public var label: String
        /// The number.
        public var count: Int

        /// A count with its label (empty for an unlabelled total).
        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// Studies and reports from the previous version of an updated review.
    public struct Previous: Sendable, Hashable {
        /// Studies included in the previous version.
        public var studies: Int
        /// Reports of those studies, if given.
        public var reports: Int?

        /// The previous version's studies and, if given, reports.
        public init(studies: Int, reports: Int? = nil) {
            self.studies = studies
            self.reports = reports
        }
    }

    /// The "other methods" column: websites, organisations, citation searching.
    public struct OtherMethods: Sendable, Hashable {
        /// Records identified, per source (websites, organisations, citation searching).
        public var identified: [Count]
        /// Reports sought for retrieval.
        public var sought: Int?
        /// Reports not retrieved.
        public var notRetrieved: Int?
        /// Reports assessed for eligibility.
        public var assessed: Int?
        /// Reports excluded, per reason.
        public var excludedReports: [Count]

        /// The other-methods column's counts.
        public init(identified: [Count], sought: Int? = nil, notRetrieved: Int? = nil, assessed: Int? = nil, excludedReports: [Count]) {
            self.identified = identified
            self.sought = sought
            self.notRetrieved = notRetrieved
            self.assessed = assessed
            self.excludedReports = excludedReports
        }

        /// Records identified by other methods; nil when none are given.
        public var identifiedTotal: Int? { identified.isEmpty ? nil : identified.reduce(0) { $0 + $1.count } }
        /// Reports excluded, all reasons together.
        public var excludedReportsTotal: Int { excludedReports.reduce(0) { $0 + $1.count } }
    }

    /// The previous version's studies, for an updated review.
    public var previous: Previous?
    /// Records per database (one unlabelled entry when only a total is given).
    public var databases: [Count]
    /// Records per register.
    public var registers: [Count]
    /// Duplicate records removed before screening.
    public var removedDuplicates: Int?
    /// Records marked as ineligible by automation tools.
    public var removedAutomation: Int?
    /// Records removed for other reasons before screening.
    public var removedOther: Int?
    /// Records screened.
    public var screened: Int?
    /// Records excluded at screening.
    public var excludedScreening: Int?
    /// Reports sought for retrieval.
    public var sought: Int?
    /// Reports not retrieved.
    public var notRetrieved: Int?
    /// Reports assessed for eligibility.
    public var assessed: Int?
    /// Reports excluded, per reason.
    public var excludedReports: [Count]
    /// The other-methods column, when other methods were used.
    public var otherMethods: OtherMethods?
    /// Studies included in the review.
    public var includedStudies: Int?
    /// Reports of included studies.
    public var includedReports: Int?
    /// Studies included in the meta-analysis, if given.
    public var metaAnalysisStudies: Int?
    /// Why the counts do not add up, when the review says so on purpose (typically a published
    /// paper whose own numbers do not add up); its arithmetic problems then become notes.
    public var acknowledgedInconsistencies: String?
    /// Where the `prisma` section is written, for messages.
    public var location: SourceLocation

    /// Records from all databases.
    public var databaseTotal: Int { databases.reduce(0) { $0 + $1.count } }
    /// Records from all registers.
    public var registerTotal: Int { registers.reduce(0) { $0 + $1.count } }
    /// Records removed before screening, for any reason.
    public var removedTotal: Int { (removedDuplicates ?? 0) + (removedAutomation ?? 0) + (removedOther ?? 0) }
    /// Records from databases and registers; nil when neither is given.
    public var identifiedTotal: Int? { databases.isEmpty && registers.isEmpty ? nil : databaseTotal + registerTotal }
    /// Reports excluded with reasons (databases and registers).
    public var excludedReportsTotal: Int { excludedReports.reduce(0) { $0 + $1.count } }

    /// The flow's counts; those not given stay nil and are shown as not reported.
    public init(previous: Previous? = nil, databases: [Count], registers: [Count], removedDuplicates: Int? = nil, removedAutomation: Int? = nil, removedOther: Int? = nil, screened: Int? = nil, excludedScreening: Int? = nil, sought: Int? = nil, notRetrieved: Int? = nil, assessed: Int? = nil, excludedReports: [Count], otherMethods: OtherMethods? = nil, includedStudies: Int? = nil, includedReports: Int? = nil, metaAnalysisStudies: Int? = nil, acknowledgedInconsistencies: String? = nil, location: SourceLocation) {
        self.previous = previous
        self.databases = databases
        self.registers = registers
        self.removedDuplicates = removedDuplicates
        self.removedAutomation = removedAutomation
        self.removedOther = removedOther
        self.screened = screened
        self.excludedScreening = excludedScreening
        self.sought = sought
        self.notRetrieved = notRetrieved
        self.assessed = assessed
        self.excludedReports = excludedReports
        self.otherMethods = otherMethods
        self.includedStudies = includedStudies
        self.includedReports = includedReports
        self.metaAnalysisStudies = metaAnalysisStudies
        self.acknowledgedInconsistencies = acknowledgedInconsistencies
        self.location = location
    }
}

extension PrismaFlow {
    /// A count that does not follow from the others.
    public struct ArithmeticProblem: Sendable, Hashable {
        /// The key of the `prisma` section the count is written under; nested keys are dotted
        /// (`other_methods.assessed`).
        public var key: String
        /// What does not add up, with the numbers.
        public var message: String

        /// A problem with the count under `key`.
        public init(key: String, message: String) {
            self.key = key
            self.message = message
        }
    }

    /// Every place where the flow's numbers do not add up, in the order of the diagram. PRISMA
    /// 2020's boxes must: each stage is the previous one minus what left it, and what is included
    /// is what was assessed minus what was excluded, in both columns, plus the previous version's.
    /// Counts that are not given are not guessed, so a check runs only when its counts are there
    /// (a missing "not retrieved" counts as 0).
    public func arithmeticProblems() -> [ArithmeticProblem] {
        var problems: [ArithmeticProblem] = []
        func add(_ key: String, _ message: String) { problems.append(ArithmeticProblem(key: key, message: message)) }
        func equal(_ key: String, _ name: String, _ actual: Int?, _ expected: Int?, _ formula: String) {
            guard let actual, let expected, actual != expected else { return }
            add(key, "\(name) is \(actual), but \(formula) = \(expected)")
        }
        func exceeds(_ part: Int?, _ whole: Int?) -> Bool {
            guard let part, let whole else { return false }
            return part > whole
        }

        // Identification and screening (databases and registers).
        let identified = identifiedTotal
        if screened != nil {
            equal("screened", "screened", screened, identified.map { $0 - removedTotal },
                  "records identified (\(identified ?? 0)) − removed before screening (\(removedTotal))")
        } else if exceeds(removedTotal, identified) {
            add("removed_before_screening", "records removed before screening (\(removedTotal)) exceed the records identified (\(identified ?? 0))")
        }
        if let screened, let excludedScreening, sought != nil {
            equal("sought", "sought", sought, screened - excludedScreening,
                  "records screened (\(screened)) − excluded (\(excludedScreening))")
        } else if exceeds(excludedScreening, screened) {
            add("excluded_screening", "records excluded (\(excludedScreening ?? 0)) exceed the records screened (\(screened ?? 0))")
        } else if exceeds(sought, screened) {
            add("sought", "reports sought (\(sought ?? 0)) exceed the records screened (\(screened ?? 0))")
        }
        // Retrieval and eligibility.
        if let sought, assessed != nil {
            equal("assessed", "assessed", assessed, sought - (notRetrieved ?? 0),
                  "reports sought (\(sought)) − not retrieved (\(notRetrieved ?? 0))")
        } else if exceeds(notRetrieved, sought) {
            add("not_retrieved", "reports not retrieved (\(notRetrieved ?? 0)) exceed the reports sought (\(sought ?? 0))")
        }
        let excluded = excludedReportsTotal
        if exceeds(excluded, assessed) {
            add("excluded_reports", "reports excluded (\(excluded)) exceed the reports assessed (\(assessed ?? 0))")
        }

        // The other-methods column: identified → sought → assessed, without a screening box.
        var otherEligible: Int?
        var otherBound: Int?
        if let other = otherMethods {
            if exceeds(other.sought, other.identifiedTotal) {
                add("other_methods.sought", "other methods: reports sought (\(other.sought ?? 0)) exceed the records identified (\(other.identifiedTotal ?? 0))")
            }
            if let sought = other.sought, other.assessed != nil {
                equal("other_methods.assessed", "other methods: assessed", other.assessed, sought - (other.notRetrieved ?? 0),
                      "reports sought (\(sought)) − not retrieved (\(other.notRetrieved ?? 0))")
            } else if exceeds(other.notRetrieved, other.sought) {
                add("other_methods.not_retrieved", "other methods: reports not retrieved (\(other.notRetrieved ?? 0)) exceed the reports sought (\(other.sought ?? 0))")
            }
            if exceeds(other.excludedReportsTotal, other.assessed) {
                add("other_methods.excluded_reports", "other methods: reports excluded (\(other.excludedReportsTotal)) exceed the reports assessed (\(other.assessed ?? 0))")
            } else if let assessed = other.assessed {
                otherEligible = assessed - other.excludedReportsTotal
            }
            // Without its assessed count the column adds an unknown number, at most what it sought.
            let retrieved = other.sought.map { $0 - (other.notRetrieved ?? 0) }.flatMap { $0 >= 0 ? $0 : nil }
            otherBound = otherEligible ?? retrieved ?? other.identifiedTotal
        }

        // Included: studies have at least one report each; totals include the previous version.
        if let previous, exceeds(previous.studies, previous.reports) {
            add("previous", "previous version: studies (\(previous.studies)) exceed their reports (\(previous.reports ?? 0)); every study has at least one report")
        }
        if exceeds(includedStudies, includedReports) {
            add("included_studies", "included studies (\(includedStudies ?? 0)) exceed the reports of included studies (\(includedReports ?? 0)); every study has at least one report")
        }
        if let previous, exceeds(previous.studies, includedStudies) {
            add("included_studies", "included studies (\(includedStudies ?? 0)) are fewer than the previous version's (\(previous.studies)); 'included_studies' counts all studies, previous and new")
        }
        if let assessed, excluded <= assessed {
            // What the included box must hold: exactly, or within bounds when a column's
            // contribution is not given (other methods without "assessed", previous without "reports").
            var eligible = assessed - excluded
            var formula = "reports assessed (\(assessed)) − excluded (\(excluded))"
            var unknownUpTo: Int? = 0
            if let other = otherMethods {
                if let otherEligible, let otherAssessed = other.assessed {
                    eligible += otherEligible
                    formula += " + other methods: assessed (\(otherAssessed)) − excluded (\(other.excludedReportsTotal))"
                } else {
                    unknownUpTo = otherBound
                }
            }
            if let previous {
                eligible += previous.reports ?? previous.studies
                formula += previous.reports.map { " + previous reports (\($0))" } ?? " + previous studies (\(previous.studies))"
                if previous.reports == nil { unknownUpTo = nil }
            }
            if unknownUpTo == 0 {
                if let reports = includedReports {
                    equal("included_reports", "included reports", reports, eligible, formula)
                } else if exceeds(includedStudies, eligible) {
                    add("included_studies", "included studies (\(includedStudies ?? 0)) exceed the eligible reports: \(formula) = \(eligible)")
                }
            } else {
                if let reports = includedReports, reports < eligible {
                    add("included_reports", "included reports (\(reports)) are fewer than \(formula) = \(eligible)")
                } else if let bound = unknownUpTo, let counted = includedReports ?? includedStudies, counted > eligible + bound {
                    let key = includedReports != nil ? "included_reports" : "included_studies"
                    add(key, "\(key == "included_reports" ? "included reports" : "included studies") (\(counted)) exceed \(formula) + at most \(bound) from other methods = \(eligible + bound)")
                }
            }
        }
        if let studies = metaAnalysisStudies, let included = includedStudies, studies > included {
            add("meta_analysis_studies", "studies in the meta-analysis (\(studies)) exceed the studies included (\(included))")
        }
        return problems
    }
}
