import Foundation
import TestSupport
import Testing

/// Every reference case of shared/reference run through `metareport analyze --json`, the same
/// path a user takes, and compared number by number with what R metafor 3.8-1 computed.
@Suite struct ReferenceCLITests {
    static let cases: [String] = {
        let folder = CLI.reference.appendingPathComponent("cases")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    @Test func allCasesArePresent() {
        #expect(Self.cases.count >= 77, "shared/reference/cases must sit beside the package (found \(Self.cases.count) cases)")
    }

    @Test(arguments: cases)
    func caseAgreesWithMetafor(id: String) throws {
        let json = try JSONValue.parse(Data(contentsOf: CLI.reference.appendingPathComponent("cases/\(id).json")))
        guard var expected = json["expected"]?.object, let measure = json["measure"]?.string,
              let method = json["method"]?.string, let data = json["data"]?.string else {
            Issue.record("\(id): malformed case"); return
        }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (csv, doubleZero) = try Self.prepare(CLI.reference.appendingPathComponent(data), in: folder,
                                                 cumulative: expected["cumulative_by_year"] != nil)
        var arguments = ["analyze", csv.path, "--measure", measure, "--method", method, "--json"]
        if json["test"]?.string == "knha" { arguments.append("--hksj") }
        if doubleZero > 0 { arguments += ["--double-zero", "include"] } // as metafor's escalc and rma
        if let column = expected["subgroups"]?["column"]?.string { arguments += ["--subgroup", column] }
        if let moderator = expected["meta_regression"]?["moderator"]?.string { arguments += ["--moderator", moderator] }
        if let cumulative = expected.removeValue(forKey: "cumulative_by_year") {
            arguments += ["--order", "reference_order"]
            expected["cumulative"] = cumulative
        }
        let run = try CLI.run(arguments)
        #expect(run.status == 0, "\(id): \(run.stderr)")
        var actual = try JSONValue.parse(Data(run.stdout.utf8)).object ?? [:]

        if case .object(let prediction)? = expected.removeValue(forKey: "prediction") {
            expected["prediction"] = prediction["higgins_t_k_minus_2"] ?? .null
            if let metafor = prediction["metafor"] {
                let second = try CLI.run(arguments + ["--prediction-interval", "metafor"])
                actual["prediction_metafor"] = try JSONValue.parse(Data(second.stdout.utf8))["prediction"]
                expected["prediction_metafor"] = metafor
            }
        }
        // make_reference.R writes heterogeneity.df as k − 1 for MH and Peto, counting double-zero
        // tables that metafor's own Q leaves out; we report the df that Q, p and I² use.
        if ["MH", "PETO"].contains(method), doubleZero > 0, case .object(var h)? = expected["heterogeneity"], let df = h["df"]?.number {
            h["df"] = .number(df - Double(doubleZero))
            expected["heterogeneity"] = .object(h)
        }
        var comparison = ReferenceComparison()
        comparison.ignoredKeys.formUnion(["study", "omitted"])   // repeated labels carry a number
        for mismatch in comparison.compare(expected: .object(expected), actual: .object(actual)) {
            Issue.record("\(id): \(mismatch)")
        }
    }

    /// The teacher-expectancy data, as shipped, names two experiments "Pellegrini & Hicks, 1972":
    /// the quick path draws it, numbering the second with a warning.
    @Test func repeatedLabelsInABareCSVAreNumberedWithAWarning() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("forest.svg")
        let run = try CLI.run(["figure", "forest", CLI.reference.appendingPathComponent("data/teacher-expectancy.csv").path,
                               "--measure", "GEN", "--method", "REML", "-o", svg.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("warning: the study label 'Pellegrini & Hicks, 1972' is used more than once; this row is shown as 'Pellegrini & Hicks, 1972 (2)'"), "\(run.stderr)")
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.contains(">Pellegrini &amp; Hicks, 1972 (2)<"))
    }

    /// A copy of the reference CSV, as shipped (repeated labels, such as the two "Pellegrini &
    /// Hicks, 1972" of the teacher-expectancy data, are numbered by the CLI itself) plus, for
    /// cumulative cases, a `reference_order` column reproducing the order metafor used (make_reference.R passes order(year) to cumul(), which metafor 3.8 sorts by as
    /// values, so study i's key is order(year)[i]; see docs/statistics.md). Returns the copy and the
    /// number of double-zero studies.
    static func prepare(_ url: URL, in folder: URL, cumulative: Bool) throws -> (URL, Int) {
        let text = try String(contentsOf: url, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = parseLine(lines[0])
        var rows = lines.dropFirst().map(parseLine)
        var columns = header
        if cumulative, let yearIndex = header.firstIndex(of: "year") {
            let years = rows.map { Double($0[yearIndex]) ?? 0 }
            let permutation = years.indices.sorted { (years[$0], $0) < (years[$1], $1) }
            for index in rows.indices { rows[index].append(String(permutation[index] + 1)) }
            columns.append("reference_order")
        }
        var doubleZero = 0
        if let e1 = header.firstIndex(of: "exp_events"), let n1 = header.firstIndex(of: "exp_total"),
           let e2 = header.firstIndex(of: "ctrl_events"), let n2 = header.firstIndex(of: "ctrl_total") {
            doubleZero = rows.filter { ($0[e1] == "0" && $0[e2] == "0") || ($0[e1] == $0[n1] && $0[e2] == $0[n2]) }.count
        }
        lines = [columns.map(quote).joined(separator: ",")] + rows.map { $0.map(quote).joined(separator: ",") }
        let copy = folder.appendingPathComponent(url.lastPathComponent)
        try (lines.joined(separator: "\n") + "\n").write(to: copy, atomically: true, encoding: .utf8)
        return (copy, doubleZero)
    }

    /// The reference files are simple: fields quoted with no quotes inside.
    static func parseLine(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() } else if c == ",", !quoted { fields.append(field); field = "" } else { field.append(c) }
        }
        fields.append(field)
        return fields
    }

    static func quote(_ field: String) -> String { "\"" + field + "\"" }
}
