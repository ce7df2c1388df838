import Foundation

/// A minimal reader for the reference data: RFC 4180 CSV with a header row, fields optionally
/// quoted, "" for a quote inside a quoted field. Test-only; the real loaders live in ReviewKit.
struct CSVTable {
    let header: [String]
    let rows: [[String: String]]

    init(contentsOf url: URL) throws {
        try self.init(text: String(contentsOf: url, encoding: .utf8))
    }

    init(text: String) {
        let records = CSVTable.parse(text).filter { !($0.count == 1 && $0[0].isEmpty) }
        let header = records.first ?? []
        self.header = header
        rows = records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: zip(header, record + Array(repeating: "", count: max(0, header.count - record.count))))
        }
    }

    private static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() }
                    else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" && characters.first == "\n" { characters.removeFirst() }
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
