import Foundation

extension ReviewParser {
    func parseRiskOfBias(_ value: YAMLValue, analyses: [Analysis]) -> RiskOfBiasAssessment? {
        guard let map = value.mapping("'risk_of_bias'", allowed: ["tool", "data", "studies", "domains", "analysis"]) else { return nil }
        guard let toolValue = map.required("tool"), let toolName = toolValue.string("'tool'") else { return nil }
        // nil: a generic tool whose domains are the data file's headers.
        var tool: RiskOfBiasTool?
        if toolName.lowercased() == "generic" {
            if let domains = map.optional("domains") {
                guard let names = domains.strings("'domains'"), !names.isEmpty else { return nil }
                tool = .generic(domains: names)
            } else if map["data"] == nil {
                sink.error(map.location, "the generic tool needs 'domains': the list of domain names",
                           hint: "For example: domains: [Selection, Performance, Detection]. With 'data', the file's headers name them.")
                return nil
            }
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
            let read = tool.map { RiskOfBiasTable.read(table, tool: $0) }
                ?? RiskOfBiasTable.genericTool(for: table).flatMap { found in
                    tool = found
                    return RiskOfBiasTable.read(table, tool: found)
                }
            switch read {
            case .success(let rows): studies = rows
            case .failure(let error): sink.add(error.diagnostics); return nil
            }
        case (nil, let inline?):
            guard let tool else { return nil }
            studies = inlineRiskOfBias(inline, tool: tool)
        case (.some, .some):
            sink.error(map.location, "'risk_of_bias' has both 'data' and 'studies'", hint: "Use one of them.")
            return nil
        case (nil, nil):
            sink.error(map.location, "'risk_of_bias' has neither 'data' (a robvis-layout CSV) nor 'studies' (inline judgements)")
            return nil
        }
        guard let tool else { return nil }
        return RiskOfBiasAssessment(tool: tool, studies: studies, analysisID: analysisID, location: map.location)
    }

