import Foundation

/// The built-in templates. Domain names and scales follow each tool's publication; the spellings
/// accepted besides a level's own name are listed with the level, so the mapping is explicit.
///
/// Every tool also reads Low as `low`, `l` or `+`, No information as `no information`, `no info`
/// or `ni`, and blank, `not applicable`, `NA` or `N/A` as not applicable. The one-letter forms are
/// robvis's abbreviations (it keeps the first letter of each judgement).
extension RiskOfBiasTool {
    /// RoB 2 for randomized trials (Sterne et al., BMJ 2019;366:l4898).
    public static let rob2 = RiskOfBiasTool(
        id: "ROB2", name: "RoB 2",
        domains: rob2Domains(cluster: false),
        levels: rob2Levels, ambiguous: rob2Ambiguous)

    /// RoB 2 for cluster-randomized trials (Eldridge et al., 2021): domain 1 is split into 1a
    /// (randomization) and 1b (identification and recruitment of participants).
    public static let rob2Cluster = RiskOfBiasTool(
        id: "ROB2-cluster", name: "RoB 2 for cluster-randomized trials",
        domains: rob2Domains(cluster: true),
        levels: rob2Levels, ambiguous: rob2Ambiguous)

    /// The original Cochrane risk-of-bias tool (Higgins et al., BMJ 2011;343:d5928) with RevMan 5's
    /// seven domains, as the reviews in the examples report it. RevMan 5 stores its judgements as
    /// YES (low risk), NO (high risk) and UNKNOWN (unclear risk) and prints them as +, − and ?.
    public static let rob1 = RiskOfBiasTool(
        id: "ROB1", name: "RoB 1",
        domains: [
            .init(short: "D1", name: "Random sequence generation (selection bias)"),
            .init(short: "D2", name: "Allocation concealment (selection bias)"),
            .init(short: "D3", name: "Blinding of participants and personnel (performance bias)"),
            .init(short: "D4", name: "Blinding of outcome assessment (detection bias)"),
            .init(short: "D5", name: "Incomplete outcome data (attrition bias)"),
            .init(short: "D6", name: "Selective reporting (reporting bias)"),
            .init(short: "D7", name: "Other bias"),
        ],
        levels: [
            .init(.low, "Low", spellings: ["yes"]),
            .init(.moderate, "Unclear", spellings: ["u", "?", "unknown"]),
            .init(.high, "High", spellings: ["h", "-", "x", "no"]),
        ])

    /// ROBINS-I for non-randomized studies of interventions (Sterne et al., BMJ 2016;355:i4919).
    public static let robinsI = RiskOfBiasTool(
        id: "ROBINS-I", name: "ROBINS-I",
        domains: [
            .init(short: "D1", name: "Bias due to confounding"),
            .init(short: "D2", name: "Bias in selection of participants into the study"),
            .init(short: "D3", name: "Bias in classification of interventions"),
            .init(short: "D4", name: "Bias due to deviations from intended interventions"),
            .init(short: "D5", name: "Bias due to missing data"),
            .init(short: "D6", name: "Bias in measurement of outcomes"),
            .init(short: "D7", name: "Bias in selection of the reported result"),
        ],
        levels: [
            .init(.low, "Low"),
            .init(.moderate, "Moderate", spellings: ["m"]),
            .init(.high, "Serious", spellings: ["s", "x"]),
            .init(.critical, "Critical", spellings: ["c", "!"]),
        ],
        ambiguous: symbolsAmbiguousOutsideRevMan.merging([
            "high": "ROBINS-I has no 'High': its levels above Moderate are Serious and Critical.",
        ]) { a, _ in a })

    /// ROBINS-E for non-randomized studies of exposures (ROBINS-E Development Group, Environ Int
    /// 2024;186:108602). Its Low is "low risk of bias (except for concerns about uncontrolled
    /// confounding)"; the remark in brackets is read as Low.
    public static let robinsE = RiskOfBiasTool(
        id: "ROBINS-E", name: "ROBINS-E",
        domains: [
            .init(short: "D1", name: "Risk of bias due to confounding"),
            .init(short: "D2", name: "Risk of bias arising from measurement of the exposure"),
            .init(short: "D3", name: "Risk of bias in selection of participants into the study (or into the analysis)"),
            .init(short: "D4", name: "Risk of bias due to post-exposure interventions"),
            .init(short: "D5", name: "Risk of bias due to missing data"),
            .init(short: "D6", name: "Risk of bias arising from measurement of the outcome"),
            .init(short: "D7", name: "Risk of bias in selection of the reported result"),
        ],
        levels: [
            .init(.low, "Low"),
            .init(.moderate, "Some concerns", spellings: ["some concern", "s", "sc"]),
            .init(.high, "High", spellings: ["h", "x"]),
            .init(.critical, "Very high", spellings: ["v", "vh", "!"]),
        ],
        ambiguous: symbolsAmbiguousOutsideRevMan)

    /// QUADAS-2 for diagnostic accuracy studies (Whiting et al., Ann Intern Med 2011;155:529):
    /// four risk-of-bias domains, then concerns about applicability for the first three. Both
    /// parts are judged low, high or unclear; a file may leave out the applicability domains. robvis calls the middle level "Some concerns",
    /// which is read as Unclear; RevMan 5 stores YES/NO/UNKNOWN as for RoB 1.
    public static let quadas2: RiskOfBiasTool = {
        var tool = quadas2Domains
        tool.optionalDomainCount = 3 // robvis's QUADAS-2 layout has the four risk-of-bias domains only
        return tool
    }()

