import Foundation
import MetaAnalysis

/// Writes an imported RevMan review as a review folder: `review.yaml`, one CSV of study data per
/// analysis under `data/`, and `risk-of-bias.csv`. Loading the folder gives the same review.
public enum RevManReviewWriter {
    /// The files to write, by path relative to the review folder, in a stable order.
    public static func files(for imported: RevManImport) -> [(path: String, contents: Data)] {
        let review = imported.review
        var files: [(String, Data)] = []
        var yaml = """
            # Imported by metareport import-revman from \(comment((imported.shownPath as NSString).lastPathComponent))\(imported.file.revmanVersion.map { " (RevMan \(comment($0)))" } ?? "").
            # Each analysis keeps RevMan's outcome ID and is computed as RevMan 5 computes it
            # (compatibility: revman; see docs/revman.md). 'metareport import-revman --check' compares the two.

            """
        yaml += "title: \(quoted(review.title))\n"
        if !review.authors.isEmpty { yaml += "authors: [\(review.authors.map(quoted).joined(separator: ", "))]\n" }
        if let summary = review.summary { yaml += "summary: \(quoted(summary))\n" }
        if !review.analyses.isEmpty { yaml += "\nanalyses:\n" }
        var lastComparison: String?
        for analysis in review.analyses {
            guard case .studies(let studies) = analysis.content else { continue }
            let item = imported.outcomes.first { $0.analysisID == analysis.id }
            if let item, item.comparisonName != lastComparison {
                lastComparison = item.comparisonName
                let number = item.comparisonNumber.map { "Comparison \($0): " } ?? ""
                yaml += "  # \(comment(number + item.comparisonName))\n"
            }
            // RevMan can hide an outcome's totals; metareport always pools, so say what RevMan showed.
            switch item?.outcome.totals {
            case "NO": yaml += "  # RevMan shows no totals for this outcome (its study rows only).\n"
            case "SUB": yaml += "  # RevMan shows subtotals only for this outcome, not the overall total.\n"
            default: break
            }
            let dataPath = "data/\(analysis.id).csv"
            yaml += "  - id: \(analysis.id)\n"
            yaml += "    title: \(quoted(analysis.title))\n"
            yaml += "    outcome: \(quoted(analysis.outcome))\n"
            if let unit = analysis.unit { yaml += "    unit: \(quoted(unit))\n" }
            yaml += "    measure: \(analysis.measure.rawValue)\n"
            if analysis.measure == .GEN {
                if analysis.logScale { yaml += "    log_scale: true\n" }
                if let label = analysis.effectLabel { yaml += "    effect_label: \(quoted(label))\n" }
            }
            yaml += "    method: \(methodName(analysis))\(methodComment(analysis))\n"
            yaml += "    compatibility: \(analysis.compatibility.rawValue)\n"
            if let subgroup = analysis.subgroupColumn { yaml += "    subgroup: \(subgroup)\n" }
            yaml += "    arms: {experimental: \(quoted(analysis.arms.experimental)), control: \(quoted(analysis.arms.control))}\n"
            if let favours = analysis.favours { yaml += "    favours: [\(quoted(favours.left)), \(quoted(favours.right))]\n" }
            yaml += "    data: \(dataPath)\n"
            files.append((dataPath, Data(csv(studies, analysis: analysis).utf8)))
        }
        if let rob = review.riskOfBias {
            yaml += "\nrisk_of_bias:\n"
            yaml += "  tool: \(rob.tool.id)\n"
            if rob.tool.id == "generic" {
                yaml += "  domains:\n" + rob.tool.domains.map { "    - \(quoted($0.name))\n" }.joined()
            }
            yaml += "  data: risk-of-bias.csv\n"
            files.append(("risk-of-bias.csv", Data(riskOfBiasCSV(rob).utf8)))
        }
        return [("review.yaml", Data(yaml.utf8))] + files
    }

    // MARK: - Study data

    static func csv(_ studies: [Study], analysis: Analysis) -> String {
        var header = ["study", "year"]
        switch analysis.measure {
        case .RR, .OR, .RD: header += ["exp_events", "exp_total", "ctrl_events", "ctrl_total"]
        case .MD, .SMD: header += ["exp_mean", "exp_sd", "exp_total", "ctrl_mean", "ctrl_sd", "ctrl_total"]
        case .GEN: header += ["yi", "se"]
        }
        if analysis.subgroupColumn != nil { header.append("subgroup") }
        var lines = [header.map(field).joined(separator: ",")]
        for study in studies {
            var row = [study.label, analysis.years[study.label].map(String.init) ?? ""]
            switch study.data {
            case let .binary(e1, n1, e2, n2): row += [e1, n1, e2, n2].map(number)
            case let .continuous(m1, s1, n1, m2, s2, n2): row += [m1, s1, n1, m2, s2, n2].map(number)
            case let .genericSE(yi, se): row += [number(yi), number(se)]
            case let .generic(yi, vi): row += [number(yi), number(vi.squareRoot())]
            case let .genericCI(estimate, _, _): row += [number(estimate), ""]
            }
            if analysis.subgroupColumn != nil { row.append(study.subgroup ?? "") }
            lines.append(row.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func riskOfBiasCSV(_ rob: RiskOfBiasAssessment) -> String {
        var lines = [(["Study"] + rob.tool.domains.map(\.name)).map(field).joined(separator: ",")]
        for study in rob.studies {
            let cells = study.judgements.map { judgement in judgement.map { rob.tool.label(for: $0) == "Some concerns" ? "Unclear" : rob.tool.label(for: $0) } ?? "" }
            lines.append(([study.study] + cells).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Formatting

    /// The method as review.yaml writes it.
    static func methodName(_ analysis: Analysis) -> String {
        analysis.mantelHaenszelRandomEffects ? "MH-DL" : analysis.method.rawValue
    }

    /// RevMan's name for the method, as a comment.
    private static func methodComment(_ analysis: Analysis) -> String {
        let name: String
        switch analysis.method {
        case .MH: name = "M-H, Fixed"
        case .PETO: name = "Peto, Fixed"
        case .IV: name = "IV, Fixed"
        default: name = analysis.mantelHaenszelRandomEffects ? "M-H, Random" : "IV, Random"
        }
        return "   # RevMan: \(name)"
    }

    /// A number as CSV writes it: whole numbers without ".0", others as Swift's shortest round-trip form.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    /// A CSV field, quoted when it holds a separator, quote, line break or edge space.
    static func field(_ text: String) -> String {
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }
            || text.first == " " || text.last == " "
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// A YAML double-quoted scalar: backslashes, quotes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text for a YAML comment: on one line.
    private static func comment(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
    }
}
