import Foundation

extension ReviewParser {
    func parseRiskOfBias(_ value: YAMLValue, analyses: [Analysis]) -> RiskOfBiasAssessment? {
        guard let map = value.mapping("'risk_of_bias'", allowed: ["tool", "data", "studies", "domains", "analysis"]) else { return nil }
        guard let toolValue = map.required("tool"), let toolName = toolValue.string("'tool'") else { return nil }
        var tool: RiskOfBiasTool
        if toolName.lowercased() == "generic" {
            guard let domains = map.required("domains")?.strings("'domains'"), !domains.isEmpty else {
                sink.error(map.location, "the generic tool needs 'domains': the list of domain names",
                           hint: "For example: domains: [Selection, Performance, Detection]")
                return nil
            }
            tool = .generic(domains: domains)
        } else if let builtIn = RiskOfBiasTool.named(toolName) {
            tool = builtIn
            if let domains = map["domains"] {
                sink.warning(domains.location, "'domains' is ignored for \(builtIn.id): its domains are fixed",
                             hint: "Use tool: generic to name your own domains.")
            }
        } else {
            sink.error(toolValue.location, "unknown risk-of-bias tool '\(toolName.truncatedForMessage)'",
                       hint: "Valid tools: \(RiskOfBiasTool.ids.joined(separator: ", ")).")
            return nil
        }
        let analysisID = map.string("analysis")
        if let analysisID, !analyses.contains(where: { $0.id == analysisID }), let place = map["analysis"]?.location {
            sink.error(place, "there is no analysis '\(analysisID.truncatedForMessage)' to take study weights from",
                       hint: "Analyses: \(analyses.map(\.id).joined(separator: ", ")).")
        }
        var studies: [RiskOfBiasStudy] = []
        switch (map.optional("data"), map.optional("studies")) {
        case (let data?, nil):
            guard let path = data.string("'data'"),
                  let table = context.table(path, at: data.location, canonicalHeaders: false) else { return nil }
            switch RiskOfBiasTable.read(table, tool: tool) {
            case .success(let rows): studies = rows
            case .failure(let error): sink.add(error.diagnostics); return nil
            }
        case (nil, let inline?):
            studies = inlineRiskOfBias(inline, tool: tool)
        case (.some, .some):
            sink.error(map.location, "'risk_of_bias' has both 'data' and 'studies'", hint: "Use one of them.")
            return nil
        case (nil, nil):
            sink.error(map.location, "'risk_of_bias' has neither 'data' (a robvis-layout CSV) nor 'studies' (inline judgements)")
            return nil
        }
        return RiskOfBiasAssessment(tool: tool, studies: studies, analysisID: analysisID, location: map.location)
    }

    private func inlineRiskOfBias(_ value: YAMLValue, tool: RiskOfBiasTool) -> [RiskOfBiasStudy] {
        var studies: [RiskOfBiasStudy] = []
        var seen: Set<String> = []
        for item in value.sequence("'studies'") ?? [] {
            guard let map = item.mapping("a risk-of-bias study", allowed: ["study", "judgements", "overall", "weight"]),
                  let label = map.string("study", required: true) else { continue }
            if !seen.insert(label).inserted {
                sink.error(map["study"]?.location ?? map.location, "the study '\(label.truncatedForMessage)' is assessed twice")
            }
            guard let list = map.required("judgements")?.sequence("'judgements'") else { continue }
            if list.count != tool.domains.count {
                sink.error(map["judgements"]?.location ?? map.location,
                           "\(tool.id) has \(tool.domains.count) domains but '\(label.truncatedForMessage)' has \(list.count) judgements",
                           hint: "Give one judgement per domain, in order: \(tool.domains.map(\.short).joined(separator: ", ")).")
                continue
            }
            var judgements: [Judgement?] = []
            for (index, entry) in list.enumerated() {
                judgements.append(judgement(entry, tool: tool, domain: tool.domains[index].short))
            }
            let overall = map.optional("overall").flatMap { judgement($0, tool: tool, domain: "overall") }
            var weight: Double?
            if let w = map.number("weight") {
                if w < 0 { sink.error(map["weight"]?.location ?? map.location, "a weight cannot be negative") } else { weight = w }
            }
            studies.append(RiskOfBiasStudy(study: label, judgements: judgements, overall: overall, weight: weight,
                                           location: map.location))
        }
        return studies
    }

    private func judgement(_ value: YAMLValue, tool: RiskOfBiasTool, domain: String) -> Judgement? {
        guard !value.isNull, let text = value.string("a judgement") else { return nil }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return nil }
        guard let judgement = tool.judgement(from: text) else {
            sink.error(value.location, "'\(text.truncatedForMessage)' is not a \(tool.id) judgement (domain \(domain))",
                       hint: "Use one of: \(tool.acceptedJudgements); leave it empty for not applicable.")
            return nil
        }
        return judgement
    }
}

