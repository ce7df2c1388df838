import Foundation

/// The counts of a PRISMA 2020 flow diagram (Page et al., BMJ 2021).
public struct PrismaFlow: Sendable {
    /// A labelled count: a database, a reason for exclusion, a source.
    public struct Count: Sendable, Hashable {
        public var label: String
        public var count: Int
    }

    /// Studies and reports from the previous version of an updated review.
    public struct Previous: Sendable, Hashable {
        public var studies: Int
        public var reports: Int?
    }

    /// The "other methods" column: websites, organisations, citation searching.
    public struct OtherMethods: Sendable, Hashable {
        public var identified: [Count]
        public var sought: Int?
        public var notRetrieved: Int?
        public var assessed: Int?
        public var excludedReports: [Count]
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
}
