import Foundation
import ReviewKit

/// An option a figure module understands: its name (as written in review files; `--name` or
/// `--name VALUE` on the command line, with `-` for `_`), kind, default and help.
public struct FigureOptionSpec: Sendable, Hashable {
    /// What values an option takes.
    public enum Kind: Sendable, Hashable {
        /// true or false (`--name` alone on the command line means true).
        case flag
        /// A number within a range.
        case number(ClosedRange<Double>)
        /// One of a fixed list of words.
        case choice([String])
        /// Two numbers, e.g. an axis range `[0.1, 10]`.
        case range
        /// Free text.
        case text
    }

    /// The option's name, with `_` between words (`trim_fill`).
    public var name: String
    /// What values it takes.
    public var kind: Kind
    /// The default as text ("false", "given", "0.1,10"), or nil for "automatic".
    public var defaultValue: String?
    /// One sentence on what it does, for `metareport figures` and the docs.
    public var help: String

    /// An option called `name` of `kind`, with its default (nil for automatic) and help text.
    public init(_ name: String, _ kind: Kind, default defaultValue: String? = nil, help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.help = help
    }

    /// Options every module takes.
    public static let common: [FigureOptionSpec] = [
        FigureOptionSpec("width", .text, default: "auto",
                         help: "Figure width: auto (fit the content), single or double (the theme's journal column widths), or millimetres."),
        FigureOptionSpec("title", .text, help: "A title printed above the figure."),
    ]

    /// How the kind is described in help and errors.
    public var kindDescription: String {
        switch kind {
        case .flag: return "true or false"
        case .number(let range): return "a number from \(Wording().plain(range.lowerBound)) to \(Wording().plain(range.upperBound))"
        case .choice(let words): return words.joined(separator: ", ")
        case .range: return "two numbers, low and high, e.g. [0.1, 10]"
        case .text: return "text"
        }
    }
}

/// Option values checked against a module's specs, with typed accessors.
public struct FigureOptions: Sendable {
    private var values: [String: OptionValue]
    private let specs: [FigureOptionSpec]

    /// Checks `options` (from a review file or the command line) against `specs`; problems become
    /// diagnostics at the option's place, and the valid options are kept.
    public static func resolve(_ options: [FigureOption], specs: [FigureOptionSpec], figure: String)
        -> (options: FigureOptions, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var values: [String: OptionValue] = [:]
        let all = specs + FigureOptionSpec.common
        for option in options {
            let name = option.name.replacingOccurrences(of: "-", with: "_")
            guard let spec = all.first(where: { $0.name == name }) else {
                let names = all.map(\.name)
                let hint = Suggestion.nearest(to: name, among: names).map { "Did you mean '\($0)'?" }
                    ?? "Options of \(figure): \(names.joined(separator: ", "))."
                diagnostics.append(.error(option.location, "the figure '\(figure)' has no option '\(option.name)'", hint: hint))
                continue
            }
            if let problem = check(option.value, against: spec) {
                diagnostics.append(.error(option.location, "option '\(name)' of '\(figure)' \(problem)",
                                          hint: "Expected \(spec.kindDescription)."))
                continue
            }
            values[name] = option.value
        }
        return (FigureOptions(values: values, specs: all), diagnostics)
    }

    /// Options with only their defaults.
    public static func defaults(_ specs: [FigureOptionSpec]) -> FigureOptions {
        FigureOptions(values: [:], specs: specs + FigureOptionSpec.common)
    }

    private static func check(_ value: OptionValue, against spec: FigureOptionSpec) -> String? {
        switch (spec.kind, value) {
        case (.flag, .text(let t)):
            return parseBool(t) == nil ? "must be true or false, not '\(t)'" : nil
        case (.number(let range), .text(let t)):
            guard let n = Double(t), n.isFinite else { return "must be a number, not '\(t)'" }
            return range.contains(n) ? nil : "must lie between \(range.lowerBound) and \(range.upperBound), not \(t)"
        case (.choice(let words), .text(let t)):
            return words.contains(t.lowercased()) ? nil : "must be one of \(words.joined(separator: ", ")), not '\(t)'"
        case (.range, let v):
            guard let pair = parseRange(v) else { return "must be two numbers, low and high, such as [0.1, 10]" }
            return pair.0 < pair.1 ? nil : "must have its low value below its high value"
        case (.text, .text):
            return nil
        case (_, .list):
            return "must be a single value, not a list"
        }
    }

    /// The value of an option, or its default; nil when neither is given.
    public func text(_ name: String) -> String? {
        if case .text(let t)? = values[name] { return t }
        return specs.first { $0.name == name }?.defaultValue
    }

    /// The value of a flag option, or its default; false when neither is given.
    public func flag(_ name: String) -> Bool {
        text(name).flatMap(Self.parseBool) ?? false
    }

    /// A flag that was set explicitly, or nil for its default (lets a module choose automatically).
    public func explicitFlag(_ name: String) -> Bool? {
        if case .text(let t)? = values[name] { return Self.parseBool(t) }
        return nil
    }

    /// The value of a number option, or its default.
    public func number(_ name: String) -> Double? {
        text(name).flatMap(Double.init)
    }

    /// The value of a choice option in lower case, or its default.
    public func choice(_ name: String) -> String? {
        text(name)?.lowercased()
    }

    /// The two numbers of a range option, or its default.
    public func range(_ name: String) -> (Double, Double)? {
        if let value = values[name] { return Self.parseRange(value) }
        return specs.first { $0.name == name }?.defaultValue.flatMap { Self.parseRange(.text($0)) }
    }

    static func parseBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: return nil
        }
    }

    static func parseRange(_ value: OptionValue) -> (Double, Double)? {
        let parts: [String]
        switch value {
        case .list(let items): parts = items
        case .text(let t): parts = t.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",").map(String.init)
        }
        let numbers = parts.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }.filter(\.isFinite)
        return numbers.count == 2 && parts.count == 2 ? (numbers[0], numbers[1]) : nil
    }
}
