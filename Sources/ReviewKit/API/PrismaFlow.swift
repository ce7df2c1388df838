import Foundation

/// The counts of a PRISMA 2020 flow diagram (Page et al., BMJ 2021).
public struct PrismaFlow: Sendable {
    /// A labelled count: a database, a reason for exclusion, a source.
    public struct Count: Sendable, Hashable {
        public var label: String
        public var count: Int

        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    /// Studies and reports from the previous version of an updated review.
    public struct Previous: Sendable, Hashable {
        public var studies: Int
        public var reports: Int?

        public init(studies: Int, reports: Int? = nil) {
            self.studies = studies
            self.reports = reports
        }
    }

    /// The "other methods" column: websites, organisations, citation searching.
    public struct OtherMethods: Sendable, Hashable {
        public var identified: [Count]
        public var sought: Int?
        public var notRetrieved: Int?
        public var assessed: Int?
        public var excludedReports: [Count]

        public init(identified: [Count], sought: Int? = nil, notRetrieved: Int? = nil, assessed: Int? = nil, excludedReports: [Count]) {
            self.identified = identified
            self.sought = sought
            self.notRetrieved = notRetrieved
            self.assessed = assessed
            self.excludedReports = excludedReports
        }
    }

    public var previous: Previous?
    /// Records per database (one unlabelled entry when only a total is given).
    public var databases: [Count]
    public var registers: [Count]
    public var removedDuplicates: Int?
    public var removedAutomation: Int?
    public var removedOther: Int?
    public var screened: Int?
    public var excludedScreening: Int?
    public var sought: Int?
    public var notRetrieved: Int?
    public var assessed: Int?
    public var excludedReports: [Count]
    public var otherMethods: OtherMethods?
    public var includedStudies: Int?
    public var includedReports: Int?
    public var metaAnalysisStudies: Int?
    public var location: SourceLocation

    public var databaseTotal: Int { databases.reduce(0) { $0 + $1.count } }
    public var registerTotal: Int { registers.reduce(0) { $0 + $1.count } }
    public var removedTotal: Int { (removedDuplicates ?? 0) + (removedAutomation ?? 0) + (removedOther ?? 0) }

    public init(previous: Previous? = nil, databases: [Count], registers: [Count], removedDuplicates: Int? = nil, removedAutomation: Int? = nil, removedOther: Int? = nil, screened: Int? = nil, excludedScreening: Int? = nil, sought: Int? = nil, notRetrieved: Int? = nil, assessed: Int? = nil, excludedReports: [Count], otherMethods: OtherMethods? = nil, includedStudies: Int? = nil, includedReports: Int? = nil, metaAnalysisStudies: Int? = nil, location: SourceLocation) {
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
        self.location = location
    }
}
