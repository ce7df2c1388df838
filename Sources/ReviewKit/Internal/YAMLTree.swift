import Foundation
import Yams

/// Collects diagnostics while a review file is read, and bounds the work a hostile file can cause.
final class DiagnosticSink {
    private(set) var items: [Diagnostic] = []
    /// Every file read while loading (data, risk of bias, characteristics), so outputs never replace one.
    private(set) var filesRead: [URL] = []

    func recordRead(_ url: URL) { filesRead.append(url) }
    /// The figures every analysis asks for, also those of analyses dropped for errors, so a
    /// caller that knows the figure modules can check them all in the same run.
    private(set) var figureRequests: [[FigureRequest]] = []

    func recordFigures(_ requests: [FigureRequest]) { figureRequests.append(requests) }
    /// The review's own `figures` (options of the review-wide figures), kept for the same reason.
    private(set) var reviewFigureRequests: [FigureRequest] = []

    func recordReviewFigures(_ requests: [FigureRequest]) { reviewFigureRequests = requests }
    /// How many YAML values may still be visited: aliases can make a small file expand
    /// exponentially ("billion laughs"), so the walk stops at a fixed budget.
    private var budget: Int
    private(set) var budgetExhausted = false

    init(budget: Int = 1_000_000) { self.budget = budget }

    func add(_ diagnostic: Diagnostic) { items.append(diagnostic) }
    func add(_ diagnostics: [Diagnostic]) { items.append(contentsOf: diagnostics) }
    func error(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.error(location, message, hint: hint))
    }
    func warning(_ location: SourceLocation, _ message: String, hint: String? = nil) {
        add(.warning(location, message, hint: hint))
    }

    /// Spends one unit of the budget; false (with one error) once it is exhausted.
    func visit(_ location: SourceLocation) -> Bool {
        if budgetExhausted { return false }
        budget -= 1
        if budget < 0 {
            budgetExhausted = true
            error(location, "the review file expands to more than a million values",
                  hint: "YAML aliases (*name) that refer to other aliases can expand exponentially; write the values out instead.")
            return false
        }
        return true
    }
}

/// A YAML value with its place in the file, read with typed accessors that report problems
/// to the sink instead of throwing, so that one pass finds every problem.
struct YAMLValue {
    let node: Node
    let file: String
    let sink: DiagnosticSink

    var location: SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    /// The scalar's text, or nil for a mapping or sequence.
    var scalarText: String? { node.scalar?.string }

    /// True for `~`, `null` and an empty value.
    var isNull: Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func mapping(_ what: String, allowed: [String]) -> YAMLMapping? {
        guard sink.visit(location) else { return nil }
        guard case .mapping(let map) = node else {
            sink.error(location, "\(what) must be a mapping of keys to values, not \(kindDescription)")
            return nil
        }
        return YAMLMapping(map, file: file, sink: sink, what: what, allowed: allowed)
    }

    func sequence(_ what: String) -> [YAMLValue]? {
        guard sink.visit(location) else { return nil }
        guard case .sequence(let items) = node else {
            sink.error(location, "\(what) must be a list (items starting with '- '), not \(kindDescription)")
            return nil
        }
        var values: [YAMLValue] = []
        for item in items {
            guard sink.visit(location) else { break }
            values.append(YAMLValue(node: item, file: file, sink: sink))
        }
        return values
    }

    func string(_ what: String) -> String? {
        guard sink.visit(location) else { return nil }
        guard let text = scalarText else {
            sink.error(location, "\(what) must be text, not \(kindDescription)")
            return nil
        }
        return text
    }

    func number(_ what: String) -> Double? {
        guard let text = string(what) else { return nil }
        switch NumberParsing.parse(text) {
        case .success(let value): return value
        case .failure(let failure):
            sink.error(location, "\(what) \(failure.phrase)", hint: "Write a plain number such as 12 or 0.35.")
            return nil
        }
    }

    func integer(_ what: String, minimum: Int = 0) -> Int? {
        guard let value = number(what) else { return nil }
        guard value.rounded() == value, value >= Double(minimum), value < 1e15 else {
            sink.error(location, "\(what) must be a whole number of at least \(minimum), not \(text(value))")
            return nil
        }
        return Int(value)
    }

