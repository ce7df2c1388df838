import Foundation
import MetaAnalysis

/// Turns a `RevManFile` into a `Review`: one analysis per outcome with RevMan's method and
/// `compatibility: revman`, its studies labelled as RevMan labels them, and the risk-of-bias items
/// as a tool with RevMan's domains.
struct RevManReviewBuilder {
    let file: RevManFile
    let shown: String
    private(set) var diagnostics: [Diagnostic] = []
    private let studies: [String: RevManFile.Study]
    private var reportedMissingStudies: Set<String> = []

    init(file: RevManFile, shown: String) {
        self.file = file
        self.shown = shown
        var byID: [String: RevManFile.Study] = [:]
        for study in file.studies where byID[study.id] == nil { byID[study.id] = study }
        studies = byID
    }

    mutating func build() -> (review: Review, outcomes: [RevManImport.ImportedOutcome]) {
        var analyses: [Analysis] = []
        var outcomes: [RevManImport.ImportedOutcome] = []
        var usedIDs: Set<String> = []
        for comparison in file.comparisons {
            for outcome in comparison.outcomes {
                var imported = RevManImport.ImportedOutcome(
                    comparisonNumber: comparison.number, comparisonName: comparison.name, outcome: outcome,
                    analysisID: nil, skipped: nil, rows: [], subgroupNames: [])
                switch analysis(for: outcome, comparison: comparison, usedIDs: &usedIDs, imported: &imported) {
                case .success(let made):
                    analyses.append(made)
                    imported.analysisID = made.id
                case .failure(let reason):
                    imported.skipped = reason.message
                    diagnostics.append(.warning(place(outcome.line), "outcome \(outcome.id) ('\(outcome.name.truncatedForMessage)') is not imported: \(reason.message)",
                                                hint: outcome.result.estimable ? nil : "RevMan shows no pooled result for it either."))
                }
                outcomes.append(imported)
            }
        }
        let title = file.title.isEmpty ? ((shown as NSString).lastPathComponent as NSString).deletingPathExtension : file.title
        let version = file.revmanVersion.map { " (RevMan \($0))" } ?? ""
        let review = Review(title: title, authors: file.authors,
                            summary: "Imported from the RevMan 5 file \((shown as NSString).lastPathComponent)\(version). Each analysis is computed as RevMan 5 computes it.",
                            analyses: analyses, riskOfBias: riskOfBias())
        return (review, outcomes)
    }

    private struct Skip: Error { var message: String }

    // MARK: - Analyses

