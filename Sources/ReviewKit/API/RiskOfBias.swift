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

/// What one cell of judgements says, read for a particular tool.
public enum JudgementReading: Sendable, Equatable {
    case judgement(Judgement)
    /// Blank, "Not applicable", "NA" or "N/A".
    case notApplicable
    /// Nothing on this tool's scale. `reason` explains a refused mark that means different
    /// levels in different conventions; nil when the text is simply not a judgement.
    case unmappable(reason: String?)
}

/// A risk-of-bias tool: its domains and its judgement scale.
public struct RiskOfBiasTool: Sendable, Hashable {
    /// One domain with a short caption (for column heads: "D1") and its full name.
    public struct Domain: Sendable, Hashable {
        /// The column caption, e.g. "D1".
        public var short: String
        /// The domain's full name, e.g. "Bias arising from the randomization process".
        public var name: String
        /// The part of the tool the domain belongs to, when the tool has parts (QUADAS-2's
        /// "Risk of bias" and "Applicability concerns"); nil for single-part tools.
        public var group: String?

        /// A domain with its caption, name and, for tools with parts, its part.
        public init(short: String, name: String, group: String? = nil) {
            self.short = short
            self.name = name
            self.group = group
        }
    }

    /// One level of the tool's scale: the judgement, the tool's name for it, and the other
    /// spellings read as this level (lower case, compared after `RiskOfBiasTool.normalized`).
    public struct Level: Sendable, Hashable {
        /// The shared judgement this level maps to.
        public var judgement: Judgement
        /// The tool's name for it, e.g. "Some concerns".
        public var name: String
        /// Other spellings read as this level.
        public var spellings: [String]

        /// A level of the tool's scale.
        public init(_ judgement: Judgement, _ name: String, spellings: [String] = []) {
            self.judgement = judgement
            self.name = name
            self.spellings = spellings
        }
    }

    /// The id users write (`ROB2`, `ROB1`, `ROBINS-I`, …).
    public var id: String
    /// The tool's name in captions.
    public var name: String
    /// The domains, in order.
    public var domains: [Domain]
    /// The judgement levels this tool uses, from low to high risk (No information is added to every tool).
    public var levels: [Level]
    /// Marks that mean different levels in different conventions, each with the reason it is refused.
    public var ambiguous: [String: String]
    /// Whether the tool has an overall judgement.
    public var hasOverall: Bool
    /// How many of the last domains a file may leave out: QUADAS-2's three applicability
    /// domains, which robvis's QUADAS-2 layout does not have.
    public var optionalDomainCount = 0

    /// Whether this is the generic tool with the review's own domains.
    public var isGeneric: Bool { id == "generic" }

    /// " (RoB 2)" after "Risk of bias" in titles; nothing for the generic tool, whose name is
    /// "Risk of bias" already.
    public var titleSuffix: String { isGeneric ? "" : " (\(name))" }

    /// How the report names the tool: "RoB 2", or "the review's own domains" for the generic tool.
    public var assessmentName: String { isGeneric ? "the review's own domains" : name }

    /// A tool; the built-in ones are `RiskOfBiasTool.builtIn`.
    public init(id: String, name: String, domains: [Domain], levels: [Level], ambiguous: [String: String] = [:],
                hasOverall: Bool = true) {
        self.id = id
        self.name = name
        self.domains = domains
        self.levels = levels
        self.ambiguous = ambiguous
        self.hasOverall = hasOverall
    }

    public static func == (a: RiskOfBiasTool, b: RiskOfBiasTool) -> Bool { a.id == b.id && a.domains == b.domains }
    public func hash(into hasher: inout Hasher) { hasher.combine(id); hasher.combine(domains) }

    /// The tool's own name for a level ("Some concerns" for RoB 2's `.moderate`).
    public func label(for judgement: Judgement) -> String {
        if let level = levels.first(where: { $0.judgement == judgement }) { return level.name }
        return judgement == .noInformation ? "No information" : "\(judgement)"
    }

    /// Every level a figure legend should offer: the tool's scale, then No information.
    public var scale: [Judgement] { levels.map(\.judgement) + [.noInformation] }

