import Foundation
import Testing
@testable import ReviewKit

/// The templates, the judgement mapping, and reading judgement tables and inline judgements.
@Suite struct RiskOfBiasTemplateTests {
    @Test func everyToolHasItsPublishedDomainsAndScale() throws {
        let expected: [(String, [String], [String])] = [
            ("ROB2", ["D1", "D2", "D3", "D4", "D5"], ["Low", "Some concerns", "High"]),
            ("ROB2-cluster", ["D1a", "D1b", "D2", "D3", "D4", "D5"], ["Low", "Some concerns", "High"]),
            ("ROB1", ["D1", "D2", "D3", "D4", "D5", "D6", "D7"], ["Low", "Unclear", "High"]),
            ("ROBINS-I", ["D1", "D2", "D3", "D4", "D5", "D6", "D7"], ["Low", "Moderate", "Serious", "Critical"]),
            ("ROBINS-E", ["D1", "D2", "D3", "D4", "D5", "D6", "D7"], ["Low", "Some concerns", "High", "Very high"]),
            ("QUADAS-2", ["D1", "D2", "D3", "D4", "A1", "A2", "A3"], ["Low", "Unclear", "High"]),
            ("QUIPS", ["D1", "D2", "D3", "D4", "D5", "D6"], ["Low", "Moderate", "High"]),
        ]
        #expect(RiskOfBiasTool.builtIn.map(\.id) == expected.map(\.0))
        for (id, domains, levels) in expected {
            let tool = try #require(RiskOfBiasTool.named(id))
            #expect(tool.domains.map(\.short) == domains, "\(id)")
            #expect(tool.levels.map(\.name) == levels, "\(id)")
            #expect(tool.levels.map(\.judgement) == tool.levels.map(\.judgement).sorted(), "\(id): levels run from low to high risk")
            #expect(tool.domains.allSatisfy { !$0.name.isEmpty }, "\(id)")
            #expect(tool.scale.last == .noInformation)
        }
        #expect(RiskOfBiasTool.ids.last == "generic")
        #expect(RiskOfBiasTool.named("rob-2")?.id == "ROB2")
        #expect(RiskOfBiasTool.named("robins e")?.id == "ROBINS-E")
        #expect(RiskOfBiasTool.named("rob3") == nil)
    }

    @Test func domainNamesFollowThePublications() {
        #expect(RiskOfBiasTool.rob2.domains.map(\.name) == [
            "Bias arising from the randomization process", "Bias due to deviations from intended interventions",
            "Bias due to missing outcome data", "Bias in measurement of the outcome", "Bias in selection of the reported result",
        ])
        #expect(RiskOfBiasTool.rob2Cluster.domains[1].name.hasPrefix("Bias arising from the timing of identification and recruitment"))
        #expect(RiskOfBiasTool.rob1.domains.map(\.name) == [
            "Random sequence generation (selection bias)", "Allocation concealment (selection bias)",
            "Blinding of participants and personnel (performance bias)", "Blinding of outcome assessment (detection bias)",
            "Incomplete outcome data (attrition bias)", "Selective reporting (reporting bias)", "Other bias",
        ])
        #expect(RiskOfBiasTool.robinsI.domains.map(\.name) == [
            "Bias due to confounding", "Bias in selection of participants into the study", "Bias in classification of interventions",
            "Bias due to deviations from intended interventions", "Bias due to missing data", "Bias in measurement of outcomes",
            "Bias in selection of the reported result",
        ])
        #expect(RiskOfBiasTool.robinsE.domains[2].name == "Risk of bias in selection of participants into the study (or into the analysis)")
        #expect(RiskOfBiasTool.robinsE.domains[3].name == "Risk of bias due to post-exposure interventions")
        let quadas = RiskOfBiasTool.quadas2.domains
        #expect(quadas.prefix(4).map(\.name) == ["Patient selection", "Index test", "Reference standard", "Flow and timing"])
        #expect(quadas.prefix(4).allSatisfy { $0.group == "Risk of bias" })
        #expect(quadas.suffix(3).allSatisfy { $0.group == "Applicability concerns" })
        #expect(RiskOfBiasTool.quips.domains.map(\.name) == [
            "Study participation", "Study attrition", "Prognostic factor measurement", "Outcome measurement",
            "Study confounding", "Statistical analysis and reporting",
        ])
        #expect(RiskOfBiasTool.generic(domains: ["Selection", "Blinding"]).domains.map(\.short) == ["D1", "D2"])
    }
}

