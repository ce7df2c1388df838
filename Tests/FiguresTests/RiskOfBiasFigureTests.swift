import Foundation
import Graphics
import MetaAnalysis
import ReviewKit
import Testing
@testable import Figures

/// Risk-of-bias inputs made in code: robvis-layout CSV text for any tool and number of studies.
enum RiskOfBiasFixture {
    static let tools: [RiskOfBiasTool] = RiskOfBiasTool.builtIn + [.generic(domains: ["Selection of participants", "Blinding", "Attrition"])]

    /// The words a reviewer would write for each judgement, cycled over studies and domains so
    /// every level, No information and blank (not applicable) appear.
    static func words(_ tool: RiskOfBiasTool) -> [String] {
        tool.levels.map(\.name) + ["No information", ""]
    }

    /// Study, the domains, Overall and Weight, as robvis lays them out; every seventh label is long.
    static func csv(_ tool: RiskOfBiasTool, studies: Int) -> String {
        let words = words(tool)
        // Headers that name no domain, so the columns are matched by position as robvis does.
        var lines = ["Study," + tool.domains.indices.map { "Domain \($0 + 1)" }.joined(separator: ",") + ",Overall,Weight"]
        for i in 0..<studies {
            let label = i % 7 == 3 ? "A very long study label that has to wrap onto more lines \(i + 1), \(2000 + i % 24) (multicentre)" : "Study \(i + 1)"
            let cells = tool.domains.indices.map { words[(i + $0) % words.count] }
            let overall = tool.levels.map(\.name)[i % tool.levels.count]
            lines.append("\"\(label)\"," + cells.joined(separator: ",") + ",\(overall),\(1 + i % 5)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func review(_ tool: RiskOfBiasTool, studies: Int) throws -> Review {
        let rows = try RiskOfBiasTable.read(csv: Data(csv(tool, studies: studies).utf8), file: "rob.csv", tool: tool).get()
        return Review(title: "Test", riskOfBias: RiskOfBiasAssessment(tool: tool, studies: rows, location: .init(file: "rob.csv")))
    }

    static func options(_ module: any FigureModule, _ values: [String: String] = [:]) -> FigureOptions {
        let written = values.map { FigureOption(name: $0.key, value: .text($0.value), location: ReviewKit.SourceLocation(file: "t")) }
        let resolved = FigureOptions.resolve(written, specs: module.options, figure: module.id)
        #expect(resolved.diagnostics.isEmpty)
        return resolved.options
    }

    /// The symbol each judgement must carry, written out rather than computed.
    static func expectedSymbol(_ judgement: Judgement?, tool: RiskOfBiasTool) -> String {
        switch judgement {
        case .low: return "+"
        case .moderate: return ["ROB1", "QUADAS-2"].contains(tool.id) ? "?" : "\u{2212}"
        case .high: return "\u{00D7}"
        case .critical: return "!"
        case .noInformation: return "?"
        case nil: return ""
        }
    }

    static func circles(_ scene: Scene) -> [(center: Point, radius: Double, fill: Color?)] {
        scene.flattened.compactMap { if case .circle(let c, let r, let f, _) = $0 { return (c, r, f) } else { return nil } }
    }
}

@Suite struct TrafficLightPlotTests {
    let module = TrafficLightPlot()

    static let cases: [(String, Int)] = RiskOfBiasFixture.tools.flatMap { tool in [1, 20, 200].map { (tool.id, $0) } }

    @Test(arguments: cases)
    func everyTemplateDrawsOneCorrectCirclePerStudyAndDomain(toolID: String, studies: Int) throws {
        let tool = try #require(RiskOfBiasFixture.tools.first { $0.id == toolID })
        let review = try RiskOfBiasFixture.review(tool, studies: studies)
        let assessment = try #require(review.riskOfBias)
        let layout = try module.trafficLightLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module), style: Fixture.style)
        Fixture.expectClean(layout.scene)

        #expect(layout.columns == tool.domains.map(\.short) + ["Overall"])
        #expect(layout.cells.count == studies * (tool.domains.count + 1))
        let colours = Fixture.style.theme.riskOfBias
        let circles = RiskOfBiasFixture.circles(layout.scene)
        let texts = layout.scene.texts
        for (i, study) in assessment.studies.enumerated() {
            let row = layout.cells[(i * layout.columns.count)..<((i + 1) * layout.columns.count)]
            let values = study.judgements + [study.overall]
            for (cell, judgement) in zip(row, values) {
                #expect(cell.study == study.study)
                #expect(cell.judgement == judgement)
                #expect(cell.fill == Color(hex: colours.color(for: judgement)))
                #expect(cell.symbol == RiskOfBiasFixture.expectedSymbol(judgement, tool: tool))
                // The scene holds that circle, filled so, with its symbol centred on it.
                let drawn = circles.filter { $0.center == cell.center }
                #expect(drawn.count == 1 && drawn.first?.fill == cell.fill && drawn.first?.radius == cell.radius)
                if judgement != nil {
                    #expect(texts.contains { $0.string == cell.symbol && abs($0.origin.x - cell.center.x) < 1e-9
                        && abs($0.frame.midY - cell.center.y) < cell.radius * 0.6 })
                }
            }
        }
        // Circles line up: one x per column, one y per study row, rows in the file's order.
        for column in layout.columns {
            #expect(Set(layout.cells.filter { $0.column == column }.map(\.center.x)).count == 1)
        }
        let rowYs = assessment.studies.map { study in layout.cells.first { $0.study == study.study }!.center.y }
        #expect(rowYs == rowYs.sorted())
        // Labels are horizontal and the keys name every domain and the scale.
        #expect(texts.allSatisfy { $0.rotation == 0 })
        for domain in tool.domains {
            #expect(texts.contains { $0.string == "\(domain.short):" })
        }
        for level in tool.levels { #expect(texts.contains { $0.string == level.name }) }
        let used = Set(assessment.studies.flatMap { $0.judgements + [$0.overall] })
        #expect(texts.contains { $0.string == "No information" } == used.contains(.noInformation))
        #expect(texts.contains { $0.string == "Not applicable" } == used.contains(nil))
    }

    @Test func longLabelsWrapAndTheFigureGrowsWithTheStudies() throws {
        let small = try module.trafficLightLayout(FigureInput(review: RiskOfBiasFixture.review(.rob2, studies: 5)),
                                                  options: RiskOfBiasFixture.options(module), style: Fixture.style)
        let large = try module.trafficLightLayout(FigureInput(review: RiskOfBiasFixture.review(.rob2, studies: 50)),
                                                  options: RiskOfBiasFixture.options(module), style: Fixture.style)
        // 45 more rows, each at least a circle high: the figure grows instead of shrinking its rows.
        let circle = try #require(small.cells.first).radius * 2
        #expect(large.scene.size.height - small.scene.size.height >= 45 * circle)
        #expect(small.scene.texts.contains { $0.string.hasPrefix("A very long study label") })
        #expect(!small.scene.texts.contains { $0.string.hasPrefix("A very long study label") && $0.string.hasSuffix("(multicentre)") })
    }

    @Test func quadasGroupsItsRiskOfBiasAndApplicabilityColumns() throws {
        let layout = try module.trafficLightLayout(FigureInput(review: RiskOfBiasFixture.review(.quadas2, studies: 4)),
                                                   options: RiskOfBiasFixture.options(module), style: Fixture.style)
        let texts = layout.scene.texts
        // The heading wraps between words, never inside one.
        let gridTop = try #require(layout.cells.first).center.y
        let applicability = texts.filter { ($0.string.contains("Applicability") || $0.string == "concerns") && $0.frame.maxY < gridTop }
        #expect(applicability.map(\.string).joined(separator: " ") == "Applicability concerns")
        let a1 = try #require(layout.cells.first { $0.column == "A1" }), a3 = try #require(layout.cells.first { $0.column == "A3" })
        #expect(applicability.allSatisfy { $0.frame.minX >= a1.center.x - 20 && $0.frame.maxX <= a3.center.x + 20 })
        #expect(texts.contains { $0.string == "Risk of bias" && $0.frame.maxY < gridTop })
        Fixture.expectClean(layout.scene)
    }

    @Test func overallColumnFollowsTheDataUnlessAsked() throws {
        let csv = "Study,D1,D2,D3,D4,D5\nA,Low,Low,High,Low,Low\n"
        let rows = try RiskOfBiasTable.read(csv: Data(csv.utf8), file: "r.csv", tool: .rob2).get()
        let review = Review(title: "T", riskOfBias: RiskOfBiasAssessment(tool: .rob2, studies: rows, location: .init(file: "r.csv")))
        let without = try module.trafficLightLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module), style: Fixture.style)
        #expect(without.columns == ["D1", "D2", "D3", "D4", "D5"])
        let forced = try module.trafficLightLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module, ["overall": "true"]),
                                                   style: Fixture.style)
        #expect(forced.columns.last == "Overall")
        #expect(forced.cells.last?.judgement == nil)
    }

    @Test func widthOptionFitsAColumnOrSaysHowWideItMustBe() throws {
        let review = try RiskOfBiasFixture.review(.robinsE, studies: 12)
        let single = try module.trafficLightLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module, ["width": "single"]),
                                                   style: Fixture.style)
        #expect(abs(single.scene.size.width - 84 / 25.4 * 72) < 0.01)
        Fixture.expectClean(single.scene)
        #expect(throws: FigureError.self) {
            try module.trafficLightLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module, ["width": "30"]), style: Fixture.style)
        }
    }

    @Test func aReviewWithoutJudgementsIsUnsuitable() {
        #expect(module.unsuitability(for: FigureInput(review: Review(title: "T"))) != nil)
    }
}

