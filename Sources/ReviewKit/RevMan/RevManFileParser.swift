import Foundation

/// Reads a RevMan 5 document's XML tree into a `RevManFile`. Problems are reported with the file
/// and line; whatever can still be read is read (a bad row is left out, an unsupported outcome is
/// skipped with a warning).
struct RevManFileParser {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    /// Outcome elements RevMan 5 writes that metareport does not import, with what they hold.
    static let unsupportedOutcomes = [
        "IPD_OUTCOME": "individual participant data",
        "OTHER_OUTCOME": "'other data' (text, no numbers to pool)",
        "OE_OUTCOME": "O − E and variance data",
    ]

    mutating func parse(_ root: XMLTreeElement) -> RevManFile? {
        guard root.name == "COCHRANE_REVIEW" else {
            error(root.line, "this is not a RevMan 5 review: its root element is <\(root.name)>, not <COCHRANE_REVIEW>",
                  hint: "Give a file saved by Review Manager 5 (.rm5).")
            return nil
        }
        if let type = root["TYPE"], type != "INTERVENTION" {
            warning(root.line, "the review's type is \(type); metareport imports the analyses of intervention reviews",
                    hint: "Diagnostic test accuracy and other review types store their data differently.")
        }
        let cover = root.child("COVER_SHEET")
        let title = cover?.child("TITLE")?.allText.xmlTrimmed ?? ""
        if title.isEmpty { warning(cover?.line ?? root.line, "the review has no title") }
        let authors = (cover?.child("CREATORS")?.children("PERSON") ?? []).compactMap { person -> String? in
            let name = [person.child("FIRST_NAME")?.allText.xmlTrimmed, person.child("LAST_NAME")?.allText.xmlTrimmed]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return name.isEmpty ? nil : name
        }
        let studies = (root.child("STUDIES_AND_REFERENCES")?.child("STUDIES")?.child("INCLUDED_STUDIES")?
            .children("STUDY") ?? []).compactMap { study($0) }
        var comparisons: [RevManFile.Comparison] = []
        if let analyses = root.child("ANALYSES_AND_DATA") {
            for element in analyses.children("COMPARISON") {
                comparisons.append(comparison(element))
            }
        } else {
            warning(root.line, "the review has no analyses (ANALYSES_AND_DATA)")
        }
        let qualityItems = (root.child("QUALITY_ITEMS")?.children("QUALITY_ITEM") ?? []).map { qualityItem($0) }
        return RevManFile(title: title, authors: authors, revmanVersion: root["REVMAN_SUB_VERSION"]?.xmlTrimmed,
                          studies: studies, comparisons: comparisons, qualityItems: qualityItems)
    }

    // MARK: - Studies

    private mutating func study(_ element: XMLTreeElement) -> RevManFile.Study? {
        guard let id = element["ID"], !id.isEmpty else {
            warning(element.line, "an included study has no ID; it is ignored")
            return nil
        }
        let name = element["NAME"]?.xmlTrimmed ?? ""
        return RevManFile.Study(id: id, name: name.isEmpty ? Self.label(fromID: id) : name,
                                year: element["YEAR"].flatMap { Int($0.xmlTrimmed) }, line: element.line)
    }

    /// A readable label from a study ID such as "STD-El_x002d_Daher-1991" ("El-Daher-1991").
    static func label(fromID id: String) -> String {
        var text = id.hasPrefix("STD-") ? String(id.dropFirst(4)) : id
        // RevMan escapes characters that may not appear in an XML ID as _xHHHH_.
        while let range = text.range(of: #"_x[0-9A-Fa-f]{4}_"#, options: .regularExpression) {
            let hex = text[range].dropFirst(2).dropLast()
            let replacement = UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
            text.replaceSubrange(range, with: replacement)
        }
        return text
    }

    // MARK: - Comparisons and outcomes

    private mutating func comparison(_ element: XMLTreeElement) -> RevManFile.Comparison {
        var outcomes: [RevManFile.Outcome] = []
        for child in element.children {
            switch child.name {
            case "DICH_OUTCOME": if let o = outcome(child, kind: .dichotomous) { outcomes.append(o) }
            case "CONT_OUTCOME": if let o = outcome(child, kind: .continuous) { outcomes.append(o) }
            case "IV_OUTCOME": if let o = outcome(child, kind: .genericInverseVariance) { outcomes.append(o) }
            case "NAME": break
            default:
                if child.name.hasSuffix("_OUTCOME") {
                    let what = Self.unsupportedOutcomes[child.name].map { " (\($0))" } ?? ""
                    let id = child["ID"].map { " \($0)" } ?? ""
                    let name = child.child("NAME")?.allText.xmlTrimmed.nilIfEmpty.map { " '\($0.truncatedForMessage)'" } ?? ""
                    warning(child.line, "the outcome\(id)\(name) is of type \(child.name)\(what), which metareport does not import; it is skipped",
                            hint: "Dichotomous, continuous and generic inverse-variance outcomes are imported.")
                }
            }
        }
        return RevManFile.Comparison(id: element["ID"] ?? "", number: element["NO"].flatMap { Int($0) },
                                     name: element.child("NAME")?.allText.xmlTrimmed ?? "", outcomes: outcomes,
                                     line: element.line)
    }

