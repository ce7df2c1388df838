import Foundation
import Graphics
import MetaAnalysis
import ReviewKit
import Testing
@testable import Figures

@Suite struct ForestPlotTests {
    let forest = ForestPlot()

    func layout(_ analysis: Analysis, options: [String: String] = [:], review: Review? = nil) throws -> ForestLayout {
        let input = try Fixture.input(analysis, review: review)
        let written = options.map { FigureOption(name: $0.key, value: .text($0.value), location: ReviewKit.SourceLocation(file: "t")) }
        let resolved = FigureOptions.resolve(written, specs: forest.options, figure: "forest")
        #expect(resolved.diagnostics.isEmpty)
        return try forest.forestLayout(input, options: resolved.options, style: Fixture.style)
    }

    @Test(arguments: [1, 2, 13, 48, 300])
    func layoutIsCleanAtAnySize(count: Int) throws {
        let result = try layout(Fixture.binary(count: count))
        Fixture.expectClean(result.scene)
        #expect(result.rows.filter { $0.kind == .study }.count == count)
    }

    @Test func rowsCarryTheEngineNumbers() throws {
        let analysis = try Fixture.referenceAnalysis("bcg", measure: .RR, method: .REML)
        let outcome = try analysis.run()
        let layout = try forest.forestLayout(FigureInput(review: Review(title: "BCG"), outcome: outcome),
                                             options: .defaults(forest.options), style: Fixture.style)
        let result = try #require(outcome.result)
        let studyRows = layout.rows.filter { $0.kind == .study }
        #expect(studyRows.map(\.label) == result.studies.map(\.label))
        let wording = Fixture.style.wording
        for (row, study) in zip(studyRows, result.studies) {
            let texts = row.cells.map(\.string)
            #expect(texts.contains(wording.weight(study.weight)))
            let yi = try #require(study.yi), lower = try #require(study.ciLower), upper = try #require(study.ciUpper)
            #expect(texts.contains(wording.estimate(exp(yi), exp(lower), exp(upper))))
            // The square sits at the estimate.
            let marker = try #require(row.marker)
            #expect(abs(marker.center.x - layout.axis.x(yi)) < 1e-9)
        }
        let total = try #require(layout.rows.first { $0.kind == .pooled })
        #expect(total.cells.map(\.string).contains(wording.estimate(exp(result.pooled.yi), exp(result.pooled.ciLower), exp(result.pooled.ciUpper))))
        #expect(layout.scene.texts.contains { $0.string == wording.heterogeneity(result.heterogeneity, random: true) })
        Fixture.expectClean(layout.scene)
    }