    private func inlineRiskOfBias(_ value: YAMLValue, tool: RiskOfBiasTool) -> [RiskOfBiasStudy] {
        var studies: [RiskOfBiasStudy] = []
        var seen: Set<String> = []
        for item in value.sequence("'studies'") ?? [] {
            guard let map = item.mapping("a risk-of-bias study", allowed: ["study", "judgements", "overall", "weight"]),
                  let label = map.string("study", required: true) else { continue }
            if !seen.insert(RiskOfBiasTable.key(label)).inserted {
                sink.error(map["study"]?.location ?? map.location, "the study '\(label.truncatedForMessage)' is assessed twice",
                           hint: "Each study has one entry; labels that differ only in case or punctuation count as the same study.")
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
        switch tool.read(text) {
        case .judgement(let judgement): return judgement
        case .notApplicable: return nil
        case .unmappable(let reason):
            sink.error(value.location, "'\(text.truncatedForMessage)' is not a \(tool.id) judgement (domain \(domain))",
                       hint: tool.hint(forUnmappable: reason, emptyMeans: "it"))
            return nil
        }
    }
}

/// Reads risk-of-bias judgements from a table: robvis's layout (study, the domains in order,
/// overall, optional weight; matched by position) or columns named by domain ("D1"… or the
/// domain's full name, "Overall", "Weight"). Public so the quick path
/// (`metareport figure rob-traffic-light ROB.csv --tool ROB2`) shares it.
public enum RiskOfBiasTable {
    /// Reads a CSV file of judgements for `tool`.
    public static func read(csv data: Data, file: String, tool: RiskOfBiasTool) -> Result<[RiskOfBiasStudy], InputError> {
        do {
            return read(try CSVReader.read(data, file: file, canonicalHeaders: false), tool: tool)
        } catch {
            return .failure(error)
        }
    }

    /// Reads a CSV file of judgements for the generic tool, whose domains are the headers between
    /// the study column and a trailing "Overall" and "Weight".
    public static func readGeneric(csv data: Data, file: String) -> Result<RiskOfBiasAssessment, InputError> {
        let table: DataTable
        do {
            table = try CSVReader.read(data, file: file, canonicalHeaders: false)
        } catch {
            return .failure(error)
        }
        return genericTool(for: table).flatMap { tool in
            read(table, tool: tool).map { RiskOfBiasAssessment(tool: tool, studies: $0, location: SourceLocation(file: file)) }
        }
    }

    /// The columns of a judgement table.
    struct Columns {
        var study: String
        var domains: [String]
        var overall: String?
        var weight: String?
    }

    static func read(_ table: DataTable, tool: RiskOfBiasTool) -> Result<[RiskOfBiasStudy], InputError> {
        let columns: Columns
        switch layout(of: table, tool: tool) {
        case .success(let found): columns = found
        case .failure(let error): return .failure(error)
        }
        guard !table.rows.isEmpty else {
            return .failure(InputError(.error(SourceLocation(file: table.file, row: 2), "the file has a header but no studies",
                                              hint: "Add one row of judgements per study.")))
        }
        var diagnostics: [Diagnostic] = []
        var studies: [RiskOfBiasStudy] = []
        var seen: [String: SourceLocation] = [:]
        for row in table.rows {
            guard let labelCell = row[columns.study], !labelCell.text.isEmpty else {
                diagnostics.append(.error(row[columns.study]?.location ?? row.location, "the study label is empty",
                                          hint: "Every row needs the study's label in its first column."))
                continue
            }
            if let first = seen[key(labelCell.text)] {
                diagnostics.append(.error(labelCell.location, "the study '\(labelCell.text.truncatedForMessage)' appears twice (first at \(first))",
                                          hint: "Each study has one row of judgements; labels that differ only in case or punctuation count as the same study."))
                continue
            }
            seen[key(labelCell.text)] = labelCell.location
            func judgement(_ column: String, domain: String) -> Judgement? {
                guard let cell = row[column] else { return nil }
                switch tool.read(cell.text) {
                case .judgement(let judgement): return judgement
                case .notApplicable: return nil
                case .unmappable(let reason):
                    diagnostics.append(.error(cell.location, "'\(cell.text.truncatedForMessage)' is not a \(tool.id) judgement (domain \(domain))",
                                              hint: tool.hint(forUnmappable: reason)))
                    return nil
                }
            }
            let judgements = zip(columns.domains, tool.domains).map { judgement($0.0, domain: $0.1.short) }
            let overall = columns.overall.flatMap { judgement($0, domain: "overall") }
            var weight: Double?
            if let column = columns.weight, let cell = row[column], !cell.text.isEmpty {
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

    /// Finds the columns: by name when every domain's short caption or full name is a header,
    /// otherwise by position as robvis does (study, domains, then overall and weight), taking
    /// trailing columns headed Overall or Weight as such.
    static func layout(of table: DataTable, tool: RiskOfBiasTool) -> Result<Columns, InputError> {
        let headers = table.columns
        func find(_ names: [String]) -> String? {
            headers.first { header in names.contains { matches(header, $0) } }
        }
        var named = tool.domains.map { find([$0.short, $0.name]) }
        // A file without the tool's optional domains (QUADAS-2's applicability) names only the others.
        let required = tool.domains.count - tool.optionalDomainCount
        if named.dropFirst(required).allSatisfy({ $0 == nil }) { named = Array(named.prefix(required)) }
        if named.allSatisfy({ $0 != nil }) {
            let domains = named.compactMap { $0 }
            let study = find(["study"]) ?? headers[0]
            let overall = find(overallNames), weight = find(weightNames)
            let known = Set([study] + domains + [overall, weight].compactMap { $0 })
            if let stray = headers.first(where: { !known.contains($0) }) {
                return .failure(InputError(.error(table.location(ofColumn: stray), "the column '\(stray.truncatedForMessage)' is not a \(tool.id) domain",
                                                  hint: "Columns: the study, \(tool.domains.map(\.short).joined(separator: ", ")), then optionally Overall and Weight. Remove or rename the column.")))
            }
            return .success(Columns(study: study, domains: domains, overall: overall, weight: weight))
        }
        let full = tool.domains.count
        let counts = Set([full, full - tool.optionalDomainCount])
        func wrongCount(_ problem: String) -> Result<Columns, InputError> {
            let domains = counts.count == 1 ? "\(full) domain columns (\(tool.domains.map(\.short).joined(separator: ", ")))"
                : "\(full - tool.optionalDomainCount) or \(full) domain columns (\(tool.domains.map(\.short).joined(separator: ", ")), the last \(tool.optionalDomainCount) optional)"
            let expected = "'Study', then \(domains), then 'Overall', then optionally 'Weight'"
            return .failure(InputError(.error(SourceLocation(file: table.file, row: 1), problem,
                                              hint: "robvis's layout is \(expected), matched by position. Found columns: \(headers.joined(separator: ", ")).\(otherTools(for: headers, not: tool))")))
        }
        // Trailing columns headed Overall or Weight are those, whatever their number: the rest are the domains.
        var rest = Array(headers.dropFirst())
        var trailing = Columns(study: headers[0], domains: [])
        if let last = rest.last, weightNames.contains(where: { matches(last, $0) }) { trailing.weight = rest.removeLast() }
        if let last = rest.last, overallNames.contains(where: { matches(last, $0) }) { trailing.overall = rest.removeLast() }
        if trailing.overall != nil || trailing.weight != nil {
            guard counts.contains(rest.count) else {
                return wrongCount("\(rest.count < full ? "too few" : "too many") domain columns for \(tool.id): found \(rest.count), expected \(counts.sorted().map(String.init).joined(separator: " or "))")
            }
            trailing.domains = rest
            return .success(trailing)
        }
        // Without Overall or Weight headers, the columns are read as the full tool's.
        let n = full
        let extra = headers.count - 1 - n
        guard (0...2).contains(extra) else {
            return wrongCount("\(extra < 0 ? "too few" : "too many") columns for \(tool.id): found \(headers.count), expected \(n + 1) to \(n + 3)")
        }
        // Unnamed extra columns are, by position, the overall judgement and then the weight.
        var columns = Columns(study: headers[0], domains: Array(headers[1...n]))
        if extra == 1 {
            columns.overall = headers[n + 1]
        } else if extra == 2 {
            columns.overall = headers[n + 1]
            columns.weight = headers[n + 2]
            // Judgements where weights should be: the file has more domains than the tool.
            if let text = table.rows.lazy.compactMap({ $0[headers[n + 2]]?.text }).first(where: { !$0.isEmpty && Double($0.replacingOccurrences(of: ",", with: ".")) == nil }) {
                return wrongCount("too many columns for \(tool.id): found \(headers.count), and the last, '\(headers[n + 2].truncatedForMessage)', holds '\(text.truncatedForMessage)' where robvis's layout has weights")
            }
        }
        return .success(columns)
    }

    /// " Tools with N domains: …" when the header's judgement columns fit other tools.
    static func otherTools(for headers: [String], not tool: RiskOfBiasTool) -> String {
        var count = headers.count - 1
        if let last = headers.last, count > 0, weightNames.contains(where: { matches(last, $0) }) { count -= 1 }
        if count > 0, overallNames.contains(where: { matches(headers[count], $0) }) { count -= 1 }
        let fitting = RiskOfBiasTool.builtIn.filter { $0.domains.count == count && $0.id != tool.id }.map(\.id)
        return fitting.isEmpty ? "" : " Tools with \(count) domains: \(fitting.joined(separator: ", ")); check --tool or 'tool'."
    }

    /// A generic tool named by the table's headers.
    static func genericTool(for table: DataTable) -> Result<RiskOfBiasTool, InputError> {
        var names = Array(table.columns.dropFirst())
        if let last = names.last, weightNames.contains(where: { matches(last, $0) }) { names.removeLast() }
        if let last = names.last, overallNames.contains(where: { matches(last, $0) }) { names.removeLast() }
        guard !names.isEmpty else {
            return .failure(InputError(.error(SourceLocation(file: table.file, row: 1), "the file has no domain columns",
                                              hint: "The generic tool takes its domains from the headers: Study, one column per domain, then optionally Overall and Weight.")))
        }
        return .success(.generic(domains: names))
    }

    static let overallNames = ["overall", "overall risk of bias"]
    static let weightNames = ["weight", "weights"]

    /// Headers match ignoring case and runs of spaces.
    static func matches(_ header: String, _ name: String) -> Bool {
        func simple(_ text: String) -> String { text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        return simple(header) == simple(name)
    }

    /// The key under which study labels are compared: letters and digits, lower case, so that
    /// "Amr, 2010" and "amr 2010" are the same study (the forest plot matches labels the same way).
    static func key(_ label: String) -> String {
        let key = label.lowercased().filter { $0.isLetter || $0.isNumber }
        return key.isEmpty ? label : key
    }
}