    private mutating func outcome(_ element: XMLTreeElement, kind: RevManFile.OutcomeKind) -> RevManFile.Outcome? {
        guard let id = element["ID"], !id.isEmpty else {
            warning(element.line, "an outcome (\(element.name)) has no ID; it is skipped")
            return nil
        }
        // In a truncated file, an outcome the file ends inside may be missing rows: leave it out.
        guard element.complete else {
            error(element.line, "the outcome \(id) is not imported: the file ends inside it",
                  hint: "The file is truncated; the outcomes before it are imported.")
            return nil
        }
        let name = element.child("NAME")?.allText.xmlTrimmed ?? ""
        // Generic inverse-variance outcomes name their effect in an element, the others in an attribute.
        let measure = (element["EFFECT_MEASURE"]?.xmlTrimmed.nilIfEmpty ?? element.child("EFFECT_MEASURE")?.allText.xmlTrimmed) ?? ""
        var outcome = RevManFile.Outcome(
            id: id, number: element["NO"].flatMap { Int($0) }, name: name, kind: kind, effectMeasure: measure,
            method: (element["METHOD"]?.xmlTrimmed.uppercased()).flatMap { $0.isEmpty ? nil : $0 } ?? "IV",
            randomEffects: element["RANDOM"] == "YES", logData: element["LOG_DATA"] == "YES",
            studyConfidence: number(element["CI_STUDY"]) ?? 95, totalConfidence: number(element["CI_TOTAL"]) ?? 95,
            groupLabels: (element.child("GROUP_LABEL_1")?.allText.xmlTrimmed.nilIfEmpty, element.child("GROUP_LABEL_2")?.allText.xmlTrimmed.nilIfEmpty),
            graphLabels: (element.child("GRAPH_LABEL_1")?.allText.xmlTrimmed.nilIfEmpty, element.child("GRAPH_LABEL_2")?.allText.xmlTrimmed.nilIfEmpty),
            hasSubgroups: element["SUBGROUPS"] == "YES", subgroupTest: element["SUBGROUP_TEST"] != "NO",
            totals: element["TOTALS"]?.uppercased() ?? "YES", swapEvents: element["SWAP_EVENTS"] == "YES",
            units: element["UNITS"]?.xmlTrimmed.nilIfEmpty, result: result(element, outcome: true),
            subgroups: [], rows: [], line: element.line)
        for child in element.children {
            if child.name == kind.elements.data {
                if let row = row(child, kind: kind, subgroup: nil, outcome: id) { outcome.rows.append(row) }
            } else if child.name == kind.elements.subgroup {
                let index = outcome.subgroups.count
                outcome.subgroups.append(RevManFile.Subgroup(
                    id: child["ID"] ?? "", name: child.child("NAME")?.allText.xmlTrimmed ?? "Subgroup \(index + 1)",
                    result: result(child, outcome: false), line: child.line))
                for data in child.children(kind.elements.data) {
                    if let row = row(data, kind: kind, subgroup: index, outcome: id) { outcome.rows.append(row) }
                }
            }
        }
        if !outcome.subgroups.isEmpty { outcome.hasSubgroups = true }
        return outcome
    }

    private func result(_ element: XMLTreeElement, outcome: Bool) -> RevManFile.Result {
        var result = RevManFile.Result(estimable: element["ESTIMABLE"] == "YES")
        result.effect = number(element["EFFECT_SIZE"])
        result.ciStart = number(element["CI_START"])
        result.ciEnd = number(element["CI_END"])
        result.z = number(element["Z"])
        result.pZ = number(element["P_Z"])
        result.chi2 = number(element["CHI2"])
        result.df = number(element["DF"])
        result.pChi2 = number(element["P_CHI2"])
        result.i2 = number(element["I2"])
        result.tau2 = number(element["TAU2"])
        if outcome {
            result.subgroupQ = number(element["Q"])
            result.subgroupP = number(element["P_Q"])
            result.subgroupI2 = number(element["I2_Q"])
        }
        result.studies = element["STUDIES"].flatMap { Int($0) }
        result.total1 = number(element["TOTAL_1"])
        result.total2 = number(element["TOTAL_2"])
        return result
    }

