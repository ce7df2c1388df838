import Foundation

/// Everything one review file describes.
public struct Review: Sendable {
    /// The review's title.
    public var title: String
    /// The authors, in order.
    public var authors: [String]
    /// A date, as free text.
    public var date: String?
    /// A built-in theme name, or a path resolved against the review's folder.
    public var theme: String?
    /// A paragraph shown under the title.
    public var summary: String?
    /// The default labels of the two groups, for analyses that give none.
    public var arms: Arms
    /// The analyses, in the file's order.
    public var analyses: [Analysis]
    /// The risk-of-bias assessment, if any.
    public var riskOfBias: RiskOfBiasAssessment?
    /// The GRADE summary of findings, if any.
    public var summaryOfFindings: SummaryOfFindings?
    /// The PRISMA 2020 flow counts, if any.
    public var prisma: PrismaFlow?
    /// Study characteristics as a table (columns in the user's order).
    public var characteristics: DataTable?
    /// Options for the review-wide figures (PRISMA flow, risk of bias), which are drawn whenever
    /// the review has their data; the review file's top-level `figures`.
    public var figures: [FigureRequest] = []
    /// The review file it was read from.
    public var file: URL?
    /// The review file and every file it refers to that was read (outputs must never replace one).
    public var inputFiles: [URL] = []

    /// A review; review files are read into these by `ReviewLoader`.
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