@Suite struct JudgementMappingTests {
    /// What each spelling means for each tool: a judgement, not applicable (nil), or refused ("error").
    static let table: [(String, [(String, String)])] = [
        ("ROB1", [("Low", "low"), ("low risk", "low"), ("Low risk of bias", "low"), ("+", "low"), ("YES", "low"),
                  ("Unclear", "moderate"), ("unclear risk", "moderate"), ("?", "moderate"), ("UNKNOWN", "moderate"),
                  ("High", "high"), ("HIGH RISK", "high"), ("-", "high"), ("\u{2212}", "high"), ("NO", "high"), ("×", "high"),
                  ("No information", "noInformation"), ("", "nil"), ("Not applicable", "nil"), ("N/A", "nil"),
                  ("Some concerns", "error"), ("Critical", "error"), ("!", "error"), ("Maybe", "error")]),
        ("ROB2", [("Low", "low"), ("Some concerns", "moderate"), ("some_concerns", "moderate"), ("!", "moderate"),
                  ("High", "high"), ("x", "high"), ("No information", "noInformation"), ("NI", "noInformation"),
                  ("-", "error"), ("?", "error"), ("Unclear", "error"), ("Moderate", "error"), ("yes", "error"),
                  ("Critical", "error")]),
        ("ROB2-cluster", [("Low", "low"), ("Some concerns", "moderate"), ("High", "high"), ("Serious", "error")]),
        ("ROBINS-I", [("Low", "low"), ("Moderate", "moderate"), ("Serious", "high"), ("Serious risk of bias", "high"),
                      ("Critical", "critical"), ("!", "critical"), ("No information", "noInformation"),
                      ("High", "error"), ("Some concerns", "error"), ("-", "error")]),
        ("ROBINS-E", [("Low risk of bias (except for concerns about uncontrolled confounding)", "low"),
                      ("Some concerns", "moderate"), ("High", "high"), ("Very high", "critical"), ("Very high risk of bias", "critical"),
                      ("Serious", "error"), ("Critical", "error"), ("Moderate", "error"), ("?", "error")]),
        ("QUADAS-2", [("Low", "low"), ("Low concern", "low"), ("YES", "low"), ("Unclear", "moderate"), ("Some concerns", "moderate"),
                      ("?", "moderate"), ("High", "high"), ("High concerns", "high"), ("-", "high"), ("Critical", "error")]),
        ("QUIPS", [("Low", "low"), ("Moderate", "moderate"), ("Moderate risk of bias", "moderate"), ("High", "high"),
                   ("Some concerns", "error"), ("Unclear", "error"), ("Serious", "error")]),
    ]

    static func name(_ reading: JudgementReading) -> String {
        switch reading {
        case .judgement(let j): return "\(j)"
        case .notApplicable: return "nil"
        case .unmappable: return "error"
        }
    }

    @Test func everyToolMapsItsSpellingsExplicitly() throws {
        for (id, cases) in Self.table {
            let tool = try #require(RiskOfBiasTool.named(id))
            for (text, meaning) in cases {
                #expect(Self.name(tool.read(text)) == meaning, "\(id): '\(text)'")
            }
        }
        let generic = RiskOfBiasTool.generic(domains: ["A"])
        for (text, meaning) in [("Unclear", "moderate"), ("Some concerns", "moderate"), ("Moderate", "moderate"),
                                ("Serious", "high"), ("Very high", "critical"), ("Critical", "critical"), ("-", "error")] {
            #expect(Self.name(generic.read(text)) == meaning, "generic: '\(text)'")
        }
    }

