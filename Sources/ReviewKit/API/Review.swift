import Foundation

/// Everything one review file describes.
public struct Review: Sendable {
    public var title: String
    public var authors: [String]
    public var date: String?
    /// A built-in theme name, or a path resolved against the review's folder.
    public var theme: String?
    public var summary: String?
    public var arms: Arms
    public var analyses: [Analysis]
    public var riskOfBias: RiskOfBiasAssessment?
    public var summaryOfFindings: SummaryOfFindings?
    public var prisma: PrismaFlow?
    /// Study characteristics as a table (columns in the user's order).
    public var characteristics: DataTable?
    /// The review file it was read from.
    public var file: URL?
    /// The review file and every file it refers to that was read (outputs must never replace one).
    public var inputFiles: [URL] = []

    public init(title: String, authors: [String] = [], date: String? = nil, theme: String? = nil,
                summary: String? = nil, arms: Arms = Arms(), analyses: [Analysis] = [],
                riskOfBias: RiskOfBiasAssessment? = nil, summaryOfFindings: SummaryOfFindings? = nil,
                prisma: PrismaFlow? = nil, characteristics: DataTable? = nil, file: URL? = nil) {
        self.title = title
        self.authors = authors
        self.date = date
        self.theme = theme
        self.summary = summary
        self.arms = arms
        self.analyses = analyses
        self.riskOfBias = riskOfBias
        self.summaryOfFindings = summaryOfFindings
        self.prisma = prisma
        self.characteristics = characteristics
        self.file = file
    }

    /// The analysis with this id.
    public func analysis(_ id: String) -> Analysis? { analyses.first { $0.id == id } }
}
