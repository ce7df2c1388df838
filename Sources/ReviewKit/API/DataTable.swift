import Foundation

/// A table of study-level data as the user wrote it — from a CSV file or rows inline in the review
/// file — with the place of every cell, so each problem can be reported where it is.
public struct DataTable: Sendable {
    /// One cell's text and where it came from.
    public struct Cell: Sendable, Hashable {
        /// The cell's text, as written.
        public var text: String
        /// Where the cell is: its row and column.
        public var location: SourceLocation
    }

    /// One row: cells by canonical column name.
    public struct Row: Sendable {
        /// The row's cells, by canonical column name.
        public var cells: [String: Cell]
        /// The row's own place (its first cell for CSV, the row mapping for inline YAML).
        public var location: SourceLocation

        /// The cell in `column` (a canonical name), if the row has one.
        public subscript(column: String) -> Cell? { cells[column] }
    }

    /// The file the data came from (the CSV, or the review file for inline rows).
    public var file: String
    /// Column names in their order, after aliases are mapped to canonical names.
    public var columns: [String]
    /// The rows, in order.
    public var rows: [Row]
    /// True when numbers use decimal commas (semicolon-separated files).
    public var decimalComma: Bool
    /// Where rows written inline in a review file begin (nil for a CSV file), so that a problem
    /// with a whole column points at a line.
    public var inlinePlace: SourceLocation?

    /// A table read from `file`.
    public init(file: String, columns: [String], rows: [Row], decimalComma: Bool = false, inlinePlace: SourceLocation? = nil) {
        self.file = file
        self.columns = columns
        self.rows = rows
        self.decimalComma = decimalComma
        self.inlinePlace = inlinePlace
    }

    /// Reads CSV bytes as spreadsheets write them (see `docs/review-format.md`); every problem is
    /// reported with its row and column. `file` names the data in messages.
    public static func read(csv data: Data, file: String, canonicalHeaders: Bool = true) throws(InputError) -> DataTable {
        try CSVReader.read(data, file: file, canonicalHeaders: canonicalHeaders)
    }

    /// The location for a column as a whole (used when a column is missing or unusable).
    public func location(ofColumn name: String? = nil) -> SourceLocation {
        var place = inlinePlace ?? SourceLocation(file: file)
        place.columnName = name
        return place
    }
}

/// Canonical data column names and the aliases users may write instead (metafor's names).
public enum DataColumns {
    /// The column of study labels.
    public static let study = "study"
    /// The column of study years.
    public static let year = "year"

    /// Alias → canonical name. Header matching ignores case and surrounding spaces.
    public static let aliases: [String: String] = [
        "ai": "exp_events", "n1i": "exp_total", "ci": "ctrl_events", "n2i": "ctrl_total",
        "m1i": "exp_mean", "sd1i": "exp_sd", "m2i": "ctrl_mean", "sd2i": "ctrl_sd",
        "sei": "se", "lower": "ci_lower", "upper": "ci_upper",
    ]

    /// The canonical name for a header as written.
    public static func canonical(_ header: String) -> String {
        let key = header.trimmingCharacters(in: .whitespaces).lowercased()
        return aliases[key] ?? key
    }
}
