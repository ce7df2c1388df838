import Foundation
import TestSupport
@testable import MetaAnalysis

/// One reference case of /work/shared/reference (what R metafor 3.8-1 computed), with the studies
/// and settings needed to recompute it.
struct ReferenceCase: CustomStringConvertible, Sendable {
    let id: String
    let url: URL

    var description: String { id }

    /// `shared/reference`, found from this file: the package root is three levels up
    /// (Tests/MetaAnalysisTests/Support/… → four), and `shared/` sits beside the package root.
    static var referenceDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // Support
            .deletingLastPathComponent()   // MetaAnalysisTests
            .deletingLastPathComponent()   // Tests
            .deletingLastPathComponent()   // package root
            .deletingLastPathComponent()   // its parent
            .appendingPathComponent("shared/reference")
    }

    /// Every case file, sorted by name (empty if the directory is missing: a separate test fails then).
    static var all: [ReferenceCase] {
        let directory = referenceDirectory.appendingPathComponent("cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map {
            ReferenceCase(id: String($0.dropLast(5)), url: directory.appendingPathComponent($0))
        }
    }

    /// The parsed case file.
    func load() throws -> Loaded {
        let json = try JSONValue.parse(Data(contentsOf: url))
        return try Loaded(json: json, directory: ReferenceCase.referenceDirectory)
    }

    struct Loaded {
        let json: JSONValue
        let expected: JSONValue
        let measure: EffectMeasure
        let method: PoolingMethod
        let hksj: Bool
        let table: CSVTable
        let subgroupColumn: String?
        let moderatorColumn: String?

        init(json: JSONValue, directory: URL) throws {
            self.json = json
            guard let expected = json["expected"], let measureName = json["measure"]?.string,
                  let measure = EffectMeasure(rawValue: measureName),
                  let methodName = json["method"]?.string, let method = PoolingMethod(parsing: methodName),
                  let dataPath = json["data"]?.string else {
                throw CaseError.malformed("missing expected/measure/method/data")
            }
            self.expected = expected
            self.measure = measure
            self.method = method
            hksj = json["test"]?.string == "knha"
            table = try CSVTable(contentsOf: directory.appendingPathComponent(dataPath))
            subgroupColumn = expected["subgroups"]?["column"]?.string
            moderatorColumn = expected["meta_regression"]?["moderator"]?.string
        }

        func settings(doubleZero: DoubleZeroPolicy = .includeWithCorrection,
                      prediction: PredictionIntervalMethod = .higginsTkMinus2) -> AnalysisSettings {
            AnalysisSettings(measure: measure, method: method, hksj: hksj, doubleZeroStudies: doubleZero,
                             predictionInterval: prediction)
        }

        var request: AnalysisRequest {
            AnalysisRequest(subgroupColumn: subgroupColumn, moderatorName: moderatorColumn)
        }

        /// The studies of the case's CSV, with subgroup, moderator and cumulative order as the case uses them.
        func studies() throws -> [Study] {
            let rows = table.rows
            // make_reference.R calls cumul(res, order = order(year)); metafor 3.8 sorts by that vector as a
            // variable, so study i's sort key is order(year)[i], not its year. Reproduce that key here.
            var cumulativeKey: [Double]?
            if expected["cumulative_by_year"] != nil {
                let years = try rows.map { try number($0, "year") }
                let permutation = years.indices.sorted { (years[$0], $0) < (years[$1], $1) }
                cumulativeKey = permutation.map { Double($0 + 1) }
            }
            return try rows.enumerated().map { index, row in
                Study(label: row["study"] ?? "", data: try data(row),
                      subgroup: subgroupColumn.flatMap { row[$0] },
                      moderator: try moderatorColumn.map { try number(row, $0) },
                      order: cumulativeKey?[index])
            }
        }

        /// The number of binary studies with no events (or only events) in both arms.
        var doubleZeroCount: Int {
            guard measure.isBinary else { return 0 }
            return table.rows.filter { row in
                let a = Double(row["exp_events"] ?? "") ?? -1, n1 = Double(row["exp_total"] ?? "") ?? -1
                let c = Double(row["ctrl_events"] ?? "") ?? -1, n2 = Double(row["ctrl_total"] ?? "") ?? -1
                return (a == 0 && c == 0) || (a == n1 && c == n2)
            }.count
        }

        private func data(_ row: [String: String]) throws -> StudyData {
            switch measure {
            case .RR, .OR, .RD:
                return .binary(expEvents: try number(row, "exp_events"), expTotal: try number(row, "exp_total"),
                               ctrlEvents: try number(row, "ctrl_events"), ctrlTotal: try number(row, "ctrl_total"))
            case .MD, .SMD:
                return .continuous(expMean: try number(row, "exp_mean"), expSD: try number(row, "exp_sd"),
                                   expTotal: try number(row, "exp_total"), ctrlMean: try number(row, "ctrl_mean"),
                                   ctrlSD: try number(row, "ctrl_sd"), ctrlTotal: try number(row, "ctrl_total"))
            case .GEN:
                return .generic(yi: try number(row, "yi"), vi: try number(row, "vi"))
            }
        }

        private func number(_ row: [String: String], _ column: String) throws -> Double {
            guard let text = row[column], let value = Double(text) else {
                throw CaseError.malformed("column \(column) of study \(row["study"] ?? "?") is not a number")
            }
            return value
        }
    }

    enum CaseError: Error { case malformed(String) }
}