    @Test func ambiguousMarksSayWhyTheyAreRefused() {
        guard case .unmappable(let reason?) = RiskOfBiasTool.rob2.read("-") else {
            Issue.record("'-' should be refused for RoB 2 with a reason"); return
        }
        #expect(reason.contains("RevMan") && reason.contains("robvis"))
        let hint = RiskOfBiasTool.rob2.hint(forUnmappable: reason)
        #expect(hint.hasSuffix("Use one of: Low, Some concerns, High, No information; leave the cell empty for not applicable."))
        guard case .unmappable(let high?) = RiskOfBiasTool.robinsI.read("High") else {
            Issue.record("'High' should be refused for ROBINS-I with a reason"); return
        }
        #expect(high.contains("Serious"))
        #expect(RiskOfBiasTool.quips.read("Maybe") == .unmappable(reason: nil))
    }
}

@Suite struct RiskOfBiasTableTests {
    let fixtures = Paths.fixtures.appendingPathComponent("rob")

    func read(_ csv: String, tool: RiskOfBiasTool) -> Result<[RiskOfBiasStudy], InputError> {
        RiskOfBiasTable.read(csv: Data(csv.utf8), file: "rob.csv", tool: tool)
    }

    func messages(_ result: Result<[RiskOfBiasStudy], InputError>) -> [String] {
        if case .failure(let error) = result { return error.diagnostics.map(\.description) }
        return []
    }