/// Reads risk-of-bias judgements from a table: robvis's layout (study, the domains in order,
/// overall, optional weight; matched by position) or columns named by domain ("D1"…, "Overall",
/// "Weight"). Public so the quick path (`metareport figure rob-traffic-light ROB.csv`) shares it.
public enum RiskOfBiasTable {
    /// Reads a CSV file of judgements for `tool`.
    public static func read(csv data: Data, file: String, tool: RiskOfBiasTool) -> Result<[RiskOfBiasStudy], InputError> {
        do {
            return read(try CSVReader.read(data, file: file, canonicalHeaders: false), tool: tool)
        } catch {
            return .failure(error)
        }
    }

    static func read(_ table: DataTable, tool: RiskOfBiasTool) -> Result<[RiskOfBiasStudy], InputError> {
        var diagnostics: [Diagnostic] = []
        let columns = table.columns
        let n = tool.domains.count
        let lowered = columns.map { $0.lowercased() }
        // Named layout: every domain's short caption appears as a header.
        let named = tool.domains.allSatisfy { lowered.contains($0.short.lowercased()) }
        var domainColumns: [String] = []
        var overallColumn: String?
        var weightColumn: String?
        if named {
            domainColumns = tool.domains.map { domain in columns[lowered.firstIndex(of: domain.short.lowercased()) ?? 0] }
            overallColumn = columns.first { $0.lowercased() == "overall" }
            weightColumn = columns.first { $0.lowercased() == "weight" }
        } else {
            let extra = columns.count - 1 - n
            guard (0...2).contains(extra) else {
                let expected = "'Study', then \(n) domain columns (\(tool.domains.map(\.short).joined(separator: ", "))), then 'Overall', then optionally 'Weight'"
                diagnostics.append(.error(table.location(),
                                          "\(columns.count - 1 < n ? "too few" : "too many") columns for \(tool.id): found \(columns.count), expected \(n + 1) to \(n + 3)",
                                          hint: "robvis's layout is \(expected), matched by position. Found columns: \(columns.joined(separator: ", "))."))
                return .failure(InputError(diagnostics))
            }
            domainColumns = Array(columns[1...n])
            if extra >= 1 { overallColumn = columns[n + 1] }
            if extra == 2 { weightColumn = columns[n + 2] }
        }
        let studyColumn = named ? (columns.first { $0.lowercased() == "study" } ?? columns[0]) : columns[0]
        var studies: [RiskOfBiasStudy] = []
        var seen: [String: SourceLocation] = [:]
        for row in table.rows {
            guard let labelCell = row[studyColumn], !labelCell.text.isEmpty else {
                diagnostics.append(.error(row[studyColumn]?.location ?? row.location, "the study label is empty"))
                continue
            }
            if let first = seen[labelCell.text] {
                diagnostics.append(.error(labelCell.location, "the study '\(labelCell.text.truncatedForMessage)' appears twice (first at \(first))",
                                          hint: "Each study has one row of judgements."))
                continue
            }
            seen[labelCell.text] = labelCell.location
            func judgement(_ column: String, domain: String) -> Judgement? {
                guard let cell = row[column], !cell.text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
                guard let j = tool.judgement(from: cell.text) else {
                    diagnostics.append(.error(cell.location, "'\(cell.text.truncatedForMessage)' is not a \(tool.id) judgement (domain \(domain))",
                                              hint: "Use one of: \(tool.acceptedJudgements); leave the cell empty for not applicable."))
                    return nil
                }
                return j
            }
            let judgements = zip(domainColumns, tool.domains).map { judgement($0.0, domain: $0.1.short) }
            let overall = overallColumn.flatMap { judgement($0, domain: "overall") }
            var weight: Double?
            if let column = weightColumn, let cell = row[column], !cell.text.isEmpty {
                switch NumberParsing.parse(cell.text, decimalComma: table.decimalComma) {
                case .success(let w) where w >= 0: weight = w
                case .success: diagnostics.append(.error(cell.location, "a weight cannot be negative"))
                case .failure(let failure): diagnostics.append(.error(cell.location, "the weight \(failure.phrase)"))
                }
            }
            studies.append(RiskOfBiasStudy(study: labelCell.text, judgements: judgements, overall: overall,
                                           weight: weight, location: row.location))
        }
        return diagnostics.isEmpty ? .success(studies) : .failure(InputError(diagnostics))
    }
}
