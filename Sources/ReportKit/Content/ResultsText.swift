import Foundation
import MetaAnalysis
import ReviewKit

/// The results sentence and table of one analysis, generated from its numbers.
enum ResultsText {
    /// Prose uses the true minus sign, as typeset text should.
    static let wording = Wording(decimals: 2, trueMinus: true)

    /// The pooled numbers an outcome reports, computed or given.
    struct Summary {
        var k: Int?
        var participants: Double?
        var estimate: Double
        var lower: Double
        var upper: Double
        var I2: Double?
        var p: ReportedP?
        var label: String
    }

    /// "Six studies (191 participants) contributed to this analysis: mean difference −1.83 (95% CI
    /// −2.35 to −1.31; I² = 48%; P < 0.00001)." When the number of studies is not known: "The
    /// pooled risk ratio was 5.92 (95% CI 2.95 to 11.89; P < 0.00001)."
    static func sentence(_ outcome: AnalysisOutcome) -> String? {
        guard let summary = overall(outcome) else { return nil }
        var text = statement(summary, effect: effectName(outcome.analysis))
        if let result = outcome.result, let pi = result.prediction {
            let scale: (Double) -> Double = outcome.analysis.isRatio ? { exp($0) } : { $0 }
            text += " The 95% prediction interval was \(wording.number(scale(pi.lower))) to \(wording.number(scale(pi.upper)))."
        }
        return text
    }

    /// The results text of an analysis: the sentence on its overall result; or, for results given
    /// only by subgroup (no overall row), a sentence per subgroup, as a list under a lead sentence,
    /// and the test for subgroup differences when given.
    static func blocks(_ outcome: AnalysisOutcome) -> [Block] {
        if let sentence = sentence(outcome) { return [.paragraph([.text(sentence)])] }
        guard let given = outcome.given else { return [] }
        let rows = given.pooled.filter { $0.subgroup != nil }
        guard !rows.isEmpty else { return [] }
        let effect = effectName(outcome.analysis)
        var blocks: [Block] = [
            .paragraph([.text("This analysis is reported by subgroup only, with no overall pooled result:")]),
            .list(rows.map { [.text(subgroupStatement(summary(of: $0), effect: effect))] }),
        ]
        if let d = given.subgroupDifferences,
           let line = wording.subgroupDifferences(Q: d.Q, df: d.df, p: d.p, I2: d.I2) {
            let test = line.replacingOccurrences(of: "Test for subgroup differences: ", with: "")
            blocks.append(.paragraph([.text("The test for subgroup differences gave \(test).")]))
        }
        return blocks
    }

    /// One subgroup's result as a sentence: "1 week after treatment: five studies (182
    /// participants) gave a pooled mean difference of −2.14 (95% CI …)." or, without a study
    /// count, "High dose: the pooled mean difference was −2.11 (95% CI …)."
    static func subgroupStatement(_ summary: Summary, effect: String) -> String {
        var text = summary.label + ": "
        let n = summary.participants.map { " (\(grouped($0)) participants)" } ?? ""
        if let k = summary.k {
            let count = k < 13 ? capitalizedCount(k).lowercased() : String(k)
            text += "\(count) \(k == 1 ? "study" : "studies")\(n) gave a pooled \(effect) of "
        } else {
            text += "the pooled \(effect)\(n) was "
        }
        return text + numbers(summary) + "."
    }

    /// One pooled result as a sentence with a verb, whatever is known of it:
    /// - studies (and participants): "Six studies (191 participants) contributed to this analysis:
    ///   mean difference −1.83 (95% CI …)."
    /// - participants only: "The pooled risk ratio (99 participants) was 3.52 (95% CI …)."
    /// - neither: "The pooled risk ratio was 5.92 (95% CI …)."
    static func statement(_ summary: Summary, effect: String) -> String {
        var text = ""
        if let k = summary.k {
            text += "\(capitalizedCount(k)) \(k == 1 ? "study" : "studies")"
            if let n = summary.participants { text += " (\(grouped(n)) participants)" }
            text += " contributed to this analysis: " + effect + " "
        } else {
            text += "The pooled " + effect
            if let n = summary.participants { text += " (\(grouped(n)) participants)" }
            text += " was "
        }
        return text + numbers(summary) + "."
    }

    /// "−1.83 (95% CI −2.35 to −1.31; I² = 48%; P < 0.00001)".
    static func numbers(_ summary: Summary) -> String {
        let text = wording.number(summary.estimate) + " (95% CI " + wording.number(summary.lower) + " to " + wording.number(summary.upper)
        var details: [String] = []
        if let I2 = summary.I2 { details.append("I² = \(wording.percent(I2))") }
        if let p = summary.p { details.append("P \(wording.pValue(p))") }
        return text + (details.isEmpty ? ")" : "; " + details.joined(separator: "; ") + ")")
    }

