import Foundation

extension ReviewParser {
    static let sofKeys = ["title", "population", "setting", "intervention", "comparison", "outcomes"]
    static let sofOutcomeKeys = ["outcome", "analysis", "follow_up", "studies", "participants", "events", "relative",
                                 "absolute", "comparator_risk_per_1000", "certainty", "downgrades", "upgrades",
                                 "footnotes", "reasons_not_reported", "comment"]

    func parseSummaryOfFindings(_ value: YAMLValue, analyses: [Analysis]) -> SummaryOfFindings? {
        guard let map = value.mapping("'summary_of_findings'", allowed: Self.sofKeys) else { return nil }
        var outcomes: [SummaryOfFindingsOutcome] = []
        for item in map.required("outcomes")?.sequence("'outcomes'") ?? [] {
            if let outcome = sofOutcome(item, analyses: analyses) { outcomes.append(outcome) }
        }
        return SummaryOfFindings(title: map.string("title"), population: map.string("population"),
                                 setting: map.string("setting"), intervention: map.string("intervention"),
                                 comparison: map.string("comparison"), outcomes: outcomes, location: map.location)
    }

    private func sofOutcome(_ value: YAMLValue, analyses: [Analysis]) -> SummaryOfFindingsOutcome? {
        guard let map = value.mapping("an outcome of the summary of findings", allowed: Self.sofOutcomeKeys),
              let name = map.string("outcome", required: true) else { return nil }
        let analysisID = map.string("analysis")
        if let analysisID, !analyses.contains(where: { $0.id == analysisID }), let place = map["analysis"]?.location {
            sink.error(place, "there is no analysis '\(analysisID.truncatedForMessage)'",
                       hint: analyses.isEmpty ? "The review has no analyses." : "Analyses: \(analyses.map(\.id).joined(separator: ", ")).")
        }
        var certainty: Certainty?
        if let value = map.optional("certainty"), let text = value.string("'certainty'") {
            certainty = Certainty(parsing: text)
            if certainty == nil {
                sink.error(value.location, "'\(text.truncatedForMessage)' is not a GRADE certainty",
                           hint: "Use high, moderate, low or very low; or leave 'certainty' out to have it proposed from the data.")
            }
        }
        var downgrades: [GradeDomain: Int] = [:]
        if let value = map.optional("downgrades"),
           let domains = value.mapping("'downgrades'", allowed: GradeDomain.allCases.map(\.rawValue)) {
            for entry in domains.entries {
                guard let domain = GradeDomain(rawValue: entry.key), let text = entry.value.string("'\(entry.key)'") else { continue }
                switch text.lowercased() {
                case "0", "no", "none", "not serious", "false": downgrades[domain] = 0
                case "1", "serious", "-1": downgrades[domain] = 1
                case "2", "very serious", "-2": downgrades[domain] = 2
                default:
                    sink.error(entry.value.location, "'\(text.truncatedForMessage)' is not a rating-down level for \(domain.label.lowercased())",
                               hint: "Use 0 (not serious), 1 (serious) or 2 (very serious).")
                }
            }
        }
        var footnotes: [GradeDomain: String] = [:]
        if let value = map.optional("footnotes"),
           let notes = value.mapping("'footnotes'", allowed: GradeDomain.allCases.map(\.rawValue)) {
            for entry in notes.entries {
                if let domain = GradeDomain(rawValue: entry.key), let text = entry.value.string("footnote") { footnotes[domain] = text }
            }
        }
        let reasonsNotReported = map.string("reasons_not_reported")
        checkReasonsForRatingDown(certainty: certainty, downgrades: downgrades, footnotes: footnotes,
                                  reasonsNotReported: reasonsNotReported, map: map)
        var risks: [Double] = []
        if let value = map.optional("comparator_risk_per_1000") {
            let items = value.scalarText != nil ? [value] : (value.sequence("'comparator_risk_per_1000'") ?? [])
            for item in items {
                guard let risk = item.number("the comparator risk per 1000") else { continue }
                if risk < 0 || risk > 1000 {
                    sink.error(item.location, "a risk per 1000 lies between 0 and 1000, not \(item.scalarText ?? "")",
                               hint: "For a risk of 6% write 60.")
                } else {
                    risks.append(risk)
                }
            }
        }
        let relative = map.optional("relative").flatMap { effect($0, what: "'relative'", ratio: true) }
        let absolute = map.optional("absolute").flatMap { effect($0, what: "'absolute'", ratio: false) }
        if !risks.isEmpty, relative == nil, analysisID == nil {
            sink.error(map["comparator_risk_per_1000"]?.location ?? map.location,
                       "absolute effects need a relative effect: give 'relative' or name an 'analysis'")
        }
        return SummaryOfFindingsOutcome(
            outcome: name, analysisID: analysisID, followUp: map.string("follow_up"),
            studies: map.integer("studies", minimum: 1), participants: map.integer("participants", minimum: 1),
            events: map.optional("events").flatMap { armCounts($0) }, relative: relative, absolute: absolute,
            comparatorRiskPer1000: risks, certainty: certainty, downgrades: downgrades,
            upgrades: map.integer("upgrades") ?? 0, footnotes: footnotes, reasonsNotReported: reasonsNotReported,
            comment: map.string("comment"),
            location: map.location)
    }