    @Test func readsRobvisLayoutByPositionWithOverallAndWeight() throws {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("rob2-robvis.csv"))
        let studies = try RiskOfBiasTable.read(csv: data, file: "rob2-robvis.csv", tool: .rob2).get()
        #expect(studies.map(\.study) == ["Study 1", "Study 2", "Study 3"])
        #expect(studies[2].judgements == [.high, .moderate, .noInformation, .low, .low])
        #expect(studies.map(\.overall) == [.low, .moderate, .high])
        #expect(studies.map(\.weight) == [33.3, 33.3, 33.4])
    }

    @Test func readsRevManYesNoUnknownUnderFullDomainNames() throws {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("rob1-revman.csv"))
        let studies = try RiskOfBiasTable.read(csv: data, file: "rob1-revman.csv", tool: .rob1).get()
        #expect(studies[0].judgements == [.low, .moderate, .high, .low, .low, .moderate, nil])
        #expect(studies[0].overall == .high)
        #expect(studies[1].judgements == [.low, .low, .low, .moderate, .high, .low, .low])
    }

    @Test func readsNamedColumnsInAnyOrder() throws {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("quadas2-named.csv"))
        let studies = try RiskOfBiasTable.read(csv: data, file: "quadas2-named.csv", tool: .quadas2).get()
        #expect(studies[0].study == "Accuracy A")
        #expect(studies[0].judgements == [.low, .high, .moderate, .low, .high, .moderate, .low])
        #expect(studies[0].overall == .high)
        #expect(studies.map(\.weight) == [10, 20])
    }

    /// robvis's own QUADAS-2 layout (its data_quadas) has the four risk-of-bias domains only; the
    /// assessment then has those four, and the figures draw four columns.
    @Test func readsRobvisQuadas2WithoutApplicabilityDomains() throws {
        let csv = "Study,D1,D2,D3,D4,Overall,Weight\nA,Low,Some concerns,Low,High,High,3\nB,Low,Low,Low,Low,Low,5\n"
        let studies = try read(csv, tool: .quadas2).get()
        #expect(studies[0].judgements == [.low, .moderate, .low, .high])
        #expect(studies.map(\.weight) == [3, 5])
        let assessment = RiskOfBiasAssessment(tool: .quadas2, studies: studies, location: SourceLocation(file: "rob.csv"))
        #expect(assessment.tool.domains.map(\.short) == ["D1", "D2", "D3", "D4"])
        // Named by the domains' full names, in another order, likewise.
        let named = try read("Study,Flow and timing,Patient selection,Index test,Reference standard\nA,High,Low,Low,Low\n", tool: .quadas2).get()
        #expect(named[0].judgements == [.low, .low, .low, .high])
        // Three domains fit neither form.
        #expect(messages(read("Study,D1,D2,D3,Overall\nA,Low,Low,Low,Low\n", tool: .quadas2)).first?
            .hasPrefix("rob.csv:row 1: error: too few domain columns for QUADAS-2: found 3, expected 4 or 7") == true)
        // The full tool keeps all seven.
        let full = RiskOfBiasAssessment(tool: .quadas2, studies: [RiskOfBiasStudy(study: "A", judgements: Array(repeating: .low, count: 7), location: SourceLocation(file: "x"))],
                                        location: SourceLocation(file: "x"))
        #expect(full.tool.domains.count == 7)
    }

    @Test func readsRobinsEWithItsLongLowJudgement() throws {
        let data = try Data(contentsOf: fixtures.appendingPathComponent("robins-e-robvis.csv"))
        let studies = try RiskOfBiasTable.read(csv: data, file: "robins-e-robvis.csv", tool: .robinsE).get()
        #expect(studies[0].judgements == [.low, .moderate, .high, .critical, .noInformation, nil, .low])
        #expect(studies[0].overall == .critical)
    }

    @Test func oneExtraColumnIsOverallUnlessItIsHeadedWeight() throws {
        let overall = try read("Study,D1,D2,D3,D4,D5,Overall\nA,Low,Low,Low,Low,Low,High\n", tool: .rob2).get()
        #expect(overall[0].overall == .high && overall[0].weight == nil)
        let weight = try read("Study,a,b,c,d,e,Weight\nA,Low,Low,Low,Low,Low,2.5\n", tool: .rob2).get()
        #expect(weight[0].overall == nil && weight[0].weight == 2.5)
        let neither = try read("Study,a,b,c,d,e\nA,Low,Low,Low,Low,Low\n", tool: .rob2).get()
        #expect(neither[0].overall == nil && neither[0].judgements.count == 5)
    }

    @Test func tooFewOrTooManyDomainColumnsAreClearErrors() {
        #expect(messages(read("Study,D1,D2,D3\nA,Low,Low,Low\n", tool: .rob2)) == [
            "rob.csv:row 1: error: too few columns for ROB2: found 4, expected 6 to 8\n    robvis's layout is 'Study', then 5 domain columns (D1, D2, D3, D4, D5), then 'Overall', then optionally 'Weight', matched by position. Found columns: Study, D1, D2, D3.",
        ])
        let wide = "Study," + (1...9).map { "C\($0)" }.joined(separator: ",") + "\nA" + String(repeating: ",Low", count: 9) + "\n"
        #expect(messages(read(wide, tool: .rob2)).first?.hasPrefix("rob.csv:row 1: error: too many columns for ROB2: found 10, expected 6 to 8") == true)
    }

    @Test func aFileForAnotherToolSaysWhichToolsFit() {
        let rob2File = "Study,D1,D2,D3,D4,D5,Overall,Weight\nA,Low,Low,Low,Low,Low,Low,1\n"
        #expect(messages(read(rob2File.replacingOccurrences(of: "D", with: "Domain "), tool: .rob1)) == [
            "rob.csv:row 1: error: too few domain columns for ROB1: found 5, expected 7\n    robvis's layout is 'Study', then 7 domain columns (D1, D2, D3, D4, D5, D6, D7), then 'Overall', then optionally 'Weight', matched by position. Found columns: Study, Domain 1, Domain 2, Domain 3, Domain 4, Domain 5, Overall, Weight. Tools with 5 domains: ROB2; check --tool or 'tool'.",
        ])
        let rob1File = "Study,a,b,c,d,e,f,g\nA,Low,Low,Low,Low,Low,Low,Unclear\n"
        let message = messages(read(rob1File, tool: .rob2)).first ?? ""
        #expect(message.hasPrefix("rob.csv:row 1: error: too many columns for ROB2: found 8, and the last, 'g', holds 'Unclear' where robvis's layout has weights"))
        #expect(message.hasSuffix("Tools with 7 domains: ROB1, ROBINS-I, ROBINS-E, QUADAS-2; check --tool or 'tool'."))
    }

    @Test func badJudgementsNameTheRowAndTheColumn() {
        let result = read("Study,D1,D2,D3,D4,D5,Overall\nA,Low,Low,Low,Low,Low,Low\nB,Low,Maybe,Low,Low,-,Low\n", tool: .rob2)
        #expect(messages(result) == [
            "rob.csv:row 3, column D2: error: 'Maybe' is not a ROB2 judgement (domain D2)\n    Use one of: Low, Some concerns, High, No information; leave the cell empty for not applicable.",
            "rob.csv:row 3, column D5: error: '-' is not a ROB2 judgement (domain D5)\n    '-' means High in RevMan's tables but the middle level in robvis's figures. Use one of: Low, Some concerns, High, No information; leave the cell empty for not applicable.",
        ])
    }

    @Test func duplicateStudiesAreErrorsEvenWhenWrittenDifferently() {
        let result = read("Study,D1,D2,D3,D4,D5\n\"Amr, 2010\",Low,Low,Low,Low,Low\nAmr 2010,Low,Low,Low,Low,Low\n", tool: .rob2)
        #expect(messages(result) == [
            "rob.csv:row 3, column Study: error: the study 'Amr 2010' appears twice (first at rob.csv:row 2, column Study)\n    Each study has one row of judgements; labels that differ only in case or punctuation count as the same study.",
        ])
    }

    @Test func emptyLabelsStrayColumnsNegativeWeightsAndEmptyFilesAreErrors() {
        #expect(messages(read("Study,D1,D2,D3,D4,D5\n,Low,Low,Low,Low,Low\n", tool: .rob2)).first?.contains("the study label is empty") == true)
        #expect(messages(read("Study,D1,D2,D3,D4,D5,Notes\nA,Low,Low,Low,Low,Low,x\n", tool: .rob2)).first?
            .hasPrefix("rob.csv: column Notes: error: the column 'Notes' is not a ROB2 domain") == true)
        #expect(messages(read("Study,D1,D2,D3,D4,D5,Overall,Weight\nA,Low,Low,Low,Low,Low,Low,-3\n", tool: .rob2)).first?
            .contains("a weight cannot be negative") == true)
        #expect(messages(read("Study,D1,D2,D3,D4,D5\n", tool: .rob2)).first?.contains("the file has a header but no data rows") == true)
    }

    @Test func theGenericToolTakesItsDomainsFromTheHeader() throws {
        let csv = "Study,Selection,Blinding,Attrition,Overall,Weight\nA,Low,Unclear,High,High,1\nB,Low,Low,Low,Low,2\n"
        let assessment = try RiskOfBiasTable.readGeneric(csv: Data(csv.utf8), file: "g.csv").get()
        #expect(assessment.tool.id == "generic")
        #expect(assessment.tool.domains.map(\.name) == ["Selection", "Blinding", "Attrition"])
        #expect(assessment.studies[0].judgements == [.low, .moderate, .high])
        #expect(assessment.studies.map(\.weight) == [1, 2])
        #expect(assessment.hasOverall)
    }
}