    /// The overall pooled numbers on the natural scale.
    static func overall(_ outcome: AnalysisOutcome) -> Summary? {
        let ratio = outcome.analysis.isRatio
        if let result = outcome.result {
            let p = result.pooled
            let natural: (Double) -> Double = ratio ? { exp($0) } : { $0 }
            return Summary(k: p.k, participants: participants(result.studies.filter(\.estimable).map(\.data)),
                           estimate: natural(p.yi), lower: natural(p.ciLower), upper: natural(p.ciUpper),
                           I2: result.heterogeneity.I2, p: .exact(p.p), label: "Total")
        }
        guard let given = outcome.given, let row = overallRow(given) else { return nil }
        return summary(of: row)
    }

    /// The overall row of given results: the one without a subgroup, or the only row.
    static func overallRow(_ given: GivenResults) -> GivenPooled? {
        given.pooled.first(where: { $0.subgroup == nil }) ?? (given.pooled.count == 1 ? given.pooled.first : nil)
    }

    static func summary(of row: GivenPooled) -> Summary {
        Summary(k: row.k, participants: row.participants.map(Double.init), estimate: row.estimate, lower: row.lower,
                upper: row.upper, I2: row.heterogeneity?.I2, p: row.p, label: row.subgroup ?? row.label ?? "Total")
    }

    /// The subgroup and overall rows of the results table.
    static func table(_ outcome: AnalysisOutcome, id: String) -> ReportTable? {
        var rows: [Summary] = []
        let ratio = outcome.analysis.isRatio
        let natural: (Double) -> Double = ratio ? { exp($0) } : { $0 }
        if let result = outcome.result {
            for group in result.subgroups?.groups ?? [] {
                let members = result.studies.filter { $0.subgroup == group.subgroup && $0.estimable }
                rows.append(Summary(k: group.k, participants: participants(members.map(\.data)),
                                    estimate: natural(group.pooled.yi), lower: natural(group.pooled.ciLower),
                                    upper: natural(group.pooled.ciUpper), I2: group.heterogeneity.I2,
                                    p: .exact(group.pooled.p), label: group.subgroup))
            }
            if let total = overall(outcome) { rows.append(total) }
        } else if let given = outcome.given {
            rows = given.pooled.map(summary(of:))
        }
        guard !rows.isEmpty else { return nil }
        let header = ["", "Studies", "Participants", "\(outcome.analysis.effectName) (95% CI)", "I²", "P"]
        let body: [[[Inline]]] = rows.map { row in
            [[.text(row.label)], [.text(row.k.map(String.init) ?? "–")],
             [.text(row.participants.map(grouped) ?? "–")],
             [.text(wording.estimate(row.estimate, row.lower, row.upper))],
             [.text(row.I2.map(wording.percent) ?? "–")],
             [.text(row.p.map { pText(wording.pValue($0)) } ?? "–")]]
        }
        return ReportTable(id: id, caption: "Results: \(outcome.analysis.title)", header: header,
                           alignments: [.left, .right, .right, .right, .right, .right], rows: body,
                           note: outcome.given != nil ? "As reported; not recomputed." : nil)
    }

    /// "= 0.03" → "0.03", "< 0.00001" stays.
    static func pText(_ text: String) -> String { text.hasPrefix("= ") ? String(text.dropFirst(2)) : text }

    /// A whole number with thousands separators: "357,347".
    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()).magnitude)
        var out = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0, digits.count > 4 { out.append(",") }
            out.append(digit)
        }
        return (value < 0 ? "−" : "") + String(out.reversed())
    }

    static func participants(_ data: [StudyData]) -> Double? {
        var total = 0.0
        for item in data {
            switch item {
            case let .binary(_, n1, _, n2): total += n1 + n2
            case let .continuous(_, _, n1, _, _, n2): total += n1 + n2
            default: return nil
            }
        }
        return data.isEmpty ? nil : total
    }

    static func effectName(_ analysis: Analysis) -> String {
        switch analysis.measure {
        case .RR: return "risk ratio"
        case .OR: return "odds ratio"
        case .RD: return "risk difference"
        case .MD: return "mean difference"
        case .SMD: return "standardised mean difference"
        case .GEN: return (analysis.effectLabel ?? "pooled effect").lowercased()
        }
    }

    static func capitalizedCount(_ k: Int) -> String {
        let words = ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"]
        return k < words.count ? words[k] : String(k)
    }
}
