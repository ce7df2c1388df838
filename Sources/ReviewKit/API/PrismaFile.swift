import Foundation

/// PRISMA 2020 flow counts read from a small two-column CSV file, for the command line's quick
/// path (`metareport figure prisma-flow prisma.csv -o prisma.svg`). It fills the same `PrismaFlow`
/// as a review file's `prisma` section and runs the same arithmetic checks.
///
/// ```
/// box,count
/// databases,1404
/// duplicates,7
/// screened,1397
/// excluded_reason:Wrong population,4
/// ```
///
/// Plural names hold a total (`databases`, `excluded_reports`); the singular with `:label` holds
/// one labelled count (`database:MEDLINE`, `excluded_reason:Wrong population`). The boxes are
/// listed in `PrismaFile.boxes` and documented in docs/review-format.md.
public enum PrismaFile {
    /// The box names of a single count, and the `prisma` key each one is reported at.
    static let singles: [String: String] = [
        "previous_studies": "previous", "previous_reports": "previous",
        "duplicates": "removed_before_screening", "automation": "removed_before_screening",
        "removed_other": "removed_before_screening",
        "screened": "screened", "excluded_screening": "excluded_screening", "sought": "sought",
        "not_retrieved": "not_retrieved", "assessed": "assessed",
        "other_sought": "other_methods.sought", "other_not_retrieved": "other_methods.not_retrieved",
        "other_assessed": "other_methods.assessed",
        "included_studies": "included_studies", "included_reports": "included_reports",
        "meta_analysis_studies": "meta_analysis_studies",
    ]

    /// Lists of counts: the total's name, the labelled form's prefix, and the `prisma` key.
    static let lists: [(total: String, labelled: String, key: String)] = [
        ("databases", "database", "identification"),
        ("registers", "register", "identification"),
        ("excluded_reports", "excluded_reason", "excluded_reports"),
        ("other_identified", "other_source", "other_methods.identified"),
        ("other_excluded_reports", "other_excluded_reason", "other_methods.excluded_reports"),
    ]

    /// The row that carries a text instead of a count.
    static let acknowledgement = "acknowledge_inconsistencies"

    /// Every box name, as a user may write it (labelled forms with `:NAME`).
    public static var boxes: [String] {
        lists.flatMap { [$0.total, "\($0.labelled):NAME"] } + singles.keys.sorted() + [acknowledgement]
    }

    /// Reads `url` (shown in messages as `shown`) as a review that holds just the flow, with every
    /// problem found: errors name the row and column; arithmetic problems are warnings (notes
    /// when the file acknowledges them).
    public static func review(_ url: URL, shownAs shown: String) -> ReviewLoader.Result {
        switch FileInput.readData(url, shownAs: shown, limit: 1 << 20, kind: "PRISMA file") {
        case .failure(let error):
            return ReviewLoader.Result(review: nil, diagnostics: error.diagnostics)
        case .success(let data):
            let table: DataTable
            do { table = try CSVReader.read(data, file: shown, canonicalHeaders: false) } catch {
                return ReviewLoader.Result(review: nil, diagnostics: error.diagnostics)
            }
            let (flow, diagnostics) = read(table)
            let title = url.deletingPathExtension().lastPathComponent
            return ReviewLoader.Result(review: diagnostics.hasErrors ? nil : flow.map { Review(title: title, prisma: $0) },
                                       diagnostics: diagnostics)
        }
    }

    /// The flow in `table`, with its diagnostics.
    static func read(_ table: DataTable) -> (PrismaFlow?, [Diagnostic]) {
        let header = table.columns.map { $0.lowercased() }
        guard header == ["box", "count"] else {
            return (nil, [.error(SourceLocation(file: table.file, row: 1), "the header must be 'box,count', not '\(table.columns.joined(separator: ","))'",
                                 hint: "Write one box per row under the header 'box,count', e.g. 'databases,1404' (see docs/review-format.md).")])
        }
        var reader = Reader(file: table.file)
        for row in table.rows {
            reader.read(row, box: row.cells[table.columns[0]], count: row.cells[table.columns[1]])
        }
        return reader.finish()
    }

    /// Collects rows into counts, reporting each problem at its cell.
    private struct Reader {
        let file: String
        var diagnostics: [Diagnostic] = []
        var singles: [String: Int] = [:]
        var lists: [String: [PrismaFlow.Count]] = [:]
        /// Where each box (with its label) was given, to report repeats.
        var seen: [String: SourceLocation] = [:]
        /// Where each box name was first given, to report arithmetic problems at a row.
        var places: [String: SourceLocation] = [:]
        var acknowledgement: String?

