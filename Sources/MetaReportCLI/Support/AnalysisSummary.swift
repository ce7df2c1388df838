import Foundation
import MetaAnalysis
import ReviewKit

/// The readable summary `analyze` prints: a study table and RevMan's sentences, ready to paste.
enum AnalysisSummary {
    static func text(_ outcome: AnalysisOutcome) -> String {
        let analysis = outcome.analysis
        let wording = Wording(decimals: 2)
        var lines: [String] = [analysis.title]
        let ratio = analysis.isRatio
        func natural(_ v: Double) -> Double { ratio ? exp(v) : v }
        func estimate(_ e: Double, _ l: Double, _ u: Double) -> String { wording.estimate(natural(e), natural(l), natural(u)) }

        guard let result = outcome.result else {
            lines.append("\(analysis.effectName) as given (not recomputed):")
            for row in outcome.given?.pooled ?? [] {
                lines.append("  \(row.subgroup ?? "Total"): \(wording.estimate(row.estimate, row.lower, row.upper))")
            }
            return lines.joined(separator: "\n")
        }
        let settings = result.settings
        let method = Wording.methodLabel(settings)
        lines.append("\(analysis.effectName) (\(method))")
        lines.append("")

        // The study table, columns padded to their widths.
        var table: [[String]] = [["Study", "Weight", "\(analysis.measure.rawValue) [95% CI]"]]
        for study in result.studies {
            if study.estimable, let yi = study.yi, let l = study.ciLower, let u = study.ciUpper {
                table.append([study.label, wording.weight(study.weight), estimate(yi, l, u)])
            } else {
                table.append([study.label, "", study.note ?? "Not estimable"])
            }
        }
        let p = result.pooled
        table.append(["Total (95% CI)", wording.weight(100), estimate(p.yi, p.ciLower, p.ciUpper)])
        let widths = (0..<3).map { column in table.map { $0[column].count }.max() ?? 0 }
        for (index, row) in table.enumerated() {
            let label = row[0].padding(toLength: widths[0], withPad: " ", startingAt: 0)
            let weight = String(repeating: " ", count: widths[1] - row[1].count) + row[1]
            lines.append("\(label)  \(weight)  \(row[2])")
            if index == 0 || index == table.count - 2 { lines.append(String(repeating: "-", count: widths.reduce(4, +))) }
        }
        lines.append(wording.heterogeneity(result.heterogeneity, random: settings.method.isRandomEffects))
        lines.append(wording.overallEffect(p))
        if let pi = result.prediction {
            lines.append("Prediction interval: \(wording.number(natural(pi.lower))) to \(wording.number(natural(pi.upper)))")
        }
        for note in result.notes { lines.append("Note: \(note)") }
        if let subgroups = result.subgroups {
            lines.append("")
            lines.append("Subgroups (\(subgroups.column ?? "subgroup")):")
            for group in subgroups.groups {
                let g = group.pooled
                lines.append("  \(group.subgroup) (k = \(group.k)): \(estimate(g.yi, g.ciLower, g.ciUpper)); I\u{00B2} = \(wording.percent(group.heterogeneity.I2))")
            }
            if let test = subgroups.testForSubgroupDifferences,
               let line = wording.subgroupDifferences(Q: test.Q, df: Double(test.df), p: .exact(test.p), I2: test.I2) {
                lines.append(line)
            }
        }
        if let small = result.smallStudy {
            lines.append("")
            if let egger = small.egger {
                lines.append("Egger's test: t = \(wording.number(egger.t)), df = \(egger.df) (P \(wording.pValue(egger.p)))")
            }
            if let begg = small.begg {
                lines.append("Begg's test: Kendall's tau = \(wording.number(begg.tau, decimals: 3)) (P \(wording.pValue(begg.p)))")
            }
            if let fill = small.trimAndFill {
                lines.append("Trim-and-fill: \(fill.k0) stud\(fill.k0 == 1 ? "y" : "ies") filled on the \(fill.side.rawValue); adjusted \(estimate(fill.yi, fill.ciLower, fill.ciUpper))")
            }
            if result.studies.filter(\.estimable).count < 10 {
                lines.append("Fewer than 10 studies: tests for funnel-plot asymmetry have too little power (Cochrane Handbook 13.3.5.4).")
            }
        }
        if let regression = result.metaRegression {
            lines.append("")
            lines.append("Meta-regression on \(regression.moderator ?? "the moderator"): slope \(wording.number(regression.slope, decimals: 4)) (SE \(wording.number(regression.se[1], decimals: 4)), P \(wording.pValue(regression.p[1]))); QM = \(wording.number(regression.QM)) (P \(wording.pValue(regression.QMp)))" + (regression.R2.map { "; R\u{00B2} = \(wording.percent($0))" } ?? ""))
        }
        return lines.joined(separator: "\n")
    }
}
