import Foundation
import MetaAnalysis

extension ReviewParser {
    static let givenKeys = ["model", "method", "studies", "pooled", "subgroup_differences"]
    static let pooledKeys = ["subgroup", "label", "estimate", "ci_lower", "ci_upper", "k", "participants",
                             "events", "heterogeneity", "test"]
    static let heterogeneityKeys = ["tau2", "Q", "chi2", "df", "p", "I2"]

    func givenResults(_ value: YAMLValue, measure: EffectMeasure, logScale: Bool, what: String) -> GivenResults? {
        guard let map = value.mapping("'results' of \(what)", allowed: Self.givenKeys) else { return nil }
        let isRatio = measure == .GEN ? logScale : measure.isRatio
        var model = GivenResults.Model.random
        if let modelValue = map.optional("model"), let text = modelValue.string("'model'") {
            switch text.lowercased() {
            case "random", "random-effects", "random effects": model = .random
            case "common", "fixed", "common-effect", "fixed-effect", "common effect", "fixed effect": model = .common
            default: sink.error(modelValue.location, "'model' must be 'random' or 'common', not '\(text.truncatedForMessage)'",
                                hint: Suggestion.nearest(to: text, among: ["random", "common", "fixed"]).map { "Did you mean '\($0)'?" })
            }
        }
        var studies: [GivenStudy] = []
        if let studiesValue = map.optional("studies"), let table = table(studiesValue, what: "'studies' of the results of \(what)") {
            studies = givenStudies(table, measure: measure, isRatio: isRatio)
        }
        var pooled: [GivenPooled] = []
        for item in map.optional("pooled")?.sequence("'pooled'") ?? [] {
            if let row = pooledRow(item, isRatio: isRatio) { pooled.append(row) }
        }
        // Rows left out for their own errors do not count as missing rows.
        if map["studies"] == nil && map["pooled"] == nil {
            sink.error(map.location, "the results of \(what) have neither 'studies' nor 'pooled' rows",
                       hint: "Give the study results, the pooled results, or both.")
        }
        let differences = map.optional("subgroup_differences").flatMap { heterogeneity($0, what: "'subgroup_differences'") }
        return GivenResults(model: model, modelIsStated: map["model"] != nil, method: map.string("method"), studies: studies, pooled: pooled,
                            subgroupDifferences: differences)
    }

