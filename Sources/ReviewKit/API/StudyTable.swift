import Foundation
import MetaAnalysis

/// Turns a data table into the studies of an analysis, checking every cell for the measure:
/// counts that are whole and within their totals, positive SDs and variances, CIs around
/// their estimates, unique labels. Every problem is reported, each at its cell.
public enum StudyTable {
    /// The columns a measure needs, for messages and for the schema.
    public static func requiredColumns(for measure: EffectMeasure) -> [[String]] {
        switch measure {
        case .RR, .OR, .RD: return [["exp_events", "exp_total", "ctrl_events", "ctrl_total"]]
        case .MD, .SMD: return [["exp_mean", "exp_sd", "exp_total", "ctrl_mean", "ctrl_sd", "ctrl_total"]]
        case .GEN: return [["yi", "vi"], ["yi", "se"], ["estimate", "ci_lower", "ci_upper"]]
        }
    }

    /// Reads the studies of `table` for `measure`. `logScale` says a generic effect is a ratio.
    public static func studies(from table: DataTable, measure: EffectMeasure, logScale: Bool = false,
                               subgroupColumn: String? = nil, moderatorColumn: String? = nil,
                               orderColumn: String? = nil) -> (studies: [Study], diagnostics: [Diagnostic]) {
        let read = read(table, measure: measure, logScale: logScale, subgroupColumn: subgroupColumn,
                        moderatorColumn: moderatorColumn, orderColumn: orderColumn)
        return (read.studies, read.diagnostics)
    }

    /// Like `studies(from:…)`, and also the year of each study (by label) when there is a year column.
    public static func read(_ table: DataTable, measure: EffectMeasure, logScale: Bool = false,
                            subgroupColumn: String? = nil, moderatorColumn: String? = nil,
                            orderColumn: String? = nil) -> (studies: [Study], years: [String: Int], diagnostics: [Diagnostic]) {
        var reader = Reader(table: table)
        let alternatives = requiredColumns(for: measure)
        guard let columns = alternatives.first(where: { Set($0).isSubset(of: table.columns) }) else {
            let found = table.columns.filter { !$0.isEmpty }.joined(separator: ", ")
            let needed = alternatives.map { $0.joined(separator: ", ") }.joined(separator: "; or ")
            let missing = alternatives[0].filter { !table.columns.contains($0) }
            // A near miss ("ctrl_totl") is most likely a typo of the missing name.
            let typos = missing.compactMap { name -> String? in
                let near = table.columns.filter { !$0.isEmpty && editDistance($0, name) <= 2 && !alternatives[0].contains($0) }
                return near.first.map { "Is '\($0)' meant to be '\(name)'? " }
            }.joined()
            reader.diagnostics.append(.error(
                table.location(ofColumn: missing.first),
                "missing column\(missing.count == 1 ? "" : "s") \(missing.map { "'\($0)'" }.joined(separator: ", ")) needed for measure \(measure.rawValue)",
                hint: "\(typos)Found: \(found.isEmpty ? "no columns" : found). \(measure.rawValue) needs: \(needed) (metafor's names such as ai, n1i, m1i, sd1i, sei are accepted too)."))
            return ([], [:], reader.diagnostics)
        }
        guard table.columns.contains(DataColumns.study) else {
            reader.diagnostics.append(.error(table.location(ofColumn: DataColumns.study),
                                             "missing column 'study' with each study's label",
                                             hint: "Add a 'study' column, e.g. \"Aronson, 1948\"."))
            return ([], [:], reader.diagnostics)
        }
        for (name, role) in [(subgroupColumn, "subgroup"), (moderatorColumn, "moderator"), (orderColumn, "order")] {
            if let name, !table.columns.contains(DataColumns.canonical(name)) {
                reader.diagnostics.append(.error(table.location(ofColumn: name),
                                                 "the \(role) column '\(name)' is not in the data",
                                                 hint: "Columns found: \(table.columns.joined(separator: ", "))."))
            }
        }

        var studies: [Study] = []
        var years: [String: Int] = [:]
        var firstRowOfLabel: [String: SourceLocation] = [:]
        for row in table.rows {
            let before = reader.diagnostics.count
            let label = reader.label(row)
            if let label, let earlier = firstRowOfLabel[label] {
                reader.diagnostics.append(.error(row[DataColumns.study]?.location ?? row.location,
                                                 "the study label '\(label.truncatedForMessage)' is used twice (first at \(earlier))",
                                                 hint: "Study labels must be unique: add a suffix such as 'a' and 'b' or the year."))
            } else if let label {
                firstRowOfLabel[label] = row[DataColumns.study]?.location ?? row.location
            }
            let data: StudyData?
            switch measure {
            case .RR, .OR, .RD: data = reader.binary(row)
            case .MD, .SMD: data = reader.continuous(row, needsTwoDegreesOfFreedom: measure == .SMD)
            case .GEN: data = reader.generic(row, columns: columns, logScale: logScale)
            }
            let subgroup = subgroupColumn.flatMap { reader.text(row, DataColumns.canonical($0), role: "subgroup") }
            let moderator = moderatorColumn.flatMap { reader.number(row, DataColumns.canonical($0), role: "moderator") }
            let order = orderColumn.flatMap { reader.number(row, DataColumns.canonical($0), role: "order value") }
            var year: Int?
            if let cell = row[DataColumns.year], !cell.text.isEmpty, let value = reader.number(row, DataColumns.year, role: "year") {
                year = Int(exactly: value.rounded())
            }
            guard reader.diagnostics.count == before, let label, let data else { continue }
            if let year { years[label] = year }
            studies.append(Study(label: label, data: data, subgroup: subgroup, moderator: moderator, order: order))
        }
        return (studies, years, reader.diagnostics)
    }

