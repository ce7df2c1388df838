import Foundation
import MetaAnalysis
import ReviewKit

/// The JSON `analyze --json` prints: the engine's result (the keys of the reference cases), or
/// for a review `{"analyses": [{"id": …, …}, …]}`.
enum AnalysisJSON {
    static func encode(_ outcomes: [AnalysisOutcome], single: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if single, let outcome = outcomes.first, let result = outcome.result {
            return String(decoding: try encoder.encode(result), as: UTF8.self)
        }
        var analyses: [Any] = []
        for outcome in outcomes {
            var object: [String: Any] = [:]
            if let result = outcome.result {
                let data = try encoder.encode(result)
                object = (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
            } else if let given = outcome.given {
                object["given"] = true
                object["pooled"] = given.pooled.map { row -> [String: Any] in
                    var entry: [String: Any] = ["estimate": row.estimate, "ci_lower": row.lower, "ci_upper": row.upper]
                    if let subgroup = row.subgroup { entry["subgroup"] = subgroup }
                    if let k = row.k { entry["k"] = k }
                    return entry
                }
            }
            object["id"] = outcome.analysis.id
            object["title"] = outcome.analysis.title
            analyses.append(object)
        }
        let data = try JSONSerialization.data(withJSONObject: ["analyses": analyses],
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