    private mutating func row(_ element: XMLTreeElement, kind: RevManFile.OutcomeKind, subgroup: Int?,
                              outcome: String) -> RevManFile.Row? {
        guard let studyID = element["STUDY_ID"], !studyID.isEmpty else {
            error(element.line, "a data row of outcome \(outcome) has no STUDY_ID; it is left out")
            return nil
        }
        var missing: [String] = []
        func value(_ name: String) -> Double? {
            guard let v = number(element[name]) else { missing.append(name); return nil }
            return v
        }
        let values: RevManFile.Row.Values
        switch kind {
        case .dichotomous:
            let e1 = value("EVENTS_1"), n1 = value("TOTAL_1"), e2 = value("EVENTS_2"), n2 = value("TOTAL_2")
            guard let e1, let n1, let e2, let n2 else { return missingValues(missing, element, outcome) }
            values = .dichotomous(events1: e1, total1: n1, events2: e2, total2: n2)
        case .continuous:
            let m1 = value("MEAN_1"), s1 = value("SD_1"), n1 = value("TOTAL_1")
            let m2 = value("MEAN_2"), s2 = value("SD_2"), n2 = value("TOTAL_2")
            guard let m1, let s1, let n1, let m2, let s2, let n2 else { return missingValues(missing, element, outcome) }
            values = .continuous(mean1: m1, sd1: s1, total1: n1, mean2: m2, sd2: s2, total2: n2)
        case .genericInverseVariance:
            // ESTIMATE is the value as entered; older files only have EFFECT_SIZE.
            let estimate = number(element["ESTIMATE"]) ?? number(element["EFFECT_SIZE"])
            guard let estimate, let se = value("SE") else {
                if number(element["ESTIMATE"]) == nil && number(element["EFFECT_SIZE"]) == nil { missing.insert("ESTIMATE", at: 0) }
                return missingValues(missing, element, outcome)
            }
            values = .generic(estimate: estimate, se: se, total1: number(element["TOTAL_1"]), total2: number(element["TOTAL_2"]))
        }
        let footnote = element.child("FOOTNOTE")?.allText.xmlTrimmed.nilIfEmpty
        return RevManFile.Row(studyID: studyID, subgroup: subgroup, values: values,
                              estimable: element["ESTIMABLE"].flatMap { $0 == "YES" ? true : $0 == "NO" ? false : nil }, effect: number(element["EFFECT_SIZE"]),
                              ciStart: number(element["CI_START"]), ciEnd: number(element["CI_END"]),
                              weight: number(element["WEIGHT"]), footnote: footnote, line: element.line)
    }

    private mutating func missingValues(_ names: [String], _ element: XMLTreeElement, _ outcome: String) -> RevManFile.Row? {
        let study = element["STUDY_ID"].map { Self.label(fromID: $0) } ?? "?"
        warning(element.line, "the data of study '\(study.truncatedForMessage)' in outcome \(outcome) have no \(names.joined(separator: ", ")); the row is left out",
                hint: "Empty values are data RevMan has not been given.")
        return nil
    }

    // MARK: - Risk of bias

    private mutating func qualityItem(_ element: XMLTreeElement) -> RevManFile.QualityItem {
        let groups = element.children("QUALITY_ITEM_DATA_ENTRY_GROUP").map { group in
            (id: group["ID"] ?? "", name: group.child("NAME")?.allText.xmlTrimmed ?? "")
        }
        var entries: [(studyID: String, groupID: String?, result: String, line: Int)] = []
        for entry in element.child("QUALITY_ITEM_DATA")?.children("QUALITY_ITEM_DATA_ENTRY") ?? [] {
            guard let study = entry["STUDY_ID"], !study.isEmpty else { continue }
            entries.append((study, entry["GROUP_ID"], entry["RESULT"]?.xmlTrimmed.uppercased() ?? "", entry.line))
        }
        return RevManFile.QualityItem(id: element["ID"] ?? "", name: element.child("NAME")?.allText.xmlTrimmed ?? "",
                                      level: element["LEVEL"]?.uppercased() ?? "STUDY", groups: groups,
                                      entries: entries, line: element.line)
    }

    // MARK: - Helpers

    /// A number as RevMan writes it ("0.68", "4.98E-7"); nil for empty, NaN or infinite values,
    /// which RevMan writes where it computed nothing.
    private func number(_ text: String?) -> Double? {
        guard let text = text?.xmlTrimmed, !text.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private mutating func warning(_ line: Int, _ message: String, hint: String? = nil) {
        diagnostics.append(.warning(SourceLocation(file: file, line: line), message, hint: hint))
    }

    private mutating func error(_ line: Int, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(SourceLocation(file: file, line: line), message, hint: hint))
    }
}

extension String {
    var xmlTrimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