    private static let quadas2Domains = RiskOfBiasTool(
        id: "QUADAS-2", name: "QUADAS-2",
        domains: [
            .init(short: "D1", name: "Patient selection", group: "Risk of bias"),
            .init(short: "D2", name: "Index test", group: "Risk of bias"),
            .init(short: "D3", name: "Reference standard", group: "Risk of bias"),
            .init(short: "D4", name: "Flow and timing", group: "Risk of bias"),
            .init(short: "A1", name: "Applicability concerns: patient selection", group: "Applicability concerns"),
            .init(short: "A2", name: "Applicability concerns: index test", group: "Applicability concerns"),
            .init(short: "A3", name: "Applicability concerns: reference standard", group: "Applicability concerns"),
        ],
        levels: [
            .init(.low, "Low", spellings: ["yes", "low concern", "low concerns"]),
            .init(.moderate, "Unclear", spellings: ["u", "?", "unknown", "unclear concern", "unclear concerns",
                                                    "some concerns", "some concern", "s"]),
            .init(.high, "High", spellings: ["h", "-", "x", "no", "high concern", "high concerns"]),
        ])

    /// QUIPS for studies of prognostic factors (Hayden et al., Ann Intern Med 2013;158:280).
    public static let quips = RiskOfBiasTool(
        id: "QUIPS", name: "QUIPS",
        domains: [
            .init(short: "D1", name: "Study participation"),
            .init(short: "D2", name: "Study attrition"),
            .init(short: "D3", name: "Prognostic factor measurement"),
            .init(short: "D4", name: "Outcome measurement"),
            .init(short: "D5", name: "Study confounding"),
            .init(short: "D6", name: "Statistical analysis and reporting"),
        ],
        levels: [
            .init(.low, "Low"),
            .init(.moderate, "Moderate", spellings: ["m"]),
            .init(.high, "High", spellings: ["h", "x"]),
        ],
        ambiguous: symbolsAmbiguousOutsideRevMan)

    /// A tool with the user's own domains and a four-level scale. Like robvis's generic template it
    /// reads Unclear and Moderate as the middle level, Serious as High and Very high as Critical.
    public static func generic(domains: [String]) -> RiskOfBiasTool {
        RiskOfBiasTool(
            id: "generic", name: "Risk of bias",
            domains: domains.enumerated().map { .init(short: "D\($0.offset + 1)", name: $0.element) },
            levels: [
                .init(.low, "Low"),
                .init(.moderate, "Some concerns", spellings: ["some concern", "s", "sc", "unclear", "u", "moderate", "m"]),
                .init(.high, "High", spellings: ["h", "x", "serious"]),
                .init(.critical, "Critical", spellings: ["c", "!", "very high"]),
            ],
            ambiguous: symbolsAmbiguousOutsideRevMan)
    }

    /// The built-in tools by id (the generic one needs its domains and is not listed).
    public static let builtIn: [RiskOfBiasTool] = [rob2, rob2Cluster, rob1, robinsI, robinsE, quadas2, quips]

    /// Every id users may write, including `generic`.
    public static var ids: [String] { builtIn.map(\.id) + ["generic"] }

    /// The built-in tool for an id, ignoring case ("rob2", "RoB-2" and "ROB2" are the same).
    public static func named(_ id: String) -> RiskOfBiasTool? {
        let key = normalizedID(id)
        return builtIn.first { normalizedID($0.id) == key }
    }

    private static func normalizedID(_ id: String) -> String {
        id.lowercased().filter { $0.isLetter || $0.isNumber }
    }

    // MARK: Shared pieces

    private static func rob2Domains(cluster: Bool) -> [Domain] {
        var domains: [Domain] = [
            .init(short: cluster ? "D1a" : "D1", name: "Bias arising from the randomization process"),
            .init(short: "D2", name: "Bias due to deviations from intended interventions"),
            .init(short: "D3", name: "Bias due to missing outcome data"),
            .init(short: "D4", name: "Bias in measurement of the outcome"),
            .init(short: "D5", name: "Bias in selection of the reported result"),
        ]
        if cluster {
            domains.insert(.init(short: "D1b", name: "Bias arising from the timing of identification and recruitment of individual participants in relation to timing of randomization"), at: 1)
        }
        return domains
    }

    /// RoB 2's three levels. `!` is the RoB 2 Excel tool's mark for some concerns.
    private static let rob2Levels: [Level] = [
        .init(.low, "Low"),
        .init(.moderate, "Some concerns", spellings: ["some concern", "s", "sc", "!"]),
        .init(.high, "High", spellings: ["h", "x"]),
    ]

    private static let rob2Ambiguous = symbolsAmbiguousOutsideRevMan.merging([
        "unclear": "RoB 2 has no 'Unclear': write Some concerns, or No information when nothing was reported.",
    ]) { a, _ in a }

    /// `-` and `?` are High and Unclear in RevMan's RoB 1 and QUADAS-2 figures, but robvis draws
    /// `-` for the middle level and `?` for no information, and RoB 2 tables in journals use `?`
    /// for some concerns and `−` for high: outside RevMan's tools they are refused.
    private static let symbolsAmbiguousOutsideRevMan: [String: String] = [
        "-": "'-' means High in RevMan's tables but the middle level in robvis's figures.",
        "?": "'?' means Unclear in RevMan's tables, No information in robvis's figures and Some concerns in some journals.",
    ]
}