    /// Reads cells of one table, collecting diagnostics.
    private struct Reader {
        let table: DataTable
        var diagnostics: [Diagnostic] = []

        init(table: DataTable) { self.table = table }

        mutating func label(_ row: DataTable.Row) -> String? {
            guard let cell = row[DataColumns.study], !cell.text.isEmpty else {
                diagnostics.append(.error(row[DataColumns.study]?.location ?? row.location, "the study label is empty",
                                          hint: "Give every study a label such as \"Aronson, 1948\"."))
                return nil
            }
            return cell.text
        }

        mutating func number(_ row: DataTable.Row, _ column: String, role: String? = nil) -> Double? {
            guard let cell = row[column] else { return nil }
            switch NumberParsing.parse(cell.text, decimalComma: table.decimalComma) {
            case .success(let value): return value
            case .failure(let failure):
                let what = role.map { "the \($0)" } ?? "the value"
                diagnostics.append(.error(cell.location, "\(what) \(failure.phrase)",
                                          hint: failure.kind == .empty ? "Fill in the value, or remove the study."
                                              : table.decimalComma ? "Write a plain number such as 12 or 0,35." : "Write a plain number such as 12 or 0.35."))
                return nil
            }
        }

        mutating func text(_ row: DataTable.Row, _ column: String, role: String) -> String? {
            guard let cell = row[column] else { return nil }
            guard !cell.text.isEmpty else {
                diagnostics.append(.error(cell.location, "the \(role) is empty", hint: "Every study needs a \(role) when the analysis pools by '\(column)'."))
                return nil
            }
            return cell.text
        }

        mutating func count(_ row: DataTable.Row, _ column: String, kind: String) -> Double? {
            guard let value = number(row, column), let cell = row[column] else { return nil }
            if value < 0 {
                diagnostics.append(.error(cell.location, "\(kind) cannot be negative (\(cell.text))",
                                          hint: "Counts are numbers of participants: check for a stray minus sign or a value typed into the wrong column."))
                return nil
            }
            if value.rounded() != value {
                diagnostics.append(.error(cell.location, "\(kind) must be a whole number, not \(cell.text)",
                                          hint: "Counts are numbers of participants; a fraction often means a percentage or a mean was typed here."))
                return nil
            }
            return value
        }

        mutating func total(_ row: DataTable.Row, _ column: String) -> Double? {
            guard let value = count(row, column, kind: "a total"), let cell = row[column] else { return nil }
            if value < 1 {
                diagnostics.append(.error(cell.location, "the total must be at least 1, not \(cell.text)",
                                          hint: "An arm with no participants cannot be analysed: remove the study or correct the total."))
                return nil
            }
            return value
        }

        mutating func binary(_ row: DataTable.Row) -> StudyData? {
            let e1 = count(row, "exp_events", kind: "a number of events"), n1 = total(row, "exp_total")
            let e2 = count(row, "ctrl_events", kind: "a number of events"), n2 = total(row, "ctrl_total")
            var ok = true
            for (events, total, column) in [(e1, n1, "exp_events"), (e2, n2, "ctrl_events")] {
                if let events, let total, events > total, let cell = row[column] {
                    diagnostics.append(.error(cell.location, "\(Int(events)) events is more than the arm's total of \(Int(total))",
                                              hint: "Check that the events and total columns are not swapped."))
                    ok = false
                }
            }
            guard ok, let e1, let n1, let e2, let n2 else { return nil }
            return .binary(expEvents: e1, expTotal: n1, ctrlEvents: e2, ctrlTotal: n2)
        }