    private func givenStudies(_ table: DataTable, measure: EffectMeasure, isRatio: Bool) -> [GivenStudy] {
        let needed = ["study", "estimate", "ci_lower", "ci_upper"]
        let missing = needed.filter { !table.columns.contains($0) }
        guard missing.isEmpty else {
            sink.error(table.location(ofColumn: missing.first),
                       "missing column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")) of given study results",
                       hint: "Given results need: study, estimate, ci_lower, ci_upper (natural scale); optionally weight, subgroup, year and arm data. Found: \(table.columns.joined(separator: ", ")).")
            return []
        }
        // The arm columns, when present, are read and checked like study-level data.
        let armColumns = StudyTable.requiredColumns(for: measure).first ?? []
        let hasArmData = measure != .GEN && Set(armColumns).isSubset(of: table.columns)
        var armData: [String: StudyData] = [:]
        if hasArmData {
            let (studies, problems) = StudyTable.studies(from: table, measure: measure)
            sink.add(problems)
            for study in studies { armData[study.label] = study.data }
        }
        var labels: Set<String> = []
        var result: [GivenStudy] = []
        for row in table.rows {
            guard let labelCell = row["study"], !labelCell.text.isEmpty else {
                sink.error(row.location, "the study label is empty")
                continue
            }
            if !hasArmData, !labels.insert(labelCell.text).inserted {
                sink.error(labelCell.location, "the study label '\(labelCell.text.truncatedForMessage)' is used twice",
                           hint: "Study labels must be unique within an analysis.")
            }
            guard let ci = interval(row, isRatio: isRatio, table: table) else { continue }
            var weight: Double?
            if let cell = row["weight"], !cell.text.isEmpty {
                weight = cellNumber(cell, table: table)
                if let w = weight, w < 0 || w > 100 {
                    sink.error(cell.location, "a weight is a percentage between 0 and 100, not \(cell.text)")
                }
            }
            var year: Int?
            if let cell = row["year"], !cell.text.isEmpty, let value = cellNumber(cell, table: table) { year = Int(value) }
            let subgroup = row["subgroup"].map(\.text).flatMap { $0.isEmpty ? nil : $0 }
            result.append(GivenStudy(label: labelCell.text, estimate: ci.estimate, lower: ci.lower, upper: ci.upper,
                                     weight: weight, subgroup: subgroup, year: year, data: armData[labelCell.text],
                                     location: row.location))
        }
        return result
    }

    private func cellNumber(_ cell: DataTable.Cell, table: DataTable) -> Double? {
        switch NumberParsing.parse(cell.text, decimalComma: table.decimalComma) {
        case .success(let value): return value
        case .failure(let failure):
            sink.error(cell.location, "the value \(failure.phrase)")
            return nil
        }
    }

    private func interval(_ row: DataTable.Row, isRatio: Bool, table: DataTable) -> (estimate: Double, lower: Double, upper: Double)? {
        guard let e = row["estimate"], let l = row["ci_lower"], let u = row["ci_upper"] else { return nil }
        let estimate = cellNumber(e, table: table), lower = cellNumber(l, table: table), upper = cellNumber(u, table: table)
        guard let estimate, let lower, let upper else { return nil }
        return checkedInterval(estimate, lower, upper, isRatio: isRatio,
                               places: (e.location, l.location, u.location), texts: (e.text, l.text, u.text))
    }

    /// Checks lower ≤ estimate ≤ upper and, for ratios, positivity.
    func checkedInterval(_ estimate: Double, _ lower: Double, _ upper: Double, isRatio: Bool,
                         places: (SourceLocation, SourceLocation, SourceLocation),
                         texts: (String, String, String)) -> (estimate: Double, lower: Double, upper: Double)? {
        var ok = true
        if isRatio {
            for (value, place, text) in [(estimate, places.0, texts.0), (lower, places.1, texts.1), (upper, places.2, texts.2)] where value <= 0 {
                sink.error(place, "a ratio must be greater than 0, not \(text)",
                           hint: "Give ratios on their natural scale (e.g. 0.75), not as logarithms.")
                ok = false
            }
        }
        if ok, lower > estimate {
            sink.error(places.1, "the lower CI bound \(texts.1) is above the estimate \(texts.0)",
                       hint: "Check that ci_lower and ci_upper are not swapped.")
            ok = false
        }
        if ok, upper < estimate {
            sink.error(places.2, "the upper CI bound \(texts.2) is below the estimate \(texts.0)",
                       hint: "Check that ci_lower and ci_upper are not swapped.")
            ok = false
        }
        return ok ? (estimate, lower, upper) : nil
    }

    private func pooledRow(_ value: YAMLValue, isRatio: Bool) -> GivenPooled? {
        guard let map = value.mapping("a pooled row", allowed: Self.pooledKeys) else { return nil }
        let e = map.required("estimate"), l = map.required("ci_lower"), u = map.required("ci_upper")
        let estimate = e?.number("'estimate'"), lower = l?.number("'ci_lower'"), upper = u?.number("'ci_upper'")
        var events: ArmCounts?
        if let eventsValue = map.optional("events") { events = armCounts(eventsValue) }
        let heterogeneity = map.optional("heterogeneity").flatMap { self.heterogeneity($0, what: "'heterogeneity'") }
        var z: Double?, t: Double?, p: ReportedP?
        if let test = map.optional("test")?.mapping("'test'", allowed: ["z", "t", "p"]) {
            z = test.number("z")
            t = test.number("t")
            p = test.optional("p").flatMap { pValue($0) }
        }
        guard let estimate, let lower, let upper, let e, let l, let u,
              let ci = checkedInterval(estimate, lower, upper, isRatio: isRatio, places: (e.location, l.location, u.location),
                                       texts: (e.scalarText ?? "", l.scalarText ?? "", u.scalarText ?? ""))
        else { return nil }
        return GivenPooled(subgroup: map.string("subgroup"), label: map.string("label"), estimate: ci.estimate,
                           lower: ci.lower, upper: ci.upper, k: map.integer("k", minimum: 1),
                           participants: map.integer("participants", minimum: 1), events: events,
                           heterogeneity: heterogeneity, z: z, t: t, p: p, location: map.location)
    }

    func armCounts(_ value: YAMLValue) -> ArmCounts? {
        guard let map = value.mapping("'events'", allowed: ["experimental", "experimental_total", "control", "control_total"]) else { return nil }
        guard let e1 = map.required("experimental")?.integer("'experimental' events"),
              let n1 = map.required("experimental_total")?.integer("'experimental_total'", minimum: 1),
              let e2 = map.required("control")?.integer("'control' events"),
              let n2 = map.required("control_total")?.integer("'control_total'", minimum: 1) else { return nil }
        for (events, total, key) in [(e1, n1, "experimental"), (e2, n2, "control")] where events > total {
            sink.error(map[key]?.location ?? map.location, "\(events) events is more than the arm's total of \(total)")
            return nil
        }
        return ArmCounts(experimentalEvents: Double(e1), experimentalTotal: Double(n1),
                         controlEvents: Double(e2), controlTotal: Double(n2))
    }

    func heterogeneity(_ value: YAMLValue, what: String) -> GivenHeterogeneity? {
        guard let map = value.mapping(what, allowed: Self.heterogeneityKeys) else { return nil }
        var result = GivenHeterogeneity(tau2: map.number("tau2"), Q: map.number("Q") ?? map.number("chi2"),
                                        df: map.number("df"), p: map.optional("p").flatMap { pValue($0) },
                                        I2: map.number("I2"))
        if let i2 = result.I2, i2 < 0 || i2 > 100 {
            sink.error(map["I2"]?.location ?? map.location, "I2 is a percentage between 0 and 100, not \(i2)")
            result.I2 = nil
        }
        if let tau2 = result.tau2, tau2 < 0 {
            sink.error(map["tau2"]?.location ?? map.location, "tau2 cannot be negative")
            result.tau2 = nil
        }
        return result
    }

    /// A p-value: a number in [0, 1], or a bound such as "< 0.00001".
    func pValue(_ value: YAMLValue) -> ReportedP? {
        guard let text = value.string("a p-value") else { return nil }
        var body = text.trimmingCharacters(in: .whitespaces).lowercased()
        if body.hasPrefix("p") { body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces) }
        var bounded = false
        if body.hasPrefix("<") {
            bounded = true
            body = String(body.dropFirst()).trimmingCharacters(in: CharacterSet(charactersIn: " ="))
        } else if body.hasPrefix("=") {
            body = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
        }
        guard case .success(let p) = NumberParsing.parse(body), p >= 0, p <= 1 else {
            sink.error(value.location, "'\(text.truncatedForMessage)' is not a p-value",
                       hint: "Write a number between 0 and 1 (0.03) or a bound (\"< 0.00001\").")
            return nil
        }
        return bounded ? .below(p) : .exact(p)
    }
}
