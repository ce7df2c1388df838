import Foundation

/// A risk-of-bias judgement on one domain, on a scale shared by the common tools. Each tool names
/// the levels its own way (RoB 1 "Unclear", RoB 2 "Some concerns", ROBINS-I "Moderate"/"Serious").
public enum Judgement: Int, CaseIterable, Sendable, Comparable, Codable {
    case low = 0
    /// Some concerns (RoB 2, ROBINS-E), unclear (RoB 1, QUADAS-2), moderate (ROBINS-I, QUIPS).
    case moderate = 1
    /// High (RoB 1, RoB 2, QUADAS-2, QUIPS, ROBINS-E), serious (ROBINS-I).
    case high = 2
    /// Critical (ROBINS-I), very high (ROBINS-E).
    case critical = 3
    case noInformation = 4

    public static func < (a: Judgement, b: Judgement) -> Bool { a.rawValue < b.rawValue }
}

/// A risk-of-bias tool: its domains and the names of its judgement levels.
public struct RiskOfBiasTool: Sendable, Hashable {
    /// One domain with a short caption (for column heads: "D1") and its full name.
    public struct Domain: Sendable, Hashable {
        public var short: String
        public var name: String
        public init(short: String, name: String) {
            self.short = short
            self.name = name
        }
    }

    /// The id users write (`ROB2`, `ROB1`, `ROBINS-I`, …).
    public var id: String
    /// The tool's name in captions.
    public var name: String
    public var domains: [Domain]
    /// The judgement levels this tool uses, in order, with their names.
    public var levels: [(Judgement, String)]
    /// Whether the tool has an overall judgement.
    public var hasOverall: Bool

    public static func == (a: RiskOfBiasTool, b: RiskOfBiasTool) -> Bool { a.id == b.id && a.domains == b.domains }
    public func hash(into hasher: inout Hasher) { hasher.combine(id); hasher.combine(domains) }

    /// The tool's own name for a level ("Some concerns" for RoB 2's `.moderate`).
    public func label(for judgement: Judgement) -> String {
        levels.first { $0.0 == judgement }?.1 ?? (judgement == .noInformation ? "No information" : "\(judgement)")
    }

    /// Reads a judgement as reviewers write it; nil when it cannot be mapped for this tool.
    /// Blank cells are handled by the caller (not applicable).
    public func judgement(from text: String) -> Judgement? {
        let key = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: " risk of bias", with: "")
            .replacingOccurrences(of: " risk", with: "")
        let universal: [String: Judgement] = [
            "low": .low, "+": .low, "yes": .low, "l": .low,
            "high": .high, "-": .high, "\u{2212}": .high, "x": .high, "no": .high, "h": .high,
            "no information": .noInformation, "ni": .noInformation, "no info": .noInformation,
        ]
        if let found = universal[key] { return found }
        for (level, name) in levels where name.lowercased() == key { return level }
        let middle: Set<String> = ["some concerns", "some concern", "unclear", "moderate", "?", "unknown", "!", "medium", "m", "u", "sc"]
        if middle.contains(key), levels.contains(where: { $0.0 == .moderate }) { return .moderate }
        let top: Set<String> = ["critical", "very high", "serious", "c"]
        if key == "serious", levels.contains(where: { $0.0 == .high && $0.1 == "Serious" }) { return .high }
        if top.contains(key), levels.contains(where: { $0.0 == .critical }) { return .critical }
        return nil
    }

    /// Every accepted spelling, for error messages.
    public var acceptedJudgements: String {
        (levels.map(\.1) + ["No information"]).joined(separator: ", ")
    }
}

/// One study's judgements, in the tool's domain order (nil = not applicable).
public struct RiskOfBiasStudy: Sendable {
    public var study: String
    public var judgements: [Judgement?]
    public var overall: Judgement?
    /// Optional weight (e.g. the study's weight in an analysis) for weighted summaries.
    public var weight: Double?
    public var location: SourceLocation

    public init(study: String, judgements: [Judgement?], overall: Judgement? = nil, weight: Double? = nil, location: SourceLocation) {
        self.study = study
        self.judgements = judgements
        self.overall = overall
        self.weight = weight
        self.location = location
    }
}

/// A review's risk-of-bias assessment.
public struct RiskOfBiasAssessment: Sendable {
    public var tool: RiskOfBiasTool
    public var studies: [RiskOfBiasStudy]
    /// The analysis whose study weights weight the summary plot, if named.
    public var analysisID: String?
    public var location: SourceLocation

    public init(tool: RiskOfBiasTool, studies: [RiskOfBiasStudy], analysisID: String? = nil, location: SourceLocation) {
        self.tool = tool
        self.studies = studies
        self.analysisID = analysisID
        self.location = location
    }
}
