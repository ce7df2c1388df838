import Foundation
import Graphics
import MetaAnalysis
import ReviewKit
import Testing
@testable import Figures

/// The leave-one-out and cumulative figures: forest layouts whose rows are the engine's.
@Suite struct SensitivityPlotTests {
    let leaveOneOut = LeaveOneOutPlot()
    let cumulative = CumulativePlot()
    let wording = Fixture.style.wording

    func rows(_ layout: ForestLayout) -> [ForestLayout.Row] { layout.rows.filter { $0.kind == .study } }

    @Test func leaveOneOutRowsAreTheEngines() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let result = try #require(input.outcome?.result)
        let engine = try #require(result.leaveOneOut)
        let layout = try leaveOneOut.forestLayout(input, options: .defaults(leaveOneOut.options), style: Fixture.style)
        let rows = rows(layout)
        #expect(rows.map(\.label) == engine.map { "Omitting \($0.omitted)" })
        #expect(rows.count == result.studies.count)
        for (row, step) in zip(rows, engine) {
            let texts = row.cells.map(\.string)
            #expect(texts.contains(wording.estimate(exp(step.pooled.yi), exp(step.pooled.ciLower), exp(step.pooled.ciUpper))))
            #expect(texts.contains(wording.percent(step.heterogeneity.I2)))
            #expect(texts.contains(SensitivityForest.tau2(step.heterogeneity.tau2 ?? -1, wording)))
            let marker = try #require(row.marker)
            #expect(abs(marker.center.x - layout.axis.x(step.pooled.yi)) < 1e-9)
        }
        // The overall estimate as a diamond, with its heterogeneity.
        let total = try #require(layout.rows.first { $0.kind == .pooled })
        #expect(total.label == "All 13 studies (95% CI)")
        #expect(total.cells.map(\.string).contains(wording.estimate(exp(result.pooled.yi), exp(result.pooled.ciLower), exp(result.pooled.ciUpper))))
        #expect(total.cells.map(\.string).contains(wording.percent(result.heterogeneity.I2)))
        #expect(layout.scene.texts.contains { $0.string == "Tau²" } && layout.scene.texts.contains { $0.string == "I²" })
        #expect(!layout.scene.texts.contains { $0.string == "Weight" })
        #expect(layout.scene.description.hasPrefix("Leave-one-out analysis of"))
        Fixture.expectClean(layout.scene)
    }

    @Test func cumulativeRowsFollowTheOrderColumn() throws {
        let input = try DiagnosticFixtures.input("magnesium", method: .DL)
        let result = try #require(input.outcome?.result)
        let engine = try #require(result.cumulative)
        let layout = try cumulative.forestLayout(input, options: .defaults(cumulative.options), style: Fixture.style)
        let rows = rows(layout)
        #expect(rows.map(\.label) == engine.map { "Adding \($0.added)" })
        let orders = engine.compactMap(\.order)
        #expect(orders == orders.sorted())
        for (row, step) in zip(rows, engine) {
            #expect(row.cells.map(\.string).contains(wording.estimate(exp(step.pooled.yi), exp(step.pooled.ciLower), exp(step.pooled.ciUpper))))
            let marker = try #require(row.marker)
            #expect(abs(marker.center.x - layout.axis.x(step.pooled.yi)) < 1e-9)
        }
        // The first step pools one study: no heterogeneity to show.
        #expect(rows[0].cells.map(\.string).filter { $0 == "–" }.count == 2)
        // Labels already show the year, so no separate year column.
        #expect(!layout.scene.texts.contains { $0.string == "Year" })
        #expect(layout.scene.description.contains("in order of year"))
        Fixture.expectClean(layout.scene)
    }

    @Test func anOrderNotInTheLabelsGetsItsOwnColumn() throws {
        let input = try DiagnosticFixtures.input("asthma")
        let layout = try cumulative.forestLayout(input, options: .defaults(cumulative.options), style: Fixture.style)
        #expect(layout.scene.texts.contains { $0.string == "Exp_total" })
        let engine = try #require(input.outcome?.result?.cumulative)
        for (row, step) in zip(rows(layout), engine) {
            #expect(row.cells.map(\.string).contains(wording.plain(try #require(step.order))))
        }
        Fixture.expectClean(layout.scene)
    }

    @Test func heterogeneityColumnsCanBeLeftOut() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let options = DiagnosticFixtures.options(["heterogeneity": "false"], for: leaveOneOut)
        let layout = try leaveOneOut.forestLayout(input, options: options, style: Fixture.style)
        #expect(!layout.scene.texts.contains { $0.string == "I²" })
        Fixture.expectClean(layout.scene)
    }

    @Test func commonEffectAnalysesShowNoTau2() throws {
        let input = try DiagnosticFixtures.input("bcg", method: .IV)
        let layout = try leaveOneOut.forestLayout(input, options: .defaults(leaveOneOut.options), style: Fixture.style)
        #expect(!layout.scene.texts.contains { $0.string == "Tau²" })
        #expect(layout.scene.texts.contains { $0.string == "I²" })
    }

    @Test func withoutAnOrderColumnStudiesAreAddedInTheOrderGiven() throws {
        // As metafor's cumul() without order: the asthma data has no year column.
        let analysis = try Fixture.referenceAnalysis("asthma", measure: .MD, method: .DL)
        let input = try Fixture.input(analysis)
        #expect(cumulative.unsuitability(for: input) == nil)
        let layout = try cumulative.forestLayout(input, options: .defaults(cumulative.options), style: Fixture.style)
        let result = try #require(input.outcome?.result)
        let rows = rows(layout)
        #expect(rows.map(\.label) == result.studies.map { "Adding \($0.label)" })
        // Each step pools the studies so far, as the engine pools them.
        for (count, row) in zip(1..., rows) {
            guard case .studies(let studies) = analysis.content else { Issue.record("no study data"); return }
            let pooled = try MetaAnalysis.analyze(Array(studies.prefix(count)), settings: result.settings, request: .pooledOnly).pooled
            #expect(row.cells.map(\.string).contains(wording.estimate(pooled.yi, pooled.ciLower, pooled.ciUpper)))
        }
        #expect(layout.scene.texts.contains { $0.string == "Cumulative, in the order given" })
        #expect(!layout.scene.texts.contains { $0.string == "Order" })
        #expect(layout.scene.description.contains("added in the order given"))
        Fixture.expectClean(layout.scene)
    }

    @Test func unsuitableInputsSayWhatIsMissing() throws {
        let noOrder = try Fixture.input(Fixture.binary(count: 6))
        let single = try Fixture.input(Fixture.binary(count: 1))
        #expect(leaveOneOut.unsuitability(for: single)?.contains("at least two") == true)
        #expect(leaveOneOut.unsuitability(for: noOrder) == nil)
    }

    @Test(arguments: [2, 13, 48, 300])
    func layoutIsCleanAtAnySize(count: Int) throws {
        let long = "A long study label that has to wrap to fit the figure width"
        for analysis in [DiagnosticFixtures.generic(count: count), DiagnosticFixtures.generic(count: min(count, 20)) { "\(long) \($0)" }] {
            let input = try Fixture.input(analysis)
            for module in [leaveOneOut, cumulative] as [any FigureModule] {
                for width in ["auto", "double"] {
                    let options = DiagnosticFixtures.options(["width": width], for: module)
                    let scene = try module.layout(input, options: options, style: Fixture.style)
                    Fixture.expectClean(scene)
                }
            }
        }
    }

    @Test(arguments: DiagnosticFixtures.datasets)
    func everyReferenceDatasetDrawsCleanly(dataset: DiagnosticFixtures.Dataset) throws {
        let input = try Fixture.input(DiagnosticFixtures.analysis(dataset))
        for module in [leaveOneOut, cumulative] as [any FigureModule] {
            Fixture.expectClean(try module.layout(input, options: .defaults(module.options), style: Fixture.style))
        }
    }

    @Test func theForestPlotIsUnchangedByTheExtraColumns() throws {
        // ForestData gained optional extra columns; the forest plot has none.
        let input = try DiagnosticFixtures.input("bcg")
        let data = try ForestData(outcome: try #require(input.outcome), review: nil, wording: wording)
        #expect(data.extraHeaders.isEmpty)
        #expect(data.allStudies.allSatisfy(\.extra.isEmpty) && data.overall.allSatisfy(\.extra.isEmpty))
    }

    @Test func theRegistryListsTheDiagnosticFigures() {
        for id in ["funnel", "bubble", "leave-one-out", "cumulative"] {
            let module = FigureRegistry.module(id)
            #expect(module != nil, "\(id) is not registered")
            #expect(module?.scope == .analysis)
        }
    }
}