    /// A certainty below high was rated down: a reader needs to know why. Without `downgrades` or
    /// `footnotes` that is a warning, unless `reasons_not_reported` says the source gives none; an
    /// acknowledgement with nothing to acknowledge is itself a warning, so it does not outlive a fix.
    private func checkReasonsForRatingDown(certainty: Certainty?, downgrades: [GradeDomain: Int], footnotes: [GradeDomain: String],
                                           reasonsNotReported: String?, map: YAMLMapping) {
        let reasonsGiven = downgrades.values.contains { $0 > 0 } || !footnotes.isEmpty
        let place = map["reasons_not_reported"]?.location ?? map["certainty"]?.location ?? map.location
        if let certainty, certainty < .high, !reasonsGiven, reasonsNotReported == nil {
            sink.warning(place, "the certainty is rated down to \(certainty.label.lowercased()), but no reasons for rating down are given",
                         hint: "Name the GRADE domains in 'downgrades' (with 'footnotes'), or, where the source does not report them, say so with reasons_not_reported: \"…\".")
        } else if reasonsNotReported != nil, reasonsGiven {
            sink.warning(place, "'reasons_not_reported' is given, but so are reasons for rating down ('downgrades' or 'footnotes')",
                         hint: "Remove 'reasons_not_reported'.")
        } else if reasonsNotReported != nil, (certainty ?? .high) == .high {
            sink.warning(place, "'reasons_not_reported' is given, but the certainty is not rated down",
                         hint: certainty == nil ? "Give the certainty the source reports, or remove 'reasons_not_reported'." : "Remove 'reasons_not_reported'.")
        }
    }

    private func effect(_ value: YAMLValue, what: String, ratio: Bool) -> EffectWithCI? {
        guard let map = value.mapping(what, allowed: ["measure", "estimate", "ci_lower", "ci_upper", "unit"]) else { return nil }
        let measure = map.string("measure", required: true)
        let e = map.required("estimate"), l = map.required("ci_lower"), u = map.required("ci_upper")
        guard let measure, let e, let l, let u,
              let estimate = e.number("'estimate'"), let lower = l.number("'ci_lower'"), let upper = u.number("'ci_upper'") else { return nil }
        let candidate = EffectWithCI(measure: measure.uppercased(), estimate: estimate, lower: lower, upper: upper, unit: map.string("unit"))
        guard let checked = checkedInterval(estimate, lower, upper, isRatio: candidate.isRatio,
                                            places: (e.location, l.location, u.location),
                                            texts: (e.scalarText ?? "", l.scalarText ?? "", u.scalarText ?? "")) else { return nil }
        if ratio, !candidate.isRatio, let place = map["measure"]?.location {
            sink.error(place, "a relative effect is a ratio (RR, OR, HR), not \(measure.truncatedForMessage)",
                       hint: "Put mean differences under 'absolute'.")
            return nil
        }
        return EffectWithCI(measure: candidate.measure, estimate: checked.estimate, lower: checked.lower,
                            upper: checked.upper, unit: candidate.unit)
    }
}