@Suite struct InlineRiskOfBiasTests {
    func load(_ yaml: String) -> ReviewLoader.Result {
        ReviewLoader().load(yaml: yaml, file: "review.yaml", directory: FileManager.default.temporaryDirectory)
    }

    @Test func inlineJudgementsUseTheSameMapping() throws {
        let result = load("""
            title: T
            risk_of_bias:
              tool: ROBINS-I
              studies:
                - {study: A, judgements: [Low, Moderate, Serious, Critical, No information, "", Low], overall: Critical}
            """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let study = try #require(result.review?.riskOfBias?.studies.first)
        #expect(study.judgements == [.low, .moderate, .high, .critical, .noInformation, nil, .low])
        #expect(study.overall == .critical)
    }

    @Test func aGenericToolWithADataFileTakesItsDomainsFromTheHeader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rob-generic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Study,Selection,Blinding,Overall\nA,Low,Unclear,Some concerns\n".write(to: folder.appendingPathComponent("rob.csv"), atomically: true, encoding: .utf8)
        let result = ReviewLoader().load(yaml: "title: T\nrisk_of_bias:\n  tool: generic\n  data: rob.csv\n", file: "review.yaml", directory: folder)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let rob = try #require(result.review?.riskOfBias)
        #expect(rob.tool.domains.map(\.name) == ["Selection", "Blinding"])
        #expect(rob.studies[0].judgements == [.low, .moderate] && rob.studies[0].overall == .moderate)
        // Without a data file the generic tool still needs its domains.
        let inline = load("title: T\nrisk_of_bias:\n  tool: generic\n  studies: []\n")
        #expect(inline.diagnostics.map(\.message).contains("the generic tool needs 'domains': the list of domain names"))
    }

