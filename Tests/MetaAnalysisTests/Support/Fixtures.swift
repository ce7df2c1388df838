import Foundation
import TestSupport
@testable import MetaAnalysis

/// Small datasets and helpers shared by the unit tests.
enum Fixtures {
    /// A deterministic pseudo-random generator (so large synthetic datasets are reproducible).
    struct Generator {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// A standard normal draw (Box–Muller).
        mutating func normal() -> Double {
            let u = max(next(), 1e-300), v = next()
            return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
        }
    }

    /// `count` generic studies with true effects spread by τ = 0.3 around 0.2.
    static func genericStudies(_ count: Int, seed: UInt64 = 42) -> [Study] {
        var random = Generator(state: seed)
        return (0..<count).map { i in
            let vi = 0.01 + 0.2 * random.next()
            let yi = 0.2 + 0.3 * random.normal() + vi.squareRoot() * random.normal()
            return Study(label: "Study \(i + 1)", data: .generic(yi: yi, vi: vi), subgroup: i % 3 == 0 ? "A" : "B",
                         moderator: Double(i % 17), order: Double(i))
        }
    }

    /// A binary study.
    static func binary(_ label: String, _ a: Double, _ n1: Double, _ c: Double, _ n2: Double,
                       subgroup: String? = nil) -> Study {
        Study(label: label, data: .binary(expEvents: a, expTotal: n1, ctrlEvents: c, ctrlTotal: n2), subgroup: subgroup)
    }

    /// Every number in an encoded result is finite: our encoder writes null only for a non-finite
    /// value, so the JSON must contain no null.
    static func encodedWithoutNull(_ result: AnalysisResult) throws -> Bool {
        let json = try JSONValue.encoding(result)
        return !containsNull(json)
    }

    private static func containsNull(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .array(let items): items.contains(where: containsNull)
        case .object(let object): object.values.contains(where: containsNull)
        default: false
        }
    }
}

extension AnalysisRequest {
    /// A copy with meta-regression switched on or off.
    func with(metaRegression: Bool) -> AnalysisRequest {
        var copy = self
        copy.metaRegression = metaRegression
        return copy
    }
}