    private mutating func analysis(for outcome: RevManFile.Outcome, comparison: RevManFile.Comparison,
                                   usedIDs: inout Set<String>,
                                   imported: inout RevManImport.ImportedOutcome) -> Result<Analysis, Skip> {
        guard !outcome.rows.isEmpty else { return .failure(Skip(message: "it has no data")) }
        guard let (measure, method, mhRandom) = pooling(outcome) else {
            return .failure(Skip(message: "its effect measure '\(outcome.effectMeasure.truncatedForMessage)' is not one metareport computes"))
        }
        let logScale = outcome.kind == .genericInverseVariance && outcome.logData
        // Subgroup names as labels: trimmed and unique.
        var subgroupNames: [String] = []
        for subgroup in outcome.subgroups {
            subgroupNames.append(unique(subgroup.name.isEmpty ? "Subgroup" : subgroup.name, among: subgroupNames))
        }
        imported.subgroupNames = subgroupNames
        var labels: [String] = []
        var years: [String: Int] = [:]
        var studyList: [Study] = []
        for row in outcome.rows {
            guard let data = studyData(row, outcome: outcome, measure: measure) else { continue }
            let study = self.study(row.studyID, outcome: outcome, line: row.line)
            var label = study.name
            if labels.contains(label) {
                // Several rows of one study (arms, outcome groups): RevMan tells them apart by footnote.
                label = unique(row.footnote.map { "\(study.name) (\($0))" } ?? study.name, among: labels)
            }
            labels.append(label)
            if let year = study.year { years[label] = year }
            studyList.append(Study(label: label, data: data, subgroup: row.subgroup.map { subgroupNames[$0] }))
            imported.rows.append(row)
        }
        guard !studyList.isEmpty else { return .failure(Skip(message: "none of its studies has usable data")) }
        var id = outcome.id
        if !ReviewParser.isValidID(id) {
            id = String(id.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) ? Character($0) : "-" })
            if id.first.map({ !$0.isLetter && !$0.isNumber }) ?? true { id = "outcome-" + id }
        }
        id = unique(id, among: Array(usedIDs), separator: "-")
        usedIDs.insert(id)
        if outcome.totalConfidence != 95 {
            diagnostics.append(.note(place(outcome.line), "outcome \(outcome.id) uses \(Self.format(outcome.totalConfidence))% confidence intervals in RevMan; metareport's report shows 95% intervals",
                                     hint: "'import-revman --check' compares at RevMan's level."))
        }
        let number = [comparison.number, outcome.number].compactMap { $0 }.map(String.init).joined(separator: ".")
        var analysis = Analysis(
            id: id, title: number.isEmpty ? outcome.name : "\(number) \(outcome.name)", outcome: outcome.name,
            unit: outcome.units, measure: measure, logScale: measure == .GEN ? logScale : measure.isRatio,
            effectLabel: measure == .GEN ? outcome.effectMeasure.nilIfEmpty : nil, method: method, hksj: false,
            includeDoubleZeroStudies: false, subgroupColumn: outcome.hasSubgroups ? "subgroup" : nil,
            arms: Arms(experimental: outcome.groupLabels.experimental ?? "Experimental",
                       control: outcome.groupLabels.control ?? "Control"),
            favours: outcome.graphLabels.left.flatMap { left in outcome.graphLabels.right.map { Favours(left: left, right: $0) } },
            figures: [], content: .studies(studyList), years: years, location: place(outcome.line))
        analysis.compatibility = .revman
        analysis.mantelHaenszelRandomEffects = mhRandom
        // An outcome the engine cannot pool (e.g. no estimable study) would stop a render.
        do {
            var settings = analysis.settings
            settings.confidenceLevel = outcome.totalConfidence / 100
            _ = try MetaAnalysis.analyze(studyList, settings: settings, request: .pooledOnly)
        } catch {
            return .failure(Skip(message: "\(error)"))
        }
        return .success(analysis)
    }

    /// The measure and method of an outcome, as metareport names them; nil for an unknown measure.
    private mutating func pooling(_ outcome: RevManFile.Outcome) -> (EffectMeasure, PoolingMethod, Bool)? {
        switch outcome.kind {
        case .dichotomous:
            let measure: EffectMeasure
            switch outcome.effectMeasure.uppercased() {
            case "RR": measure = .RR
            case "OR", "PETO_OR": measure = .OR
            case "RD": measure = .RD
            default: return nil
            }
            if outcome.method == "PETO" || outcome.effectMeasure.uppercased() == "PETO_OR" {
                if outcome.randomEffects {
                    diagnostics.append(.warning(place(outcome.line), "outcome \(outcome.id) asks for Peto's method with random effects, which RevMan does not compute; Peto's (common-effect) method is used"))
                }
                return (.OR, .PETO, false)
            }
            if outcome.randomEffects { return (measure, .DL, outcome.method == "MH") }
            return (measure, outcome.method == "MH" ? .MH : .IV, false)
        case .continuous:
            switch outcome.effectMeasure.uppercased() {
            case "MD": return (.MD, outcome.randomEffects ? .DL : .IV, false)
            case "SMD": return (.SMD, outcome.randomEffects ? .DL : .IV, false)
            default: return nil
            }
        case .genericInverseVariance:
            return (.GEN, outcome.randomEffects ? .DL : .IV, false)
        }
    }

    /// A row's data for the engine, or nil (with a note) when RevMan could not estimate it either.
    private mutating func studyData(_ row: RevManFile.Row, outcome: RevManFile.Outcome, measure: EffectMeasure) -> StudyData? {
        let name = study(row.studyID, outcome: outcome, line: row.line).name
        func leftOut(_ reason: String) -> StudyData? {
            diagnostics.append(.note(place(row.line), "study '\(name.truncatedForMessage)' in outcome \(outcome.id) is left out: \(reason)"))
            return nil
        }
        switch row.values {
        case let .dichotomous(events1, total1, events2, total2):
            guard total1 > 0, total2 > 0 else { return leftOut("an arm has no participants (not estimable)") }
            for (value, field) in [(events1, "EVENTS_1"), (total1, "TOTAL_1"), (events2, "EVENTS_2"), (total2, "TOTAL_2")]
            where value < 0 || value != value.rounded() {
                diagnostics.append(.error(place(row.line), "study '\(name.truncatedForMessage)' in outcome \(outcome.id): \(field) is \(Self.format(value)), not a count; the row is left out"))
                return nil
            }
            guard events1 <= total1, events2 <= total2 else {
                diagnostics.append(.error(place(row.line), "study '\(name.truncatedForMessage)' in outcome \(outcome.id) has more events than participants; the row is left out"))
                return nil
            }
            // SWAP_EVENTS: RevMan analyses the non-events.
            if outcome.swapEvents {
                return .binary(expEvents: total1 - events1, expTotal: total1, ctrlEvents: total2 - events2, ctrlTotal: total2)
            }
            return .binary(expEvents: events1, expTotal: total1, ctrlEvents: events2, ctrlTotal: total2)
        case let .continuous(mean1, sd1, total1, mean2, sd2, total2):
            guard total1 > 0, total2 > 0 else { return leftOut("an arm has no participants (not estimable)") }
            guard sd1 >= 0, sd2 >= 0 else {
                diagnostics.append(.error(place(row.line), "study '\(name.truncatedForMessage)' in outcome \(outcome.id) has a negative SD; the row is left out"))
                return nil
            }
            let pooledVariance = ((total1 - 1) * sd1 * sd1 + (total2 - 1) * sd2 * sd2) / (total1 + total2 - 2)
            if measure == .SMD, total1 + total2 < 4 || !(pooledVariance > 0) {
                return leftOut("a standardised mean difference needs four participants and a positive SD (not estimable)")
            }
            if measure == .MD, sd1 == 0 && sd2 == 0 { return leftOut("both SDs are 0 (not estimable)") }
            return .continuous(expMean: mean1, expSD: sd1, expTotal: total1, ctrlMean: mean2, ctrlSD: sd2, ctrlTotal: total2)
        case let .generic(estimate, se, _, _):
            guard se > 0 else { return leftOut("its standard error is \(Self.format(se)) (not estimable)") }
            return .genericSE(yi: estimate, se: se)
        }
    }

    /// The included study with this ID; a study the file does not list is named after its ID.
    private mutating func study(_ id: String, outcome: RevManFile.Outcome?, line: Int) -> RevManFile.Study {
        if let study = studies[id] { return study }
        if reportedMissingStudies.insert(id).inserted {
            let whereUsed = outcome.map { " (outcome \($0.id))" } ?? ""
            diagnostics.append(.warning(place(line), "the study '\(id.truncatedForMessage)'\(whereUsed) is not among the review's included studies; it is named '\(RevManFileParser.label(fromID: id).truncatedForMessage)' after its ID",
                                        hint: "The file may have been edited by hand or saved incompletely."))
        }
        return RevManFile.Study(id: id, name: RevManFileParser.label(fromID: id), year: nil, line: line)
    }

    // MARK: - Risk of bias

    /// RevMan's quality items as a tool: one domain per item, or per outcome group of a GROUP item.
    /// YES is low risk, NO high risk, UNKNOWN unclear.
    private mutating func riskOfBias() -> RiskOfBiasAssessment? {
        var domains: [(name: String, item: Int, group: String?)] = []
        for (index, item) in file.qualityItems.enumerated() where !item.entries.isEmpty {
            let used = item.groups.filter { group in item.entries.contains { $0.groupID == group.id } }
            if item.level == "GROUP" && !used.isEmpty {
                if used.count == 1 && used[0].name.lowercased() == "all outcomes" {
                    domains.append((item.name, index, used[0].id))
                } else {
                    for group in used { domains.append(("\(item.name): \(group.name)", index, group.id)) }
                }
            } else {
                domains.append((item.name, index, nil))
            }
        }
        guard !domains.isEmpty else { return nil }
        // Judged studies: the included studies in order, then any others the items name.
        var order = file.studies.map(\.id)
        for item in file.qualityItems { for entry in item.entries where !order.contains(entry.studyID) { order.append(entry.studyID) } }
        var rows: [RiskOfBiasStudy] = []
        var labels: [String] = []
        for id in order {
            var judgements: [Judgement?] = []
            var firstLine: Int?
            for domain in domains {
                let item = file.qualityItems[domain.item]
                let entry = item.entries.first { $0.studyID == id && (domain.group == nil || $0.groupID == domain.group) }
                if let entry, firstLine == nil { firstLine = entry.line }
                switch entry?.result {
                case "YES": judgements.append(.low)
                case "NO": judgements.append(.high)
                case "UNKNOWN": judgements.append(.moderate)
                default: judgements.append(nil)
                }
            }
            guard let line = firstLine else { continue }
            let label = unique(study(id, outcome: nil, line: line).name, among: labels)
            labels.append(label)
            rows.append(RiskOfBiasStudy(study: label, judgements: judgements, location: place(line)))
        }
        let names = domains.map(\.name)
        let tool = names == RiskOfBiasTool.rob1.domains.map(\.name) ? RiskOfBiasTool.rob1 : .generic(domains: names)
        return RiskOfBiasAssessment(tool: tool, studies: rows, location: place(file.qualityItems.first?.line ?? 1))
    }

    // MARK: - Helpers

    private func place(_ line: Int) -> SourceLocation { SourceLocation(file: shown, line: line) }

    /// `name`, or `name (2)`, `name (3)`… so that it differs from every one of `others`.
    private func unique(_ name: String, among others: [String], separator: String = " ") -> String {
        guard others.contains(name) else { return name }
        var number = 2
        while others.contains(separator == " " ? "\(name) (\(number))" : "\(name)\(separator)\(number)") { number += 1 }
        return separator == " " ? "\(name) (\(number))" : "\(name)\(separator)\(number)"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