    @Test func inlineProblemsAreReportedAtTheirPlace() {
        let result = load("""
            title: T
            risk_of_bias:
              tool: ROB2
              studies:
                - {study: A, judgements: [Low, Low, "?", Low, Low]}
                - {study: a, judgements: [Low, Low, Low, Low]}
            """)
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains("'?' is not a ROB2 judgement (domain D3)"))
        #expect(messages.contains("the study 'a' is assessed twice"))
        #expect(messages.contains("ROB2 has 5 domains but 'a' has 4 judgements"))
    }
}

/// The examples' risk-of-bias files agree with the papers they were rebuilt from.
@Suite struct RiskOfBiasExampleTests {
    func assessment(_ example: String) throws -> RiskOfBiasAssessment {
        let result = ReviewLoader().load(Paths.examples.appendingPathComponent("\(example)/review.yaml"))
        return try #require(result.review?.riskOfBias, "\(result.diagnostics)")
    }

    /// Randomized-trials review, Figure 2: 18 trials, all low risk except incomplete outcome data
    /// (attrition) in four trials (refs 26, 32, 33, 36).
    @Test func ketamineNeuropathicPainMatchesFigure2() throws {
        let rob = try assessment("ketamine-neuropathic-pain")
        #expect(rob.tool.id == "ROB1")
        #expect(rob.studies.count == 18)
        let high = rob.studies.filter { $0.judgements.contains(.high) }
        #expect(high.map(\.study) == ["Fallon, 2018", "Lynch, 2005", "Rigo, 2017", "Schwartzman, 2009"])
        #expect(high.allSatisfy { $0.judgements == [.low, .low, .low, .low, .high, .low, .low] })
        #expect(rob.studies.filter { !$0.judgements.contains(.high) }.allSatisfy { $0.judgements.allSatisfy { $0 == .low } })
    }

    /// 2024 review, section 3.4: the share of the six trials at each judgement, domain by domain.
    @Test func ketamine2024MatchesSection3_4() throws {
        let rob = try assessment("ketamine-neuropathic-pain-2024")
        #expect(rob.studies.map(\.study) == ["Joseph, 2012", "Kang, 2020", "Peyton, 2017", "Remérand, 2009", "Loftus, 2010", "Lee, 2017"])
        func counts(_ domain: Int) -> [Judgement?: Int] {
            rob.studies.reduce(into: [:]) { $0[$1.judgements[domain], default: 0] += 1 }
        }
        #expect(counts(0) == [.low: 6])                          // 100% low
        #expect(counts(1) == [.low: 4, .moderate: 2])            // 66.66% low, 33.33% unclear
        #expect(counts(2) == [.low: 3, .high: 2, .moderate: 1])  // 50% low, 33.33% high, 16.66% unclear
        #expect(counts(3) == [.low: 4, .moderate: 1, .high: 1])  // 66.66% low, 16.66% unclear, 16.66% high
        #expect(counts(4) == [.low: 5, .moderate: 1])            // 83% low, 16.66% unclear
        #expect(counts(5) == [.low: 2, .high: 4])                // 33.33% low, 66.66% high
        #expect(counts(6) == [nil: 6])                           // other bias: not reported
        #expect(!rob.hasOverall)
    }
}