@Suite struct RiskOfBiasSummaryPlotTests {
    let module = RiskOfBiasSummaryPlot()

    @Test(arguments: TrafficLightPlotTests.cases)
    func everyTemplateDrawsBarsThatAddUpTo100Percent(toolID: String, studies: Int) throws {
        let tool = try #require(RiskOfBiasFixture.tools.first { $0.id == toolID })
        let review = try RiskOfBiasFixture.review(tool, studies: studies)
        let assessment = try #require(review.riskOfBias)
        for weighted in [false, true] {
            let layout = try module.summaryLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module, ["weighted": "\(weighted)"]),
                                                  style: Fixture.style)
            Fixture.expectClean(layout.scene)
            #expect(layout.bars.map(\.caption) == tool.domains.map(\.short) + ["Overall"])
            let weights = weighted ? assessment.studies.map { $0.weight ?? 0 } : Array(repeating: 1.0, count: studies)
            for (index, bar) in layout.bars.enumerated() {
                let values = index < tool.domains.count ? assessment.studies.map { $0.judgements[index] } : assessment.studies.map(\.overall)
                #expect(abs(bar.segments.map(\.percent).reduce(0, +) - 100) < 1e-9, "\(bar.caption)")
                #expect(bar.segments.map(\.count).reduce(0, +) == studies)
                #expect(abs(bar.segments.map(\.rect.width).reduce(0, +) - bar.rect.width) < 1e-6)
                for segment in bar.segments {
                    let expected = zip(values, weights).filter { $0.0 == segment.judgement }.map(\.1).reduce(0, +) / weights.reduce(0, +)
                    #expect(abs(segment.share - expected) < 1e-12)
                    #expect(segment.count == values.filter { $0 == segment.judgement }.count)
                    #expect(segment.percentText == "\(Int((segment.percent).rounded()))%" || ["<1%", ">99%"].contains(segment.percentText))
                    if let label = segment.label {
                        #expect(label.string == segment.percentText)
                        #expect(segment.rect.contains(label.frame))
                    }
                }
                // Parts run from low risk to not applicable, left to right, without gaps.
                let order: [Judgement?] = [.low, .moderate, .high, .critical, .noInformation, nil]
                let positions = bar.segments.map { s in order.firstIndex { $0 == s.judgement }! }
                #expect(positions == positions.sorted())
                for (a, b) in zip(bar.segments, bar.segments.dropFirst()) { #expect(abs(a.rect.maxX - b.rect.minX) < 1e-9) }
            }
            #expect(layout.scene.texts.allSatisfy { $0.rotation == 0 })
        }
    }

    @Test func percentagesAreRoundedEachOnItsOwn() {
        #expect(RiskOfBiasSummaryLayout.percentText(4.0 / 6) == "67%")
        #expect(RiskOfBiasSummaryLayout.percentText(1.0 / 6) == "17%")
        #expect(RiskOfBiasSummaryLayout.percentText(0.004) == "<1%")
        #expect(RiskOfBiasSummaryLayout.percentText(1) == "100%")
        #expect(RiskOfBiasSummaryLayout.percentText(0) == "0%")
        // Never 100% (or 0%) beside a part that is there: 199 of 200 is not all.
        #expect(RiskOfBiasSummaryLayout.percentText(199.0 / 200) == ">99%")
        #expect(RiskOfBiasSummaryLayout.percentText(0.994) == "99%")
        #expect(RiskOfBiasSummaryLayout.percentText(1.0 / 200) == "1%")
        #expect(RiskOfBiasSummaryLayout.percentText(1.0 / 300) == "<1%")
        #expect(RiskOfBiasSummaryLayout.percentText(299.0 / 300) == ">99%")
    }

    @Test func aSliverBesideAlmostAllIsNotPrintedAs100Percent() throws {
        let studies = (0..<200).map { i in
            RiskOfBiasStudy(study: "Study \(i + 1)", judgements: Array(repeating: i == 0 ? .high : .low, count: 5),
                            overall: i == 0 ? .high : .low, location: .init(file: "r"))
        }
        let review = Review(title: "T", riskOfBias: RiskOfBiasAssessment(tool: .rob2, studies: studies, location: .init(file: "r")))
        let layout = try module.summaryLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module), style: Fixture.style)
        for bar in layout.bars {
            #expect(bar.segments.map(\.percentText) == [">99%", "1%"])
            #expect(!layout.scene.texts.contains { $0.string == "100%" && bar.rect.contains($0.frame) })
        }
        #expect(layout.scene.description.contains(">99% low"))
        Fixture.expectClean(layout.scene)
    }

    @Test func weightsComeFromTheWeightColumn() throws {
        let csv = "Study,D1,D2,D3,D4,D5,Overall,Weight\nA,Low,Low,Low,Low,Low,Low,1\nB,Low,Low,Low,Low,Low,Low,1\nC,High,Low,Low,Low,Low,High,2\n"
        let rows = try RiskOfBiasTable.read(csv: Data(csv.utf8), file: "r.csv", tool: .rob2).get()
        let review = Review(title: "T", riskOfBias: RiskOfBiasAssessment(tool: .rob2, studies: rows, location: .init(file: "r.csv")))
        let plain = try module.summaryLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module), style: Fixture.style)
        #expect(plain.bars[0].segments.map(\.percentText) == ["67%", "33%"])
        let weighted = try module.summaryLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module, ["weighted": "true"]),
                                                style: Fixture.style)
        #expect(weighted.bars[0].segments.map(\.percentText) == ["50%", "50%"])
        #expect(weighted.scene.texts.contains { $0.string.hasPrefix("Weighted by the studies' weights") })
    }

    @Test func weightsComeFromTheNamedAnalysisWhenItsOutcomeIsGiven() throws {
        let analysis = Fixture.binary(count: 3)
        let outcome = try analysis.run()
        let result = try #require(outcome.result)
        // Labels written differently from the analysis's: they are matched ignoring case and punctuation.
        let rob = RiskOfBiasAssessment(tool: .rob2, studies: [
            RiskOfBiasStudy(study: "study 1", judgements: [.low, .low, .low, .low, .low], location: .init(file: "r")),
            RiskOfBiasStudy(study: "Study-2", judgements: [.high, .low, .low, .low, .low], location: .init(file: "r")),
            RiskOfBiasStudy(study: "Study 3", judgements: [.high, .low, .low, .low, .low], location: .init(file: "r")),
            RiskOfBiasStudy(study: "Study 4", judgements: [.high, .low, .low, .low, .low], location: .init(file: "r")),
        ], analysisID: analysis.id, location: .init(file: "r"))
        let review = Review(title: "T", analyses: [analysis], riskOfBias: rob)
        let layout = try module.summaryLayout(FigureInput(review: review, outcome: outcome),
                                              options: RiskOfBiasFixture.options(module, ["weighted": "true"]), style: Fixture.style)
        let weights = result.studies.map(\.weight)
        let low = try #require(layout.bars[0].segments.first { $0.judgement == .low })
        #expect(abs(low.share - weights[0] / weights.reduce(0, +)) < 1e-12)
        #expect(layout.scene.texts.contains { $0.string.contains("(3 of 4 studies)") })
        // Without the outcome and without a weight column there is nothing to weight by.
        #expect(throws: FigureError.self) {
            try module.summaryLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module, ["weighted": "true"]), style: Fixture.style)
        }
    }

    @Test func missingWeightsAreAnError() throws {
        let review = try RiskOfBiasFixture.review(.rob2, studies: 3)
        var rob = try #require(review.riskOfBias)
        rob.studies[1].weight = nil
        let broken = Review(title: "T", riskOfBias: rob)
        let error = try #require(throws: FigureError.self) {
            try module.summaryLayout(FigureInput(review: broken), options: RiskOfBiasFixture.options(module, ["weighted": "true"]), style: Fixture.style)
        }
        #expect(error.message.contains("missing for Study 2"))
    }
}

