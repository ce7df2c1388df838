import Foundation
import MetaAnalysis
import ReviewKit

/// The GRADE summary-of-findings table, as GRADEpro lays it out.
enum SummaryOfFindingsTable {
    static let wording = Wording(decimals: 2, trueMinus: true)

    static func table(_ sof: SummaryOfFindings, review: Review, outcomes: [AnalysisOutcome]) -> ReportTable {
        var footnotes: [(id: String, text: String)] = []
        func footnote(_ text: String) -> Inline {
            if let existing = footnotes.first(where: { $0.text == text }) { return .footnote(id: existing.id) }
            let id = "sof-\(footnotes.count + 1)"
            footnotes.append((id, text))
            return .footnote(id: id)
        }
        var rows: [[[Inline]]] = []
        for entry in sof.outcomes {
            let outcome = entry.analysisID.flatMap { id in outcomes.first { $0.analysis.id == id } }
            let numbers = fill(entry, from: outcome)

            var outcomeCell: [Inline] = [.strong(entry.outcome)]
            if let followUp = entry.followUp { outcomeCell.append(.text(" (follow-up: \(followUp))")) }

            // Anticipated absolute effects.
            var comparatorCell: [Inline] = []
            var differenceCell: [Inline] = []
            // No assumed risk given: GRADEpro's default, the control-group risk of the studies.
            var risks = entry.comparatorRiskPer1000
            var riskNote: Inline?
            if risks.isEmpty, numbers.relative != nil, let events = numbers.events, events.controlTotal > 0 {
                let risk = events.controlEvents / events.controlTotal * 1000
                risks = [risk]
                riskNote = footnote("Assumed risk with the comparator: the risk in the control groups of the studies (\(Int(events.controlEvents))/\(Int(events.controlTotal)) = \(AbsoluteEffect.whole(risk)) per 1000), GRADEpro's default; no comparator risk was given.")
            }
            if let relative = numbers.relative {
                for risk in risks {
                    guard let effect = AbsoluteEffect(measure: relative.measure, estimate: relative.estimate,
                                                      lower: relative.lower, upper: relative.upper, comparatorPer1000: risk) else { continue }
                    if !comparatorCell.isEmpty { comparatorCell.append(.text("; ")); differenceCell.append(.text("; ")) }
                    comparatorCell.append(.text(effect.comparatorText))
                    differenceCell.append(.text(effect.differenceText))
                }
            }
            if let absolute = numbers.absolute {
                differenceCell = [.text(continuousDifference(absolute))]
            }
            var relativeCell: [Inline] = [.text("–")]
            if let relative = numbers.relative {
                relativeCell = [.text("\(relative.measure) \(wording.number(relative.estimate)) (\(wording.number(relative.lower)) to \(wording.number(relative.upper)))")]
            }
            var participantsCell: [Inline] = [.text("–")]
            if let n = numbers.participants {
                participantsCell = [.text(ResultsText.grouped(Double(n)) + (numbers.studies.map { " (\($0) stud\($0 == 1 ? "y" : "ies"))" } ?? ""))]
            } else if let k = numbers.studies {
                participantsCell = [.text("(\(k) stud\(k == 1 ? "y" : "ies"))")]
            }
            if let events = numbers.events {
                // Comparator first, as GRADE tables list them.
                let arms = outcome?.analysis.arms ?? review.arms
                participantsCell.append(.text("; events \(Int(events.controlEvents))/\(Int(events.controlTotal)) (\(arms.control)) vs \(Int(events.experimentalEvents))/\(Int(events.experimentalTotal)) (\(arms.experimental))"))
            }

            // Certainty: the authors' judgement with its reasons, or a marked proposal.
            var certaintyCell: [Inline]
            if let certainty = entry.certainty {
                certaintyCell = [.text("\(certainty.symbols) \(certainty.label)")]
                for domain in GradeDomain.allCases {
                    guard let levels = entry.downgrades[domain], levels > 0 else { continue }
                    let severity = levels == 2 ? "very serious" : "serious"
                    let text = entry.footnotes[domain].map { "\(domain.label) (\(severity)): \($0)" }
                        ?? "Rated down for \(severity) \(domain.label.lowercased())."
                    certaintyCell.append(footnote(text))
                }
                for domain in GradeDomain.allCases where entry.downgrades[domain] == nil || entry.downgrades[domain] == 0 {
                    if let text = entry.footnotes[domain] { certaintyCell.append(footnote("\(domain.label): \(text)")) }
                }
                if let why = entry.reasonsNotReported {
                    certaintyCell.append(footnote("Reasons for rating down not reported: \(why)"))
                }
            } else {
                let proposal = propose(entry, numbers: numbers, outcome: outcome, review: review)
                certaintyCell = [.text("\(proposal.certainty.symbols) \(proposal.certainty.label) "), .emphasis("(proposed from the data)")]
                for reason in proposal.reasons { certaintyCell.append(footnote(reason)) }
                if proposal.reasons.isEmpty {
                    certaintyCell.append(footnote("Proposed from the data: no rule of thumb for rating down applied; the authors should confirm."))
                }
            }
            if let riskNote, !comparatorCell.isEmpty { comparatorCell.append(riskNote) }
            rows.append([outcomeCell, comparatorCell.isEmpty ? [.text("–")] : comparatorCell,
                         differenceCell.isEmpty ? [.text("–")] : differenceCell, relativeCell, participantsCell,
                         certaintyCell, [.text(entry.comment ?? "")]])
        }
        var captionParts: [String] = []
        if let intervention = sof.intervention, let comparison = sof.comparison {
            captionParts.append("\(intervention) compared with \(comparison)")
        }
        if let population = sof.population { captionParts.append("for \(population)") }
        let caption = sof.title ?? ("Summary of findings" + (captionParts.isEmpty ? "" : ": " + captionParts.joined(separator: " ")))
        var note = "Anticipated absolute effects: the risk with the intervention is based on the assumed risk with the comparator and the relative effect of the intervention (and its 95% CI). GRADE certainty: ⊕⊕⊕⊕ high, ⊕⊕⊕◯ moderate, ⊕⊕◯◯ low, ⊕◯◯◯ very low."
        if let setting = sof.setting { note = "Setting: \(setting). " + note }
        return ReportTable(id: "summary-of-findings", caption: caption,
                           header: ["Outcome", "Risk with comparator", "Risk difference with intervention",
                                    "Relative effect (95% CI)", "№ of participants (studies)", "Certainty of the evidence (GRADE)", "Comments"],
                           rows: rows, footnotes: footnotes, note: note)
    }