        mutating func continuous(_ row: DataTable.Row, needsTwoDegreesOfFreedom: Bool) -> StudyData? {
            let m1 = number(row, "exp_mean"), s1 = sd(row, "exp_sd"), n1 = total(row, "exp_total")
            let m2 = number(row, "ctrl_mean"), s2 = sd(row, "ctrl_sd"), n2 = total(row, "ctrl_total")
            guard let m1, let s1, let n1, let m2, let s2, let n2 else { return nil }
            if needsTwoDegreesOfFreedom, n1 + n2 <= 2 {
                diagnostics.append(.error(row["exp_total"]?.location ?? row.location,
                                          "a standardised mean difference needs more than 2 participants in all (found \(Int(n1 + n2)))"))
                return nil
            }
            return .continuous(expMean: m1, expSD: s1, expTotal: n1, ctrlMean: m2, ctrlSD: s2, ctrlTotal: n2)
        }

        mutating func sd(_ row: DataTable.Row, _ column: String) -> Double? {
            guard let value = number(row, column), let cell = row[column] else { return nil }
            if value <= 0 {
                diagnostics.append(.error(cell.location, "the standard deviation must be greater than 0, not \(cell.text)",
                                          hint: value == 0 ? "An SD of 0 usually means it was not reported: impute it (Cochrane Handbook 6.5.2) or leave the study out."
                                              : "An SD is never negative: check for a stray minus sign, or a change score typed into the SD column."))
                return nil
            }
            return value
        }

        mutating func positive(_ row: DataTable.Row, _ column: String, what: String) -> Double? {
            guard let value = number(row, column), let cell = row[column] else { return nil }
            if value <= 0 {
                diagnostics.append(.error(cell.location, "\(what) must be greater than 0, not \(cell.text)",
                                          hint: "A study's sampling variance and standard error are positive; check the column, or leave out a study that has none."))
                return nil
            }
            return value
        }

        mutating func generic(_ row: DataTable.Row, columns: [String], logScale: Bool) -> StudyData? {
            if columns.contains("yi") {
                let yi = number(row, "yi")
                if columns.contains("vi") {
                    let vi = positive(row, "vi", what: "the variance")
                    guard let yi, let vi else { return nil }
                    return .generic(yi: yi, vi: vi)
                }
                let se = positive(row, "se", what: "the standard error")
                guard let yi, let se else { return nil }
                return .genericSE(yi: yi, se: se)
            }
            let estimate = number(row, "estimate"), lower = number(row, "ci_lower"), upper = number(row, "ci_upper")
            guard let estimate, let lower, let upper else { return nil }
            var ok = true
            if logScale {
                for (value, column) in [(estimate, "estimate"), (lower, "ci_lower"), (upper, "ci_upper")] where value <= 0 {
                    diagnostics.append(.error(row[column]?.location ?? row.location,
                                              "a ratio must be greater than 0, not \(row[column]?.text ?? String(value))",
                                              hint: "Ratios (odds, risk, hazard ratios) are given on their natural scale, e.g. 0.75; log values go in 'yi'."))
                    ok = false
                }
            }
            if ok, lower > estimate {
                diagnostics.append(.error(row["ci_lower"]?.location ?? row.location,
                                          "the lower CI bound \(row["ci_lower"]?.text ?? "") is above the estimate \(row["estimate"]?.text ?? "")",
                                          hint: "Check that ci_lower and ci_upper are not swapped."))
                ok = false
            }
            if ok, upper < estimate {
                diagnostics.append(.error(row["ci_upper"]?.location ?? row.location,
                                          "the upper CI bound \(row["ci_upper"]?.text ?? "") is below the estimate \(row["estimate"]?.text ?? "")",
                                          hint: "Check that ci_lower and ci_upper are not swapped."))
                ok = false
            }
            if ok, upper == lower {
                diagnostics.append(.error(row["ci_upper"]?.location ?? row.location,
                                          "the confidence interval has no width (\(row["ci_lower"]?.text ?? "") to \(row["ci_upper"]?.text ?? ""))",
                                          hint: "A zero-width interval gives the study infinite weight; check the bounds."))
                ok = false
            }
            return ok ? .genericCI(estimate: estimate, lower: lower, upper: upper) : nil
        }
    }
}
