import Foundation

/// Compares an expected JSON document (a reference case's `expected`) with an actual one: every
/// number in `expected` must be present in `actual` and agree to a relative tolerance (absolute near
/// zero); every string must match; arrays must have the same length. Keys only in `actual` are fine.
///
/// Self-contained (depends only on `JSONValue`), so other test targets can reuse it as it is.
public struct ReferenceComparison {
    /// Relative tolerance (1e-6 by default).
    public var relativeTolerance = 1e-6
    /// Absolute tolerance for values within this distance of zero (1e-9 by default).
    public var absoluteTolerance = 1e-9
    /// Keys in `expected` whose values are explanations, not results (never compared).
    public var ignoredKeys: Set<String> = ["note"]

    public init() {}

    /// One disagreement, with the path of the value (e.g. `heterogeneity.tau2`, `studies[3].weight`).
    public struct Mismatch: CustomStringConvertible {
        public let path: String
        public let expected: String
        public let actual: String
        public var description: String { "\(path): expected \(expected), got \(actual)" }
    }

    /// Whether two numbers agree: |a − e| ≤ max(relative·|e|, absolute).
    public func agree(_ actual: Double, _ expected: Double) -> Bool {
        if actual == expected { return true }
        return abs(actual - expected) <= max(relativeTolerance * abs(expected), absoluteTolerance)
    }

    public func compare(expected: JSONValue, actual: JSONValue?, path: String = "") -> [Mismatch] {
        guard let actual else {
            if case .null = expected { return [] }
            return [Mismatch(path: path, expected: expected.description, actual: "missing")]
        }
        switch expected {
        case .null:
            if case .null = actual { return [] }
            return [Mismatch(path: path, expected: "null", actual: actual.description)]
        case .number(let e):
            guard let a = actual.number else {
                return [Mismatch(path: path, expected: "\(e)", actual: actual.description)]
            }
            if agree(a, e) { return [] }
            let relative = e == 0 ? abs(a) : abs(a - e) / abs(e)
            return [Mismatch(path: path, expected: "\(e)", actual: "\(a) (relative difference \(relative))")]
        case .string(let e):
            return actual.string == e ? [] : [Mismatch(path: path, expected: "\"\(e)\"", actual: actual.description)]
        case .bool:
            return actual == expected ? [] : [Mismatch(path: path, expected: expected.description, actual: actual.description)]
        case .array(let e):
            guard let a = actual.array else {
                return [Mismatch(path: path, expected: "array of \(e.count)", actual: actual.description)]
            }
            guard a.count == e.count else {
                return [Mismatch(path: path, expected: "array of \(e.count)", actual: "array of \(a.count)")]
            }
            return zip(e, a).enumerated().flatMap { compare(expected: $1.0, actual: $1.1, path: "\(path)[\($0)]") }
        case .object(let e):
            guard case .object(let a) = actual else {
                return [Mismatch(path: path, expected: expected.description, actual: actual.description)]
            }
            return e.sorted { $0.key < $1.key }.flatMap { key, value -> [Mismatch] in
                if ignoredKeys.contains(key) { return [] }
                return compare(expected: value, actual: a[key], path: path.isEmpty ? key : "\(path).\(key)")
            }
        }
    }
}