    /// Reads a judgement as reviewers write it. Case, spacing, a trailing "risk (of bias)" and
    /// a trailing remark in brackets do not matter; each tool lists what else it accepts, and
    /// a mark whose meaning depends on the convention (`-` is High in RevMan's RoB 1 tables but
    /// Some concerns in robvis's RoB 2 figures) is refused for the tools where it is ambiguous.
    public func read(_ text: String) -> JudgementReading {
        let key = Self.normalized(text)
        if ["", "not applicable", "na", "n/a"].contains(key) { return .notApplicable }
        for level in levels where level.name.lowercased() == key || level.spellings.contains(key) {
            return .judgement(level.judgement)
        }
        if ["low", "l", "+"].contains(key) { return .judgement(.low) }
        if ["no information", "no info", "ni"].contains(key) { return .judgement(.noInformation) }
        return .unmappable(reason: ambiguous[key])
    }

    /// The judgement a text names, or nil when it is not applicable or cannot be mapped.
    public func judgement(from text: String) -> Judgement? {
        if case .judgement(let judgement) = read(text) { return judgement }
        return nil
    }

    /// The level names, for messages.
    public var acceptedJudgements: String {
        (levels.map(\.name) + ["No information"]).joined(separator: ", ")
    }

    /// The hint for a text that `read` could not map: why, when it is an ambiguous mark, and what to write.
    public func hint(forUnmappable reason: String?, emptyMeans place: String = "the cell") -> String {
        (reason.map { $0 + " " } ?? "") + "Use one of: \(acceptedJudgements); leave \(place) empty for not applicable."
    }

    /// Lower case, single spaces, typographic dashes and crosses as plain marks, and without
    /// "risk (of bias)", a trailing full stop or a trailing remark in brackets.
    static func normalized(_ text: String) -> String {
        var key = text.lowercased()
            .replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "\u{2212}", with: "-")
            .replacingOccurrences(of: "\u{2013}", with: "-")
            .replacingOccurrences(of: "\u{2014}", with: "-")
            .replacingOccurrences(of: "\u{00D7}", with: "x")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if key.hasSuffix(")"), let open = key.lastIndex(of: "("), open != key.startIndex {
            key = String(key[..<open]).trimmingCharacters(in: .whitespaces)
        }
        if key.count > 1, key.hasSuffix(".") { key.removeLast() }
        for suffix in [" risk of bias", " risk"] where key.hasSuffix(suffix) {
            key.removeLast(suffix.count)
        }
        return key
    }
}

/// One study's judgements, in the tool's domain order (nil = not applicable).
public struct RiskOfBiasStudy: Sendable {
    /// The study's label, as in the analyses.
    public var study: String
    /// One judgement per domain, in the tool's order; nil where a domain does not apply.
    public var judgements: [Judgement?]
    /// The overall judgement, if given.
    public var overall: Judgement?
    /// Optional weight (e.g. the study's weight in an analysis) for weighted summaries.
    public var weight: Double?
    /// Where the study's row is written, for messages.
    public var location: SourceLocation

    /// One study's judgements.
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
    /// The tool used.
    public var tool: RiskOfBiasTool
    /// Each study's judgements.
    public var studies: [RiskOfBiasStudy]
    /// The analysis whose study weights weight the summary plot, if named. Figures never run
    /// analyses: whoever draws the summary passes that analysis's outcome in the figure input.
    public var analysisID: String?
    /// Where the `risk_of_bias` section is written, for messages.
    public var location: SourceLocation

    /// An assessment with `tool`.
    public init(tool: RiskOfBiasTool, studies: [RiskOfBiasStudy], analysisID: String? = nil, location: SourceLocation) {
        var tool = tool
        // Judgements read without the tool's optional domains: the assessment has only the others.
        let counts = Set(studies.map(\.judgements.count))
        if counts.count == 1, let count = counts.first, count < tool.domains.count,
           count >= tool.domains.count - tool.optionalDomainCount {
            tool.domains = Array(tool.domains.prefix(count))
        }
        self.tool = tool
        self.studies = studies
        self.analysisID = analysisID
        self.location = location
    }

    /// Whether any study has an overall judgement (the figures then draw an Overall column).
    public var hasOverall: Bool { studies.contains { $0.overall != nil } }
}