    @Test func footerWrapsOnlyBetweenStatements() throws {
        // 37 studies of passive smoking: the heterogeneity line is wider than the space left of the axis.
        let analysis = try Fixture.referenceAnalysis("passive-smoking", measure: .GEN, method: .DL)
        let layout = try layout(analysis)
        let note = try #require(layout.rows.first { $0.kind == .note && $0.label.hasPrefix("Heterogeneity:") })
        let lines = note.cells.map(\.string)
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == note.label)
        #expect(lines.contains { $0.contains("I² = 24%") })
        #expect(lines.contains { $0.contains("Chi² = 47.50, df = 36 (P = 0.10)") })
        for line in lines {
            #expect(!line.hasSuffix("=") && !line.hasSuffix("I²") && !line.hasPrefix("="), "'\(line)'")
        }
        Fixture.expectClean(layout.scene)
    }

    @Test func statisticsAreUnbreakableUnits() {
        #expect(StatementUnits.units("Heterogeneity: Tau² = 0.31; Chi² = 152.23, df = 12 (P < 0.00001); I² = 92%")
                == ["Heterogeneity:", "Tau² = 0.31;", "Chi² = 152.23, df = 12 (P < 0.00001);", "I² = 92%"])
        #expect(StatementUnits.units("Test for overall effect: Z = 4.00 (P < 0.0001)")
                == ["Test", "for", "overall", "effect:", "Z = 4.00 (P < 0.0001)"])
        #expect(StatementUnits.units("Test for subgroup differences: Chi² = 1.86, df = 2 (P = 0.39), I² = 0%").suffix(2)
                == ["Chi² = 1.86, df = 2 (P = 0.39),", "I² = 0%"])
        #expect(StatementUnits.units("Test for overall effect: t = 2.10, df = 12 (P = 0.06)").last == "t = 2.10, df = 12 (P = 0.06)")
        #expect(StatementUnits.units("Test of the moderator: QM = 3.20, df = 1, P = 0.07; k = 13").suffix(2)
                == ["QM = 3.20, df = 1, P = 0.07;", "k = 13"])
        #expect(StatementUnits.units("log RR = 0.29 - 0.0292 × latitude").last == "RR = 0.29 - 0.0292 × latitude")
    }

    @Test func oneStudyHasHeterogeneityNotApplicable() throws {
        let single = try layout(Fixture.binary(count: 1)).scene.texts.map(\.string)
        #expect(single.contains("Heterogeneity: Not applicable"))
        #expect(!single.contains { $0.contains("Chi²") || $0.contains("Tau²") || $0.contains("I² =") })
        #expect(single.contains { $0.hasPrefix("Test for overall effect: Z = ") })
        // Subgroups of one study say the same; the subgroup of two and the total keep their statistics.
        let grouped = try layout(Fixture.binary(count: 5, subgroups: 4))
        let notes = grouped.rows.filter { $0.kind == .note }.map(\.label).filter { $0.hasPrefix("Heterogeneity") }
        #expect(notes.filter { $0 == "Heterogeneity: Not applicable" }.count == 3)
        #expect(notes.filter { $0.hasPrefix("Heterogeneity: Tau² = ") }.count == 2)
        Fixture.expectClean(grouped.scene)
    }

    @Test(arguments: ThemeLibrary.names)
    func estimatesAreSpacedEvenlyInEveryTheme(theme: String) throws {
        // Bold digits are wider than regular ones in some fonts (DejaVu Sans in colourblind): study
        // rows must not inherit the bold total's column widths ("0.41  [0.13,  1.26]").
        let style = FigureStyle(theme: try #require(ThemeLibrary.named(theme)))
        let analysis = try Fixture.referenceAnalysis("bcg", measure: .RR, method: .DL)
        let layout = try forest.forestLayout(try Fixture.input(analysis), options: .defaults(forest.options), style: style)
        for row in layout.rows where row.kind == .study || row.kind == .pooled {
            let estimate = try #require(row.cells.first { $0.runs != nil })
            let runs = try #require(estimate.runs)
            // Each piece ends where it is anchored; the next one's leading space is the only gap.
            let ends = runs.map(\.x)
            let starts = runs.map { $0.x - style.width($0.string.trimmingCharacters(in: .whitespaces), estimate.font) }
            let space = style.width(" ", estimate.font)
            let gaps = zip(ends, starts.dropFirst()).map { $1 - $0 }
            #expect(gaps.count == 2 && gaps.allSatisfy { abs($0 - space) < 0.01 }, "\(theme) \(row.label): \(gaps) vs \(space)")
            #expect(runs.map(\.string).joined() == estimate.string)
        }
    }

    @Test func axisLimitsThatCannotBeDrawnAreErrors() throws {
        let ratio = try Fixture.input(Fixture.binary(count: 5))
        let difference = try Fixture.input(Fixture.analysis((0..<5).map { Study(label: "S\($0)", data: .generic(yi: Double($0) * 0.1, vi: 0.02)) },
                                                            measure: .GEN, method: .DL))
        func options(_ module: any FigureModule, _ xlim: String) -> FigureOptions {
            DiagnosticFixtures.options(["xlim": xlim], for: module)
        }
        for module in [ForestPlot(), LeaveOneOutPlot(), FunnelPlot()] as [any FigureModule] {
            // A log axis cannot start at 0 or below: an error naming the option, not automatic limits.
            for xlim in ["0,10", "-1,2"] {
                #expect {
                    _ = try module.layout(ratio, options: options(module, xlim), style: Fixture.style)
                } throws: { error in
                    guard let error = error as? FigureError else { return false }
                    return error.option == "xlim" && error.message.contains("greater than 0")
                }
            }
            _ = try module.layout(ratio, options: options(module, "0.1,10"), style: Fixture.style)
            // A linear axis takes limits at or below 0.
            _ = try module.layout(difference, options: options(module, "-1,2"), style: Fixture.style)
        }
    }

    @Test func sortingByYearWithoutYearsIsAnError() throws {
        // The asthma data has no year column: sorting by year would silently keep the order given.
        let asthma = try Fixture.input(try Fixture.referenceAnalysis("asthma", measure: .MD, method: .DL))
        #expect {
            _ = try forest.layout(asthma, options: DiagnosticFixtures.options(["sort": "year"], for: forest), style: Fixture.style)
        } throws: { error in
            guard let error = error as? FigureError else { return false }
            return error.option == "sort" && error.message.contains("no 'year' column")
                && error.message.contains("study, exp_mean, exp_sd, exp_total, ctrl_mean, ctrl_sd, ctrl_total")
        }
        // With a year column it sorts.
        let bcg = try Fixture.input(try Fixture.referenceAnalysis("bcg", measure: .RR, method: .DL))
        let sorted = try forest.forestLayout(bcg, options: DiagnosticFixtures.options(["sort": "year"], for: forest), style: Fixture.style)
        #expect(sorted.rows.first { $0.kind == .study }?.label == "Aronson, 1948")
    }

    @Test func squaresGrowWithWeight() throws {
        let layout = try layout(Fixture.binary(count: 13))
        let markers = layout.rows.compactMap(\.marker)
        let outcome = try Fixture.binary(count: 13).run()
        let weights = try #require(outcome.result).studies.map(\.weight)
        let pairs = zip(weights, markers.map(\.side)).sorted { $0.0 < $1.0 }
        for (a, b) in zip(pairs, pairs.dropFirst()) { #expect(a.1 <= b.1 + 1e-9) }
    }

    @Test func longLabelsWrapInsteadOfBeingCut() throws {
        let long = String(repeating: "Very long study label ", count: 4).prefix(80)
        let analysis = Fixture.binary(count: 5) { "\(long) \($0)" }
        let layout = try layout(analysis)
        Fixture.expectClean(layout.scene)
        let first = try #require(layout.rows.first { $0.kind == .study })
        let labelLines = first.cells.filter { $0.origin.x == first.cells[0].origin.x && $0.anchor == .start }
        #expect(labelLines.count > 1)
        #expect(labelLines.map(\.string).joined(separator: " ") == "\(long) 0")
    }

    @Test func subgroupsHaveHeadingsSubtotalsAndTheTestForDifferences() throws {
        let layout = try layout(Fixture.binary(count: 12, subgroups: 3))
        #expect(layout.rows.filter { $0.kind == .groupTitle }.map(\.label) == ["Group 1", "Group 2", "Group 3"])
        #expect(layout.rows.filter { $0.kind == .pooled }.count == 4)
        #expect(layout.scene.texts.contains { $0.string.hasPrefix("Test for subgroup differences: Chi²") })
        Fixture.expectClean(layout.scene)
    }

    @Test func intervalsBeyondTheAxisGetArrows() throws {
        var studies = (0..<5).map { i in
            Study(label: "S\(i)", data: .generic(yi: Double(i) * 0.05, vi: 0.01))
        }
        studies.append(Study(label: "Far", data: .generic(yi: 0.1, vi: 400)))
        let analysis = Fixture.analysis(studies, measure: .GEN, method: .IV)
        let layout = try layout(analysis, options: ["xlim": "[-1, 1]"])
        let far = try #require(layout.rows.first { $0.label == "Far" })
        let arrows = layout.scene.flattened.filter {
            if case .polygon(let points, _, _) = $0, points.count == 3 { return points.allSatisfy { abs($0.y - (far.top + Fixture.style.lineHeight / 2)) < 3 } }
            return false
        }
        #expect(arrows.count == 2)
        Fixture.expectClean(layout.scene)
    }

    @Test func widthOptionFitsAJournalColumn() throws {
        let analysis = Fixture.binary(count: 10) { "An eighty-character study label that has to wrap to fit the figure width \($0)" }
        let layout = try layout(analysis, options: ["width": "double"])
        let requested = Fixture.style.theme.doubleColumnWidth / 25.4 * 72
        #expect(abs(layout.scene.size.width - requested) < requested * 0.05)
        Fixture.expectClean(layout.scene)
    }

    @Test(arguments: ["magnesium", "bcg", "passive-smoking"])
    func requestedWidthsAreMetExactlyWhenTheContentFits(dataset: String) throws {
        // Magnesium at double width was 503.47 pt for 493.23 (174 mm): the last tick label and an
        // uncounted half gap reached past the width the columns were fitted to.
        let measure: EffectMeasure = dataset == "passive-smoking" ? .GEN : .OR
        let input = try Fixture.input(try Fixture.referenceAnalysis(dataset, measure: measure, method: .DL))
        for module in [ForestPlot(), LeaveOneOutPlot(), CumulativePlot()] as [any FigureModule] {
            for (width, millimetres) in [("double", Fixture.style.theme.doubleColumnWidth), ("200", 200.0), ("300mm", 300.0)] {
                let scene = try module.layout(input, options: DiagnosticFixtures.options(["width": width], for: module), style: Fixture.style)
                #expect(abs(scene.size.width - millimetres / 25.4 * 72) < 0.01, "\(module.id) \(width): \(scene.size.width)")
                #expect(scene.warnings.isEmpty)
                Fixture.expectClean(scene)
            }
        }
    }

    @Test func aWidthTheContentCannotFitGrowsTheFigureAndSaysSo() throws {
        let input = try Fixture.input(try Fixture.referenceAnalysis("magnesium", measure: .OR, method: .DL))
        let scene = try forest.layout(input, options: DiagnosticFixtures.options(["width": "single"], for: forest), style: Fixture.style)
        let requested = Fixture.style.theme.singleColumnWidth / 25.4 * 72
        #expect(scene.size.width > requested)
        #expect(scene.warnings.count == 1)
        #expect(scene.warnings.first?.contains("wider than the \(Int(Fixture.style.theme.singleColumnWidth)) mm asked for") == true)
        Fixture.expectClean(scene)
        // Without a requested width there is nothing to warn about.
        #expect(try forest.layout(input, options: .defaults(forest.options), style: Fixture.style).warnings.isEmpty)
    }

    @Test func aNarrowColumnGetsTheCompactLayout() throws {
        let analysis = try Fixture.referenceAnalysis("bcg", measure: .RR, method: .REML, subgroup: "allocation")
        let single = try layout(analysis, options: ["width": "single"])
        let full = try layout(analysis)
        #expect(single.scene.size.width < full.scene.size.width)
        #expect(single.scene.texts.contains { $0.string == "Events/Total" })
        #expect(!full.scene.texts.contains { $0.string == "Events/Total" })
        // Asking for the full columns keeps them, and the figure grows rather than clips.
        let insisted = try layout(analysis, options: ["width": "single", "compact": "false"])
        #expect(!insisted.scene.texts.contains { $0.string == "Events/Total" })
        Fixture.expectClean(single.scene)
        Fixture.expectClean(insisted.scene)
    }

    @Test func notEstimableStudiesAreShownAsSuch() throws {
        let studies = [
            Study(label: "A", data: .binary(expEvents: 3, expTotal: 50, ctrlEvents: 6, ctrlTotal: 50)),
            Study(label: "B", data: .binary(expEvents: 0, expTotal: 50, ctrlEvents: 0, ctrlTotal: 50)),
            Study(label: "C", data: .binary(expEvents: 4, expTotal: 40, ctrlEvents: 9, ctrlTotal: 41)),
        ]
        let layout = try layout(Fixture.analysis(studies, measure: .OR, method: .MH))
        let b = try #require(layout.rows.first { $0.label == "B" })
        #expect(b.cells.map(\.string).contains("Not estimable"))
        #expect(b.marker == nil)
    }

    @Test func riskOfBiasColumnsAppearWithJudgements() throws {
        let analysis = Fixture.binary(count: 3)
        let rob = RiskOfBiasAssessment(tool: .rob2, studies: [
            RiskOfBiasStudy(study: "Study 1", judgements: [.low, .moderate, .high, .low, .low], overall: .high, weight: nil, location: .init(file: "r")),
            RiskOfBiasStudy(study: "study 2", judgements: [.low, .low, .low, .low, nil], overall: .low, weight: nil, location: .init(file: "r")),
        ], analysisID: nil, location: .init(file: "r"))
        let review = Review(title: "T", analyses: [analysis], riskOfBias: rob)
        let layout = try layout(analysis, review: review)
        let circles = layout.scene.flattened.filter { if case .circle = $0 { return true } else { return false } }
        // Two assessed studies × (5 domains + overall), then the legend's Low, Some concerns, High and
        // Not applicable (study 2's D5): no No information, which no study has.
        #expect(circles.count == 12 + 4)
        #expect(layout.scene.texts.contains { $0.string.hasPrefix("Risk of bias (RoB 2): D1 Bias arising") })
        let texts = layout.scene.texts.map(\.string)
        #expect(texts.contains("Not applicable") && !texts.contains("No information"))
        Fixture.expectClean(layout.scene)
    }

    @Test func riskOfBiasLegendListsEveryJudgementDrawn() throws {
        let analysis = Fixture.binary(count: 3)
        let rob = RiskOfBiasAssessment(tool: .rob2, studies: [
            RiskOfBiasStudy(study: "Study 1", judgements: [.low, .moderate, .noInformation, .low, .low], overall: .moderate, location: .init(file: "r")),
            RiskOfBiasStudy(study: "Study 2", judgements: [.high, .low, .low, .low, .low], overall: .high, location: .init(file: "r")),
        ], analysisID: nil, location: .init(file: "r"))
        let layout = try layout(analysis, review: Review(title: "T", analyses: [analysis], riskOfBias: rob))
        let texts = layout.scene.texts.map(\.string)
        // The blue "?" of No information is drawn, so the legend names it; nothing is not applicable.
        #expect(layout.scene.texts.contains { $0.string == "?" })
        for label in ["Low", "Some concerns", "High", "No information"] { #expect(texts.contains(label), "\(label)") }
        #expect(!texts.contains("Not applicable"))
        #expect(!texts.contains { $0.contains("blank") })
        Fixture.expectClean(layout.scene)
    }

    @Test func givenResultsAreDrawnAsGiven() throws {
        let given = GivenResults(model: .random, method: "M-H", studies: [], pooled: [
            GivenPooled(subgroup: "1 week", label: nil, estimate: -2.14, lower: -2.65, upper: -1.63, k: 5, participants: 182,
                        events: nil, heterogeneity: GivenHeterogeneity(tau2: nil, Q: nil, df: nil, p: nil, I2: 79), z: nil, t: nil,
                        p: .below(0.00001), location: .init(file: "g")),
        ], subgroupDifferences: GivenHeterogeneity(tau2: nil, Q: nil, df: nil, p: nil, I2: 45))
        var analysis = Fixture.analysis([], measure: .MD, method: .DL)
        analysis.content = .given(given)
        let outcome = try analysis.run()
        let layout = try forest.forestLayout(FigureInput(review: Review(title: "T"), outcome: outcome),
                                             options: .defaults(forest.options), style: Fixture.style)
        let texts = layout.scene.texts.map(\.string)
        #expect(texts.contains("-2.14 [-2.65, -1.63]"))
        #expect(texts.contains("Subtotal (5 studies, 182 participants; 95% CI)"))
        #expect(texts.contains("Heterogeneity: I² = 79%"))
        #expect(texts.contains("Test for overall effect: P < 0.00001"))
        #expect(texts.contains("Test for subgroup differences: I² = 45%"))
        Fixture.expectClean(layout.scene)
    }
}

@Suite struct FigureOutputTests {
    let input: FigureInput

    init() throws {
        var analysis = try Fixture.referenceAnalysis("bcg", measure: .RR, method: .DL, subgroup: "allocation")
        analysis.title = "BCG vaccine"
        input = try Fixture.input(analysis)
    }

    func render(_ format: ImageFormat) throws -> Data {
        return try FigureRenderer.render(ForestPlot(), input: input, options: .defaults(ForestPlot().options),
                                         style: Fixture.style, format: format)
    }

    @Test func svgKeepsTextAsText() throws {
        let svg = String(decoding: try render(.svg), as: UTF8.self)
        // The text of each <text> element, tags inside it (tspans) removed.
        let texts = svg.components(separatedBy: "<text").dropFirst().compactMap { element -> String? in
            guard let open = element.firstIndex(of: ">"), let close = element.range(of: "</text>") else { return nil }
            return element[element.index(after: open)..<close.lowerBound].replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
        for label in ["Aronson, 1948", "Comstock &amp; Webster, 1969", "Total (95% CI)", "0.49 [0.34, 0.70]", "0.41 [0.13, 1.26]"] {
            #expect(texts.contains(label), "no <text> reads \(label)")
        }
        #expect(svg.contains(">Forest plot: BCG vaccine</title>"))
        #expect(svg.contains("<desc"))
        #expect(try render(.svg) == render(.svg))
    }

    @Test func pdfTextExtracts() throws {
        let pdf = try render(.pdf)
        #expect(try render(.pdf) == pdf)
        let text = try Fixture.pdfText(pdf)
        #expect(text.contains("Aronson, 1948"))
        #expect(text.contains("Total (95% CI)"))
    }

    @Test func pngIsDeterministic() throws {
        let png = try render(.png(dpi: 150))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try render(.png(dpi: 150)) == png)
    }

    @Test(arguments: ["asthma", "bcg", "catheter", "magnesium", "magnesium-li", "passive-smoking", "stroke", "teacher-expectancy", "writing-to-learn"])
    func everyReferenceDatasetDrawsCleanly(name: String) throws {
        let measure: EffectMeasure = ["asthma", "stroke"].contains(name) ? .MD : (["passive-smoking", "teacher-expectancy", "writing-to-learn"].contains(name) ? .GEN : .OR)
        let analysis = try Fixture.referenceAnalysis(name, measure: measure, method: .REML)
        let scene = try ForestPlot().layout(try Fixture.input(analysis), options: .defaults(ForestPlot().options), style: Fixture.style)
        Fixture.expectClean(scene)
    }
}

@Suite struct FigureTitleTests {
    @Test func forestStyleFiguresNameWhatTheyAre() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let analysis = try #require(input.outcome?.analysis.title)
        let expected = ["forest": "Forest plot", "leave-one-out": "Leave-one-out plot",
                        "cumulative": "Cumulative meta-analysis", "funnel": "Funnel plot"]
        for (id, name) in expected {
            let module = try #require(FigureRegistry.module(id))
            let scene = try module.layout(input, options: .defaults(module.options), style: Fixture.style)
            #expect(scene.title == "\(name): \(analysis)")
        }
        // A title the user gives names the figure instead.
        let forest = ForestPlot()
        let written = [FigureOption(name: "title", value: .text("Figure 2"), location: ReviewKit.SourceLocation(file: "t"))]
        let options = FigureOptions.resolve(written, specs: forest.options, figure: "forest").options
        #expect(try forest.layout(input, options: options, style: Fixture.style).title == "Figure 2")
    }
}

