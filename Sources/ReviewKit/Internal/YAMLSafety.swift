import Foundation
import Yams

/// Guards and messages around the YAML parser.
enum YAMLSafety {
    /// The deepest nesting accepted. Review files nest a few levels; a hostile file nesting
    /// thousands of levels would exhaust the parser's stack.
    static let maximumDepth = 64

    /// A diagnostic when flow brackets or indentation nest deeper than any review file needs.
    static func nestingProblem(in text: String, file: String) -> Diagnostic? {
        var depth = 0
        var line = 1
        var column = 0
        var quote: Character? = nil
        var inComment = false
        var indentation: Int? = 0 // nil once past the line's leading spaces
        var previous: Character = "\n" // the last character that was not a space
        var lastWasSpace = true
        for c in text {
            column += 1
            if c == "\n" || c == "\r\n" {
                line += 1
                column = 0
                indentation = 0
                inComment = false
                previous = "\n"
                lastWasSpace = true
                continue
            }
            if inComment { continue }
            if let q = quote {
                if c == q { quote = nil; previous = c; lastWasSpace = false }
                continue
            }
            if c == " " || c == "\t" {
                if let count = indentation {
                    indentation = count + 1
                    if count + 1 > maximumDepth * 8 {
                        return .error(SourceLocation(file: file, line: line, column: column),
                                      "the review file is indented more than \(maximumDepth * 8) spaces",
                                      hint: "Review files nest only a few levels; check the indentation.")
                    }
                }
                lastWasSpace = true
                continue
            }
            indentation = nil
            switch c {
            case "#" where lastWasSpace:
                inComment = true
            case "\"" where ":-[{,\n".contains(previous), "'" where ":-[{,\n".contains(previous):
                quote = c // a quoted scalar starts only where a value starts
            case "[", "{":
                depth += 1
                if depth > maximumDepth {
                    return .error(SourceLocation(file: file, line: line, column: column),
                                  "the review file nests brackets more than \(maximumDepth) levels deep",
                                  hint: "Review files nest only a few levels; check for unbalanced '[' or '{'.")
                }
            case "]", "}":
                depth = max(0, depth - 1)
            default:
                break
            }
            previous = c
            lastWasSpace = false
        }
        return nil
    }

    /// A diagnostic when an alias (`*name`) is used as a mapping key. No review file needs one,
    /// and the parser hashes keys whole, so an alias to an exponentially nested value would take
    /// forever ("billion laughs").
    static func aliasKeyProblem(in text: String, file: String) -> Diagnostic? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            var i = 0
            var quote: Unicode.Scalar?
            while i < scalars.count {
                let c = scalars[i]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "#", i == 0 || scalars[i - 1] == " " {
                    break
                } else if c == "\"" || c == "'", i == 0 || " :[{,-?".unicodeScalars.contains(scalars[i - 1]) {
                    quote = c
                } else if c == "*", i == 0 || " [{,?".unicodeScalars.contains(scalars[i - 1]) {
                    // The alias name, then optional spaces, then ': ' or ':' at the end makes it a key;
                    // so does a preceding '? '.
                    var j = i + 1
                    while j < scalars.count, !" ,]}:".unicodeScalars.contains(scalars[j]) { j += 1 }
                    var k = j
                    while k < scalars.count, scalars[k] == " " { k += 1 }
                    let isKey = (k < scalars.count && scalars[k] == ":" && (k + 1 == scalars.count || scalars[k + 1] == " "))
                        || line.unicodeScalars.prefix(i).allSatisfy { $0 == " " || $0 == "?" } && line.unicodeScalars.prefix(i).contains("?")
                    if isKey {
                        return .error(SourceLocation(file: file, line: index + 1, column: i + 1),
                                      "an alias (*name) is used as a mapping key",
                                      hint: "Write the key out; aliases are allowed only as values.")
                    }
                    i = j
                    continue
                }
                i += 1
            }
        }
        return nil
    }

    /// A diagnostic at the place the YAML parser names.
    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return .error(at(mark), "YAML syntax error: \(problem)",
                          hint: "Check the indentation and quoting here (values containing ': ' or '#' need quotes).")
        case .composer(_, let problem, let mark, _):
            return .error(at(mark), "YAML error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0.truncatedForMessage)'" }.joined(separator: ", ")
            return .error(at(context.mark), "the key \(keys) appears twice in the same mapping",
                          hint: "Each key may appear once; delete or rename the repeated one.")
        case .reader(let problem, _, _, _):
            return .error(SourceLocation(file: file), "the review file cannot be read: \(problem)")
        default:
            return .error(SourceLocation(file: file), "the review file could not be read as YAML: \(error)")
        }
    }
}