    /// A continuous outcome's difference as GRADEpro words it, every number with its direction:
    /// "MD 2.14 points lower (2.65 lower to 1.63 lower)", "SMD 0.55 SD lower (1.14 lower to 0.05
    /// higher)"; a value that rounds to zero has no direction. An SMD is in standard deviations
    /// unless a unit is given.
    static func continuousDifference(_ absolute: EffectWithCI) -> String {
        let unit = (absolute.unit ?? (absolute.measure.uppercased() == "SMD" ? "SD" : nil)).map { " \($0)" } ?? ""
        func directed(_ value: Double, unit: String = "") -> String {
            let magnitude = wording.number(abs(value))
            if magnitude.allSatisfy({ $0 == "0" || $0 == "." }) { return magnitude + unit }
            return magnitude + unit + (value < 0 ? " lower" : " higher")
        }
        return "\(absolute.measure) \(directed(absolute.estimate, unit: unit)) (\(directed(absolute.lower)) to \(directed(absolute.upper)))"
    }

    struct Numbers {
        var relative: EffectWithCI?
        var absolute: EffectWithCI?
        var participants: Int?
        var studies: Int?
        var events: ArmCounts?
        var I2: Double?
    }

    /// The row's numbers: as given, completed from its analysis where not given.
    static func fill(_ entry: SummaryOfFindingsOutcome, from outcome: AnalysisOutcome?) -> Numbers {
        var numbers = Numbers(relative: entry.relative, absolute: entry.absolute, participants: entry.participants,
                              studies: entry.studies, events: entry.events, I2: nil)
        guard let outcome, let summary = ResultsText.overall(outcome) else { return numbers }
        let analysis = outcome.analysis
        if numbers.relative == nil, analysis.isRatio || analysis.measure == .RD {
            let measure = analysis.measure == .GEN ? (analysis.effectLabel.flatMap { $0.uppercased().contains("HAZARD") ? "HR" : nil } ?? "RR") : analysis.measure.rawValue
            numbers.relative = EffectWithCI(measure: measure, estimate: summary.estimate, lower: summary.lower, upper: summary.upper)
        }
        if numbers.absolute == nil, analysis.measure == .MD || analysis.measure == .SMD {
            numbers.absolute = EffectWithCI(measure: analysis.measure.rawValue, estimate: summary.estimate, lower: summary.lower,
                                            upper: summary.upper, unit: analysis.measure == .MD ? analysis.unit : "SD")
        }
        numbers.studies = numbers.studies ?? summary.k
        numbers.participants = numbers.participants ?? summary.participants.map { Int($0.rounded()) }
        if numbers.events == nil, let given = outcome.given, let row = ResultsText.overallRow(given), let events = row.events {
            numbers.events = events
        }
        if numbers.events == nil, let totals = outcome.result?.totals, let e1 = totals.experimentalEvents, let e2 = totals.controlEvents {
            numbers.events = ArmCounts(experimentalEvents: e1, experimentalTotal: totals.experimentalParticipants,
                                       controlEvents: e2, controlTotal: totals.controlParticipants)
        }
        numbers.I2 = summary.I2
        return numbers
    }

    static func propose(_ entry: SummaryOfFindingsOutcome, numbers: Numbers, outcome: AnalysisOutcome?, review: Review) -> CertaintyProposal {
        var crosses = false
        if let relative = numbers.relative {
            crosses = relative.isRatio ? (relative.lower <= 1 && relative.upper >= 1) : (relative.lower <= 0 && relative.upper >= 0)
        } else if let absolute = numbers.absolute {
            crosses = absolute.lower <= 0 && absolute.upper >= 0
        }
        var highRiskShare: Double?
        if let rob = review.riskOfBias, let studies = outcome?.result?.studies.map(\.label), !studies.isEmpty {
            let key: (String) -> String = { $0.lowercased().filter { $0.isLetter || $0.isNumber } }
            let assessed = rob.studies.filter { s in studies.contains { key($0) == key(s.study) } }
            if !assessed.isEmpty {
                highRiskShare = Double(assessed.filter { ($0.overall ?? .low) >= .high && $0.overall != .noInformation }.count) / Double(assessed.count)
            }
        }
        let events = numbers.events.map { $0.experimentalEvents + $0.controlEvents }
        return CertaintyProposal(I2: numbers.I2, crossesNoEffect: crosses, participants: numbers.participants.map(Double.init),
                                 events: events, highRiskShare: highRiskShare,
                                 eggerP: outcome?.result?.smallStudy?.egger?.p, k: numbers.studies)
    }
}
