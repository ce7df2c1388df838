import Foundation

/// Reads CSV as spreadsheets write it: UTF-8 with or without a byte-order mark, LF or CRLF line
/// ends, quoted fields with separators, quotes ("") and line breaks inside, and semicolon-separated
/// files with decimal commas (European Excel). Blank lines are skipped.
enum CSVReader {
    /// Parses `data` read from `file` (the name used in messages). With `canonicalHeaders`,
    /// headers are matched to canonical data columns (case, spaces, metafor's aliases);
    /// otherwise they are kept as written (study characteristics).
    static func read(_ data: Data, file: String, canonicalHeaders: Bool = true) throws(InputError) -> DataTable {
        let whole = SourceLocation(file: file)
        guard !data.isEmpty else {
            throw InputError(.error(whole, "the file is empty", hint: "A data file needs a header row and one row per study."))
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let line = bytes[..<nul].filter { $0 == 0x0A }.count + 1
            throw InputError(.error(SourceLocation(file: file, line: line),
                                    "the file contains a NUL byte: it looks like a binary file, not CSV",
                                    hint: "Save the spreadsheet as 'CSV UTF-8 (comma delimited)'."))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let line = invalidUTF8Line(bytes)
            throw InputError(.error(SourceLocation(file: file, line: line),
                                    "the file is not valid UTF-8 text",
                                    hint: "Save it as 'CSV UTF-8' from your spreadsheet, or convert it: iconv -f latin1 -t utf-8."))
        }
        let records = try splitRecords(text, file: file)
        guard let header = records.first(where: { !$0.isBlank }) else {
            throw InputError(.error(whole, "the file has no header row", hint: "The first line must name the columns, e.g. study,exp_events,exp_total,ctrl_events,ctrl_total."))
        }
        var diagnostics: [Diagnostic] = []
        var columns: [String] = []
        for (index, name) in header.fields.enumerated() {
            let canonical = canonicalHeaders ? DataColumns.canonical(name) : name.trimmingCharacters(in: .whitespaces)
            let place = SourceLocation(file: file, row: header.row, columnName: name.isEmpty ? "#\(index + 1)" : name)
            if canonical.isEmpty {
                diagnostics.append(.error(place, "column \(index + 1) of the header has no name", hint: "Give every column a name, or delete the empty column."))
            } else if let first = columns.firstIndex(of: canonical) {
                diagnostics.append(.error(place, "the column '\(canonical)' appears twice (columns \(first + 1) and \(index + 1))",
                                          hint: "Rename or remove one of them (metafor's names such as 'ai' count as their canonical names)."))
            }
            columns.append(canonical)
        }
        var rows: [DataTable.Row] = []
        for record in records where record.row > header.row && !record.isBlank {
            if record.fields.count != columns.count {
                diagnostics.append(.error(SourceLocation(file: file, row: record.row),
                                          "this row has \(record.fields.count) fields but the header has \(columns.count)",
                                          hint: record.fields.count > columns.count
                                              ? "A value may contain the separator '\(record.separator)': put it in double quotes."
                                              : "Fill in the missing values, or leave them empty with the separator in place."))
                continue
            }
            var cells: [String: DataTable.Cell] = [:]
            for (index, value) in record.fields.enumerated() where !columns[index].isEmpty {
                let place = SourceLocation(file: file, row: record.row, columnName: header.fields[index])
                cells[columns[index]] = DataTable.Cell(text: value.trimmingCharacters(in: .whitespaces), location: place)
            }
            rows.append(DataTable.Row(cells: cells, location: SourceLocation(file: file, row: record.row)))
        }
        if rows.isEmpty && diagnostics.isEmpty {
            diagnostics.append(.error(whole, "the file has a header but no data rows", hint: "Add one row per study under the header."))
        }
        if !diagnostics.isEmpty { throw InputError(diagnostics) }
        return DataTable(file: file, columns: columns, rows: rows, decimalComma: header.separator == ";")
    }

    /// One CSV record and the spreadsheet row it starts on.
    struct Record {
        var fields: [String]
        var row: Int
        var separator: Character
        var isBlank: Bool { fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// Splits into records, honouring quotes. The separator is taken from the first line:
    /// semicolons when it has more of them than commas (outside quotes), else commas; tabs likewise.
    static func splitRecords(_ text: String, file: String) throws(InputError) -> [Record] {
        let separator = detectSeparator(text)
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        // Rows count records, as a spreadsheet does: a quoted line break does not start a new row.
        var row = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    let following = next()
                    if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                } else {
                    if c != "\r" { field.unicodeScalars.append(c) }
                }
                continue
            }
            switch c {
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty:
                field = ""
                inQuotes = true
            case _ where Character(c) == separator:
                fields.append(field)
                field = ""
            case "\r":
                break
            case "\n":
                fields.append(field)
                records.append(Record(fields: fields, row: row, separator: separator))
                fields = []
                field = ""
                row += 1
            default:
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes {
            throw InputError(.error(SourceLocation(file: file, row: row),
                                    "a quoted field opened on this row is never closed",
                                    hint: "Check for a missing closing double quote (\")."))
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(fields: fields, row: row, separator: separator))
        }
        return records
    }

    private static func detectSeparator(_ text: String) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var inQuotes = false
        for c in text {
            if c == "\"" { inQuotes.toggle() }
            if c == "\n" || c == "\r\n" { break }
            if !inQuotes, counts[c] != nil { counts[c, default: 0] += 1 }
        }
        // Ties go to the comma; a line with no separator at all is a one-column comma file.
        var best: Character = ","
        for candidate: Character in [";", "\t"] where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }

    private static func invalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}