        mutating func read(_ row: DataTable.Row, box: DataTable.Cell?, count: DataTable.Cell?) {
            guard let box, let count else { return }
            let written = box.text
            let name: String, label: String?
            if let colon = written.firstIndex(of: ":") {
                name = written[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                label = written[written.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            } else {
                name = written.lowercased()
                label = nil
            }
            let place = SourceLocation(file: file, row: box.location.row, columnName: count.location.columnName)
            if let first = seen[written.lowercased()] {
                diagnostics.append(.error(box.location, "the box '\(written)' is given twice (rows \(first.row ?? 0) and \(box.location.row ?? 0))",
                                          hint: "Keep one row per box; add the counts up if they belong together."))
                return
            }
            seen[written.lowercased()] = place
            if name == PrismaFile.acknowledgement, label == nil {
                if count.text.trimmingCharacters(in: .whitespaces).isEmpty {
                    diagnostics.append(.error(count.location, "'\(name)' is empty",
                                              hint: "Say why the counts do not add up, e.g. \"the paper removed duplicates after screening\"."))
                } else {
                    acknowledgement = count.text.trimmingCharacters(in: .whitespaces)
                    places[name] = place
                }
                return
            }
            if let list = PrismaFile.lists.first(where: { $0.total == name || $0.labelled == name }) {
                if name == list.labelled, label?.isEmpty ?? true {
                    diagnostics.append(.error(box.location, "'\(written)' needs a name after '\(list.labelled):'",
                                              hint: "e.g. '\(list.labelled):\(list.labelled.hasSuffix("reason") ? "Wrong population" : "MEDLINE")'; or '\(list.total)' for a total."))
                    return
                }
                if name == list.total, label != nil {
                    diagnostics.append(.error(box.location, "'\(list.total)' is a total and takes no name; write '\(list.labelled):\(label ?? "")'"))
                    return
                }
                guard let value = integer(count) else { return }
                places[list.total] = places[list.total] ?? place
                lists[list.total, default: []].append(PrismaFlow.Count(label: label ?? "", count: value))
                return
            }
            guard PrismaFile.singles[name] != nil else {
                let known = PrismaFile.lists.flatMap { [$0.total, $0.labelled] } + PrismaFile.singles.keys.sorted() + [PrismaFile.acknowledgement]
                let hint = Suggestion.nearest(to: name, among: known).map { "Did you mean '\($0)'?" }
                    ?? "Boxes: \(PrismaFile.boxes.joined(separator: ", "))."
                diagnostics.append(.error(box.location, "unknown box '\(written.truncatedForMessage)'", hint: hint))
                return
            }
            if label != nil {
                diagnostics.append(.error(box.location, "the box '\(name)' takes no name after ':'",
                                          hint: "Only lists take names: \(PrismaFile.lists.map { "\($0.labelled):NAME" }.joined(separator: ", "))."))
                return
            }
            if let value = integer(count) {
                singles[name] = value
                places[name] = place
            }
        }

        /// A whole number of at least 0 from the count cell.
        mutating func integer(_ cell: DataTable.Cell) -> Int? {
            switch NumberParsing.parse(cell.text) {
            case .failure(let failure):
                diagnostics.append(.error(cell.location, "the count \(failure.phrase)", hint: "Write a whole number such as 1404."))
                return nil
            case .success(let value):
                guard value.rounded() == value, value >= 0, value < 1e15 else {
                    diagnostics.append(.error(cell.location, "the count must be a whole number of at least 0, not \(cell.text)"))
                    return nil
                }
                return Int(value)
            }
        }

        mutating func finish() -> (PrismaFlow?, [Diagnostic]) {
            // A total and its breakdown together would count the records twice.
            for list in PrismaFile.lists {
                let counts = lists[list.total] ?? []
                if counts.contains(where: { $0.label.isEmpty }), counts.count > 1 {
                    diagnostics.append(.error(places[list.total] ?? SourceLocation(file: file),
                                              "'\(list.total)' is given both as a total and by '\(list.labelled):NAME'",
                                              hint: "Give either the total or one row per \(list.labelled.replacingOccurrences(of: "_", with: " ")), not both."))
                }
            }
            if singles["previous_reports"] != nil, singles["previous_studies"] == nil {
                diagnostics.append(.error(places["previous_reports"] ?? SourceLocation(file: file), "'previous_reports' needs 'previous_studies'",
                                          hint: "An updated review gives the studies of its previous version, and optionally their reports."))
            }
            if singles.isEmpty, lists.isEmpty, !diagnostics.hasErrors {
                diagnostics.append(.error(SourceLocation(file: file), "the file gives no counts",
                                          hint: "Add one row per box, e.g. 'databases,1404'."))
            }
            if diagnostics.hasErrors { return (nil, diagnostics) }
            let otherNames = ["other_sought", "other_not_retrieved", "other_assessed"]
            var other: PrismaFlow.OtherMethods?
            if lists["other_identified"] != nil || lists["other_excluded_reports"] != nil || otherNames.contains(where: { singles[$0] != nil }) {
                other = PrismaFlow.OtherMethods(identified: lists["other_identified"] ?? [], sought: singles["other_sought"],
                                                notRetrieved: singles["other_not_retrieved"], assessed: singles["other_assessed"],
                                                excludedReports: lists["other_excluded_reports"] ?? [])
            }
            let flow = PrismaFlow(
                previous: singles["previous_studies"].map { PrismaFlow.Previous(studies: $0, reports: singles["previous_reports"]) },
                databases: lists["databases"] ?? [], registers: lists["registers"] ?? [],
                removedDuplicates: singles["duplicates"], removedAutomation: singles["automation"], removedOther: singles["removed_other"],
                screened: singles["screened"], excludedScreening: singles["excluded_screening"], sought: singles["sought"],
                notRetrieved: singles["not_retrieved"], assessed: singles["assessed"], excludedReports: lists["excluded_reports"] ?? [],
                otherMethods: other, includedStudies: singles["included_studies"], includedReports: singles["included_reports"],
                metaAnalysisStudies: singles["meta_analysis_studies"], acknowledgedInconsistencies: acknowledgement,
                location: SourceLocation(file: file))
            let places = self.places
            diagnostics += flow.arithmeticDiagnostics(acknowledgementKey: PrismaFile.acknowledgement) { key in
                // The first row that holds a count of this key.
                let names = PrismaFile.singles.filter { $0.value == key }.map(\.key)
                    + PrismaFile.lists.filter { $0.key == key }.map(\.total) + [key]
                return names.compactMap { places[$0] }.min { ($0.row ?? 0) < ($1.row ?? 0) } ?? SourceLocation(file: file)
            }
            return (flow, diagnostics)
        }
    }
}