@Suite struct JudgementMarksTests {
    @Test func robvisSchemesAreRobvisColours() {
        let theme = Fixture.style.theme
        let cochrane = RiskOfBiasScheme.cochrane.colours(theme: theme)
        #expect([cochrane.low, cochrane.moderate, cochrane.high, cochrane.critical, cochrane.noInformation].map { $0.uppercased() }
                == ["#02C100", "#E2DF07", "#BF0000", "#820000", "#4EA1F7"])
        let colourblind = RiskOfBiasScheme.colourblind.colours(theme: ThemeLibrary.named("grayscale") ?? theme)
        #expect([colourblind.low, colourblind.moderate, colourblind.high, colourblind.critical, colourblind.noInformation].map { $0.uppercased() }
                == ["#FED98E", "#FE9929", "#D95F0E", "#993404", "#FFFFFF"])
        #expect(RiskOfBiasScheme.named("colorblind") == .colourblind)
        #expect(RiskOfBiasScheme.named(nil) == .theme)
    }

    @Test func symbolsStayLegibleOnEveryFill() {
        let marks = JudgementMarks(tool: .rob2, colours: RiskOfBiasScheme.colourblind.colours(theme: Fixture.style.theme))
        #expect(marks.symbolColor(for: .noInformation) == .black) // white fill
        #expect(marks.symbolColor(for: .critical) == .white)
        let cochrane = JudgementMarks(tool: .rob2, colours: RiskOfBiasScheme.cochrane.colours(theme: Fixture.style.theme))
        #expect(cochrane.symbolColor(for: .low) == .black && cochrane.symbolColor(for: .high) == .white)
    }

    @Test func theColoursOptionChangesTheFills() throws {
        let module = TrafficLightPlot()
        let review = try RiskOfBiasFixture.review(.robinsI, studies: 6)
        let layout = try module.trafficLightLayout(FigureInput(review: review), options: RiskOfBiasFixture.options(module, ["colours": "colourblind"]),
                                                   style: Fixture.style)
        let critical = try #require(layout.cells.first { $0.judgement == .critical })
        #expect(critical.fill == Color(hex: "#993404"))
    }

    @Test func theForestPlotDrawsTheSameMarks() throws {
        let analysis = Fixture.binary(count: 2)
        let rob = RiskOfBiasAssessment(tool: .robinsI, studies: [
            RiskOfBiasStudy(study: "Study 1", judgements: [.low, .moderate, .high, .critical, .noInformation, nil, .low], overall: .critical,
                            location: .init(file: "r")),
        ], location: .init(file: "r"))
        let review = Review(title: "T", analyses: [analysis], riskOfBias: rob)
        let scene = try ForestPlot().layout(try Fixture.input(analysis, review: review), options: .defaults(ForestPlot().options), style: Fixture.style)
        let marks = JudgementMarks(tool: .robinsI, style: Fixture.style)
        let fills = Set(RiskOfBiasFixture.circles(scene).compactMap(\.fill))
        for judgement in [Judgement.low, .moderate, .high, .critical, .noInformation] {
            #expect(fills.contains(marks.fill(for: judgement)))
            #expect(scene.texts.contains { $0.string == marks.symbol(for: judgement) && $0.color == marks.symbolColor(for: judgement) })
        }
    }
}