    func bool(_ what: String) -> Bool? {
        guard let text = string(what) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            sink.error(location, "\(what) must be true or false, not '\(text.truncatedForMessage)'")
            return nil
        }
    }

    /// A list of texts; a single text is accepted as a list of one.
    func strings(_ what: String) -> [String]? {
        if scalarText != nil { return string(what).map { [$0] } }
        return sequence(what)?.compactMap { $0.string("each item of \(what)") }
    }

    var kindDescription: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "the value '\(s.string.truncatedForMessage)'"
        case .alias: return "an alias"
        }
    }

    private func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A YAML mapping whose keys have been checked against the keys it may have.
struct YAMLMapping {
    private(set) var entries: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
    let location: SourceLocation
    let what: String
    let sink: DiagnosticSink

    init(_ map: Node.Mapping, file: String, sink: DiagnosticSink, what: String, allowed: [String]) {
        self.location = SourceLocation(file: file, line: map.mark?.line, column: map.mark?.column)
        self.what = what
        self.sink = sink
        var seen: Set<String> = []
        for (keyNode, valueNode) in Self.mergedPairs(map) {
            let keyLocation = SourceLocation(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column)
            guard let key = keyNode.scalar?.string else {
                sink.error(keyLocation, "a key in \(what) must be text")
                continue
            }
            guard seen.insert(key).inserted else { continue } // explicit keys win over merged ones
            if !allowed.isEmpty, !allowed.contains(key) {
                sink.error(keyLocation, "unknown key '\(key.truncatedForMessage)' in \(what)",
                           hint: Self.suggestion(for: key, among: allowed))
                continue
            }
            entries.append((key, keyLocation, YAMLValue(node: valueNode, file: file, sink: sink)))
        }
    }

    /// Pairs with YAML merge keys (`<<: *defaults`) expanded; the mapping's own keys come first.
    private static func mergedPairs(_ map: Node.Mapping) -> [(Node, Node)] {
        var own: [(Node, Node)] = []
        var merged: [(Node, Node)] = []
        for (key, value) in map {
            guard key.scalar?.string == "<<" else { own.append((key, value)); continue }
            switch value {
            case .mapping(let m): merged += Array(m)
            case .sequence(let list): for case .mapping(let m) in list { merged += Array(m) }
            default: own.append((key, value))
            }
        }
        return own + merged
    }

    /// "Did you mean 'measure'?" for a near miss, else the list of valid keys.
    static func suggestion(for key: String, among allowed: [String]) -> String {
        if let best = Suggestion.nearest(to: key, among: allowed) { return "Did you mean '\(best)'?" }
        return "Valid keys here: \(allowed.joined(separator: ", "))."
    }

    subscript(key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    var keys: [String] { entries.map(\.key) }

    /// The value of a key that must be present (reported when missing or null).
    func required(_ key: String) -> YAMLValue? {
        guard let value = self[key], !value.isNull else {
            sink.error(location, "\(what) is missing the required key '\(key)'")
            return nil
        }
        return value
    }

    /// The value of an optional key; nil when absent or null.
    func optional(_ key: String) -> YAMLValue? {
        guard let value = self[key], !value.isNull else { return nil }
        return value
    }

    func string(_ key: String, required isRequired: Bool = false) -> String? {
        let value = isRequired ? required(key) : optional(key)
        return value?.string("'\(key)' in \(what)")
    }

    func number(_ key: String) -> Double? { optional(key)?.number("'\(key)' in \(what)") }
    func integer(_ key: String, minimum: Int = 0) -> Int? { optional(key)?.integer("'\(key)' in \(what)", minimum: minimum) }
    func bool(_ key: String) -> Bool? { optional(key)?.bool("'\(key)' in \(what)") }
    func strings(_ key: String) -> [String]? { optional(key)?.strings("'\(key)' in \(what)") }
}

/// Levenshtein distance, for suggesting the key the user meant.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
