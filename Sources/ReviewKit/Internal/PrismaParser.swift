import Foundation

extension ReviewParser {
    static let prismaKeys = ["previous", "identification", "removed_before_screening", "screened", "excluded_screening",
                             "sought", "not_retrieved", "assessed", "excluded_reports", "other_methods",
                             "included_studies", "included_reports", "meta_analysis_studies", "acknowledge_inconsistencies"]

    func prismaFlow(_ value: YAMLValue) -> PrismaFlow? {
        guard let map = value.mapping("'prisma'", allowed: Self.prismaKeys) else { return nil }
        var previous: PrismaFlow.Previous?
        if let p = map.optional("previous")?.mapping("'previous'", allowed: ["studies", "reports"]),
           let studies = p.required("studies")?.integer("'studies'") {
            previous = PrismaFlow.Previous(studies: studies, reports: p.integer("reports"))
        }
        var databases: [PrismaFlow.Count] = [], registers: [PrismaFlow.Count] = []
        if let identification = map.optional("identification")?.mapping("'identification'", allowed: ["databases", "registers"]) {
            databases = identification.optional("databases").map { counts($0, what: "'databases'") } ?? []
            registers = identification.optional("registers").map { counts($0, what: "'registers'") } ?? []
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
                identified: o.optional("identified").map { counts($0, what: "'identified'") } ?? [],
                sought: o.integer("sought"), notRetrieved: o.integer("not_retrieved"), assessed: o.integer("assessed"),
                excludedReports: o.optional("excluded_reports").map { counts($0, what: "'excluded_reports'") } ?? [])
        }
        let flow = PrismaFlow(
            previous: previous, databases: databases, registers: registers,
            removedDuplicates: duplicates, removedAutomation: automation, removedOther: other,
            screened: map.integer("screened"), excludedScreening: map.integer("excluded_screening"),
            sought: map.integer("sought"), notRetrieved: map.integer("not_retrieved"), assessed: map.integer("assessed"),
            excludedReports: map.optional("excluded_reports").map { counts($0, what: "'excluded_reports'") } ?? [],
            otherMethods: otherMethods, includedStudies: map.integer("included_studies"),
            includedReports: map.integer("included_reports"), metaAnalysisStudies: map.integer("meta_analysis_studies"),
            acknowledgedInconsistencies: acknowledgement(map), location: map.location)
        sink.add(flow.arithmeticDiagnostics(acknowledgementKey: "acknowledge_inconsistencies") { key in
            // A dotted key (other_methods.assessed) is looked up one level at a time.
            let parts = key.split(separator: ".").map(String.init)
            var value = parts.first.flatMap { map[$0] }
            for part in parts.dropFirst() {
                guard let parent = value, case .mapping(let pairs) = parent.node,
                      let child = pairs.first(where: { $0.key.scalar?.string == part })?.value else { break }
                value = YAMLValue(node: child, file: parent.file, sink: sink)
            }
            return value?.location ?? map.location
        })
        return flow
    }

    /// A single count (one unlabelled entry), or labelled counts (`{MEDLINE: 800, Embase: 604}`).
    private func counts(_ value: YAMLValue, what: String) -> [PrismaFlow.Count] {
        if value.scalarText != nil {
            return value.integer(what).map { [PrismaFlow.Count(label: "", count: $0)] } ?? []
        }
        guard let map = value.mapping(what, allowed: []) else { return [] }
        return map.entries.compactMap { entry in
            entry.value.integer("'\(entry.key)'").map { PrismaFlow.Count(label: entry.key, count: $0) }
        }
    }

    /// `acknowledge_inconsistencies`: why the counts do not add up, in words.
    private func acknowledgement(_ map: YAMLMapping) -> String? {
        guard let text = map.string("acknowledge_inconsistencies") else { return nil }
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty {
            sink.error(map["acknowledge_inconsistencies"]?.location ?? map.location, "'acknowledge_inconsistencies' is empty",
                       hint: "Say why the counts do not add up, e.g. \"the paper removed duplicates after screening\".")
            return nil
        }
        return reason
    }
}

extension PrismaFlow {
    /// The arithmetic problems as diagnostics at `place(key)`: warnings, or notes carrying the
    /// reason when the flow acknowledges its inconsistencies. An acknowledgement with nothing to
    /// acknowledge is a warning, so it does not outlive a correction. Shared by the review file
    /// and the CSV reader.
    func arithmeticDiagnostics(acknowledgementKey: String, at place: (String) -> SourceLocation) -> [Diagnostic] {
        let problems = arithmeticProblems()
        guard let reason = acknowledgedInconsistencies else {
            return problems.map {
                .warning(place($0.key), $0.message,
                         hint: "Check the counts against the screening records. If the source's own numbers do not add up, keep them and say why with '\(acknowledgementKey)'.")
            }
        }
        if problems.isEmpty {
            return [.warning(place(acknowledgementKey), "'\(acknowledgementKey)' is given, but the counts add up",
                             hint: "Remove it, so the diagram carries no note about inconsistent counts.")]
        }
        return problems.map { .note(place($0.key), $0.message, hint: "Acknowledged: \(reason)") }
    }
}