@Suite struct FigureRegistryTests {
    @Test func everyModuleIsRegisteredOnceAndDocumented() {
        let ids = FigureRegistry.ids
        #expect(Set(ids).count == ids.count)
        #expect(ids.contains("forest"))
        for module in FigureRegistry.modules {
            #expect(!module.name.isEmpty && !module.summary.isEmpty && module.example.contains("metareport figure \(module.id)"))
            for option in module.options { #expect(!option.help.isEmpty, "\(module.id).\(option.name) has no help") }
        }
    }

    @Test func unknownFiguresAndOptionsAreReportedWithSuggestions() {
        let place = ReviewKit.SourceLocation(file: "review.yaml", line: 3, column: 7)
        let diagnostics = FigureRegistry.check([
            FigureRequest(id: "forrest", location: place),
            FigureRequest(id: "forest", options: [FigureOption(name: "srot", value: .text("weight"), location: place),
                                                  FigureOption(name: "sort", value: .text("size"), location: place)], location: place),
        ], scope: .analysis)
        #expect(diagnostics.map(\.message) == ["unknown figure 'forrest'", "the figure 'forest' has no option 'srot'",
                                               "option 'sort' of 'forest' must be one of given, effect, weight, year, label, not 'size'"])
        #expect(diagnostics[0].hint == "Did you mean 'forest'?")
        #expect(diagnostics[1].hint == "Did you mean 'sort'?")
    }
}
