import Foundation

extension ReviewParser {
    static let prismaKeys = ["previous", "identification", "removed_before_screening", "screened", "excluded_screening",
                             "sought", "not_retrieved", "assessed", "excluded_reports", "other_methods",
                             "included_studies", "included_reports", "meta_analysis_studies"]

    func prismaFlow(_ value: YAMLValue) -> PrismaFlow? {
        guard let map = value.mapping("'prisma'", allowed: Self.prismaKeys) else { return nil }
        var previous: PrismaFlow.Previous?
        if let p = map.optional("previous")?.mapping("'previous'", allowed: ["studies", "reports"]),
           let studies = p.required("studies")?.integer("'studies'") {
            previous = PrismaFlow.Previous(studies: studies, reports: p.integer("reports"))
        }
        var databases: [PrismaFlow.Count] = [], registers: [PrismaFlow.Count] = []
        if let identification = map.optional("identification")?.mapping("'identification'", allowed: ["databases", "registers"]) {
            databases = identification.optional("databases").map { counts($0, what: "'databases'", total: "Databases") } ?? []
            registers = identification.optional("registers").map { counts($0, what: "'registers'", total: "Registers") } ?? []
        }
        var duplicates: Int?, automation: Int?, other: Int?
        if let removed = map.optional("removed_before_screening")?.mapping("'removed_before_screening'",
                                                                         allowed: ["duplicates", "automation", "other"]) {
            duplicates = removed.integer("duplicates")
            automation = removed.integer("automation")
            other = removed.integer("other")
        }
        var otherMethods: PrismaFlow.OtherMethods?
        if let o = map.optional("other_methods")?.mapping("'other_methods'",
                                                        allowed: ["identified", "sought", "not_retrieved", "assessed", "excluded_reports"]) {
            otherMethods = PrismaFlow.OtherMethods(
                identified: o.optional("identified").map { counts($0, what: "'identified'", total: "Other methods") } ?? [],
                sought: o.integer("sought"), notRetrieved: o.integer("not_retrieved"), assessed: o.integer("assessed"),
                excludedReports: o.optional("excluded_reports").map { counts($0, what: "'excluded_reports'", total: "Excluded") } ?? [])
        }
        let flow = PrismaFlow(
            previous: previous, databases: databases, registers: registers,
            removedDuplicates: duplicates, removedAutomation: automation, removedOther: other,
            screened: map.integer("screened"), excludedScreening: map.integer("excluded_screening"),
            sought: map.integer("sought"), notRetrieved: map.integer("not_retrieved"), assessed: map.integer("assessed"),
            excludedReports: map.optional("excluded_reports").map { counts($0, what: "'excluded_reports'", total: "Excluded") } ?? [],
            otherMethods: otherMethods, includedStudies: map.integer("included_studies"),
            includedReports: map.integer("included_reports"), metaAnalysisStudies: map.integer("meta_analysis_studies"),
            location: map.location)
        for problem in flow.arithmeticProblems() {
            sink.warning(map[problem.key]?.location ?? map.location, problem.message,
                         hint: "Check the counts against your screening records; the diagram is drawn with the numbers as given.")
        }
        return flow
    }

    /// A single count, or labelled counts (`{MEDLINE: 800, Embase: 604}`).
    private func counts(_ value: YAMLValue, what: String, total: String) -> [PrismaFlow.Count] {
        if value.scalarText != nil {
            return value.integer(what).map { [PrismaFlow.Count(label: total, count: $0)] } ?? []
        }
        guard let map = value.mapping(what, allowed: []) else { return [] }
        return map.entries.compactMap { entry in
            entry.value.integer("'\(entry.key)'").map { PrismaFlow.Count(label: entry.key, count: $0) }
        }
    }
}

extension PrismaFlow {
    /// A count that does not follow from the others, with the key it concerns.
    public struct ArithmeticProblem: Sendable {
        public var key: String
        public var message: String
    }

    /// Every place where the flow's numbers do not add up (PRISMA 2020's boxes must).
    public func arithmeticProblems() -> [ArithmeticProblem] {
        var problems: [ArithmeticProblem] = []
        func check(_ key: String, _ actual: Int?, _ expected: Int?, _ formula: String) {
            guard let actual, let expected, actual != expected else { return }
            problems.append(ArithmeticProblem(key: key, message: "\(key.replacingOccurrences(of: "_", with: " ")) is \(actual), but \(formula) = \(expected)"))
        }
        let identified = databases.isEmpty && registers.isEmpty ? nil : databaseTotal + registerTotal
        check("screened", screened, identified.map { $0 - removedTotal }, "records identified (\(identified ?? 0)) − removed before screening (\(removedTotal))")
        check("sought", sought, screened.flatMap { s in excludedScreening.map { s - $0 } },
              "records screened (\(screened ?? 0)) − excluded (\(excludedScreening ?? 0))")
        check("assessed", assessed, sought.map { $0 - (notRetrieved ?? 0) },
              "reports sought (\(sought ?? 0)) − not retrieved (\(notRetrieved ?? 0))")
        let excluded = excludedReports.reduce(0) { $0 + $1.count }
        var eligible = assessed.map { $0 - excluded }
        var formula = "reports assessed (\(assessed ?? 0)) − excluded (\(excluded))"
        if let other = otherMethods {
            let otherExcluded = other.excludedReports.reduce(0) { $0 + $1.count }
            check("other_methods", other.assessed, other.sought.map { $0 - (other.notRetrieved ?? 0) },
                  "other methods: reports sought (\(other.sought ?? 0)) − not retrieved (\(other.notRetrieved ?? 0))")
            if let a = other.assessed {
                eligible = eligible.map { $0 + a - otherExcluded }
                formula += " + other methods assessed (\(a)) − excluded (\(otherExcluded))"
            }
        }
        let previousReports = previous?.reports ?? 0
        if previousReports > 0, let e = eligible {
            eligible = e + previousReports
            formula += " + previous reports (\(previousReports))"
        }
        // The boxes count reports; studies may be fewer (several reports of one study).
        if let reports = includedReports {
            check("included_reports", reports, eligible, formula)
        } else if let studies = includedStudies, let e = eligible, studies > e {
            problems.append(ArithmeticProblem(key: "included_studies",
                                              message: "included studies (\(studies)) exceed the eligible reports: \(formula) = \(e)"))
        }
        if let m = metaAnalysisStudies, let s = includedStudies, m > s {
            problems.append(ArithmeticProblem(key: "meta_analysis_studies",
                                              message: "studies in the meta-analysis (\(m)) exceed the studies included (\(s))"))
        }
        return problems
    }
}
