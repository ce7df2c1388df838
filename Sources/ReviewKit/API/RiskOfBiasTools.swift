import Foundation

extension RiskOfBiasTool {
    /// RoB 2 for randomized trials (Sterne et al., BMJ 2019).
    public static let rob2 = RiskOfBiasTool(
        id: "ROB2", name: "RoB 2",
        domains: [
            .init(short: "D1", name: "Bias arising from the randomization process"),
            .init(short: "D2", name: "Bias due to deviations from intended interventions"),
            .init(short: "D3", name: "Bias due to missing outcome data"),
            .init(short: "D4", name: "Bias in measurement of the outcome"),
            .init(short: "D5", name: "Bias in selection of the reported result"),
        ],
        levels: [(.low, "Low"), (.moderate, "Some concerns"), (.high, "High")], hasOverall: true)

    /// RoB 2 for cluster-randomized trials: adds D1b on identification and recruitment.
    public static let rob2Cluster = RiskOfBiasTool(
        id: "ROB2-cluster", name: "RoB 2 for cluster-randomized trials",
        domains: [
            .init(short: "D1a", name: "Bias arising from the randomization process"),
            .init(short: "D1b", name: "Bias arising from the timing of identification and recruitment of participants"),
            .init(short: "D2", name: "Bias due to deviations from intended interventions"),
            .init(short: "D3", name: "Bias due to missing outcome data"),
            .init(short: "D4", name: "Bias in measurement of the outcome"),
            .init(short: "D5", name: "Bias in selection of the reported result"),
        ],
        levels: [(.low, "Low"), (.moderate, "Some concerns"), (.high, "High")], hasOverall: true)

    /// The original Cochrane risk-of-bias tool (Higgins et al., BMJ 2011), as RevMan 5 uses it.
    public static let rob1 = RiskOfBiasTool(
        id: "ROB1", name: "Cochrane risk-of-bias tool",
        domains: [
            .init(short: "D1", name: "Random sequence generation (selection bias)"),
            .init(short: "D2", name: "Allocation concealment (selection bias)"),
            .init(short: "D3", name: "Blinding of participants and personnel (performance bias)"),
            .init(short: "D4", name: "Blinding of outcome assessment (detection bias)"),
            .init(short: "D5", name: "Incomplete outcome data (attrition bias)"),
            .init(short: "D6", name: "Selective reporting (reporting bias)"),
            .init(short: "D7", name: "Other bias"),
        ],
        levels: [(.low, "Low"), (.moderate, "Unclear"), (.high, "High")], hasOverall: true)

    /// ROBINS-I for non-randomized studies of interventions (Sterne et al., BMJ 2016).
    public static let robinsI = RiskOfBiasTool(
        id: "ROBINS-I", name: "ROBINS-I",
        domains: [
            .init(short: "D1", name: "Bias due to confounding"),
            .init(short: "D2", name: "Bias due to selection of participants"),
            .init(short: "D3", name: "Bias in classification of interventions"),
            .init(short: "D4", name: "Bias due to deviations from intended interventions"),
            .init(short: "D5", name: "Bias due to missing data"),
            .init(short: "D6", name: "Bias in measurement of outcomes"),
            .init(short: "D7", name: "Bias in selection of the reported result"),
        ],
        levels: [(.low, "Low"), (.moderate, "Moderate"), (.high, "Serious"), (.critical, "Critical")], hasOverall: true)

    /// ROBINS-E for non-randomized studies of exposures (ROBINS-E Development Group, 2023).
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
        levels: [(.low, "Low"), (.moderate, "Some concerns"), (.high, "High"), (.critical, "Very high")], hasOverall: true)

    /// QUADAS-2 for diagnostic accuracy studies (Whiting et al., 2011): four risk-of-bias domains
    /// then three applicability-concern domains.
    public static let quadas2 = RiskOfBiasTool(
        id: "QUADAS-2", name: "QUADAS-2",
        domains: [
            .init(short: "D1", name: "Patient selection"),
            .init(short: "D2", name: "Index test"),
            .init(short: "D3", name: "Reference standard"),
            .init(short: "D4", name: "Flow and timing"),
            .init(short: "A1", name: "Applicability: patient selection"),
            .init(short: "A2", name: "Applicability: index test"),
            .init(short: "A3", name: "Applicability: reference standard"),
        ],
        levels: [(.low, "Low"), (.moderate, "Unclear"), (.high, "High")], hasOverall: true)

    /// QUIPS for prognostic factor studies (Hayden et al., 2013).
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
        levels: [(.low, "Low"), (.moderate, "Moderate"), (.high, "High")], hasOverall: true)

    /// A tool with the user's own domains and the Low / Some concerns / High / Critical scale.
    public static func generic(domains: [String]) -> RiskOfBiasTool {
        RiskOfBiasTool(
            id: "generic", name: "Risk of bias",
            domains: domains.enumerated().map { .init(short: "D\($0.offset + 1)", name: $0.element) },
            levels: [(.low, "Low"), (.moderate, "Some concerns"), (.high, "High"), (.critical, "Critical")],
            hasOverall: true)
    }

    /// The built-in tools by id (the generic one needs its domains and is not listed).
    public static let builtIn: [RiskOfBiasTool] = [rob2, rob2Cluster, rob1, robinsI, robinsE, quadas2, quips]

    /// Every id users may write, including `generic`.
    public static var ids: [String] { builtIn.map(\.id) + ["generic"] }

    /// The built-in tool for an id, ignoring case ("rob2", "RoB-2" and "ROB2" are the same).
    public static func named(_ id: String) -> RiskOfBiasTool? {
        let key = normalized(id)
        return builtIn.first { normalized($0.id) == key }
    }

    private static func normalized(_ id: String) -> String {
        id.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
