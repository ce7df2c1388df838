import Foundation

/// Where in a user's file something was found: a YAML position, a CSV cell, or just the file.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative, so messages stay short).
    public var file: String
    /// 1-based line and column in a text file (YAML, XML).
    public var line: Int?
    /// The 1-based column on that line.
    public var column: Int?
    /// 1-based spreadsheet row of a CSV file: the header is row 1, as Excel and LibreOffice show it.
    public var row: Int?
    /// The CSV column's header name.
    public var columnName: String?

    /// A place in `file`: a line and column for YAML, a row and column name for CSV, or neither.
    public init(file: String, line: Int? = nil, column: Int? = nil, row: Int? = nil, columnName: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.row = row
        self.columnName = columnName
    }

    /// `file:line:column` for YAML, `file:row N, column NAME` for CSV.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        if let row {
            text += ":row \(row)"
            if let columnName { text += ", column \(columnName)" }
        } else if let columnName {
            text += ": column \(columnName)"
        }
        return text
    }
}

/// One problem found in the user's input, with its place and how to fix it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// `error` stops a render; `warning` is printed (and becomes an error with `--strict`);
    /// `note` is printed for information only, never an error (e.g. a problem the input acknowledges).
    public enum Severity: String, Sendable { case error, warning, note }

    /// Error, warning or note.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in one sentence.
    public var message: String
    /// How to fix it, when there is something to say.
    public var hint: String?

    /// A problem at `location`, with how to fix it when there is something to say.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// An error: the input cannot be used as it is.
    public static func error(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    /// A warning: printed, and an error under `--strict`.
    public static func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// A note: printed for information only, never an error.
    public static func note(_ location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.note, at: location, message, hint: hint)
    }

    /// Compiler style: `file:12:5: error: message`, then the hint indented on its own line.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += "\n    \(hint)" }
        return text
    }
}

/// Thrown when input cannot be used; carries every problem found, not just the first.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// Every problem found.
    public var diagnostics: [Diagnostic]

    /// An error carrying these problems.
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    /// An error carrying one problem.
    public init(_ diagnostic: Diagnostic) { self.diagnostics = [diagnostic] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// Whether any of these is an error (warnings alone do not stop a render).
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Warnings turned into errors (`--strict`); notes stay notes, since what they report is acknowledged.
    public var strict: [Diagnostic] {
        map { diagnostic in
            var copy = diagnostic
            if copy.severity == .warning { copy.severity = .error }
            return copy
        }
    }
}
