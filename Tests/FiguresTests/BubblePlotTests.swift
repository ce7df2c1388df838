import Foundation
import Graphics
import MetaAnalysis
import ReviewKit
import Testing
@testable import Figures

@Suite struct BubblePlotTests {
    let bubble = BubblePlot()

    func layout(_ input: FigureInput, _ options: [String: String] = [:]) throws -> BubbleLayout {
        try bubble.bubbleLayout(input, options: DiagnosticFixtures.options(options, for: bubble), style: Fixture.style)
    }

    @Test func theLineIsTheRegressionsAtTheAxisEnds() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let regression = try #require(input.outcome?.result?.metaRegression)
        let layout = try layout(input)
        let (low, high) = layout.lineEnds
        #expect(abs(layout.xScale(low) - layout.plot.minX) < 1e-9 && abs(layout.xScale(high) - layout.plot.maxX) < 1e-9)
        #expect(abs(layout.line.from.x - layout.xScale(low)) < 1e-9)
        #expect(abs(layout.line.to.x - layout.xScale(high)) < 1e-9)
        #expect(abs(layout.line.from.y - layout.yScale(regression.intercept + regression.slope * low)) < 1e-9)
        #expect(abs(layout.line.to.y - layout.yScale(regression.intercept + regression.slope * high)) < 1e-9)
        // BCG: the farther from the equator, the stronger the protection (the line falls).
        #expect(regression.slope < 0 && layout.line.to.y > layout.line.from.y)
        Fixture.expectClean(layout.scene)
    }

    @Test func bandIsTheFittedLinesConfidenceInterval() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let regression = try #require(input.outcome?.result?.metaRegression)
        let layout = try layout(input)
        let half = layout.band.count / 2
        #expect(half > 10)
        let upper = layout.band.prefix(half), lower = layout.band.suffix(half).reversed()
        for (u, l) in zip(upper, lower) {
            let x = layout.xScale.invert(u.x)
            let fit = regression.fitted(at: x)
            if u.y > layout.plot.minY - 3 { #expect(abs(u.y - layout.yScale(fit.upper)) < 1e-6) }
            if l.y < layout.plot.maxY + 3 { #expect(abs(l.y - layout.yScale(fit.lower)) < 1e-6) }
            #expect(l.y >= u.y) // the lower limit is drawn below the upper one
        }
        #expect(try self.layout(input, ["band": "false"]).band.isEmpty)
    }

    @Test func circlesSitAtTheStudiesWithAreasProportionalToWeight() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let regression = try #require(input.outcome?.result?.metaRegression)
        let layout = try layout(input)
        #expect(layout.bubbles.count == regression.k)
        var ratios: [Double] = []
        for point in regression.studies {
            let circle = try #require(layout.bubbles.first { $0.label == point.label })
            #expect(abs(circle.center.x - layout.xScale(point.moderator)) < 1e-9)
            #expect(abs(circle.center.y - layout.yScale(point.yi)) < 1e-9)
            #expect(circle.weight == point.weight)
            ratios.append(circle.radius * circle.radius / point.weight)
        }
        let low = try #require(ratios.min()), high = try #require(ratios.max())
        #expect((high - low) / high < 1e-9)
        // The weights are the regression's, not the pooled analysis's.
        let tau2 = try #require(regression.tau2)
        let raw = regression.studies.map { 1 / ($0.vi + tau2) }
        let total = raw.reduce(0, +)
        for (point, w) in zip(regression.studies, raw) { #expect(abs(point.weight - 100 * w / total) < 1e-9) }
    }

    @Test func equationAndTestsAreTheEngines() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let regression = try #require(input.outcome?.result?.metaRegression)
        let layout = try layout(input)
        let wording = Fixture.style.wording
        #expect(layout.notes[0] == "ln(RR) = 0.251 - 0.0291 × latitude")
        #expect(layout.notes[1] == "Test of the moderator: QM = \(wording.number(regression.QM)), df = 1, P \(wording.pValue(regression.QMp)); k = 13")
        #expect(layout.notes[2].contains("Tau² = \(wording.tau2(regression.tau2 ?? 0))"))
        #expect(layout.notes[2].contains("R² = \(wording.percent(regression.R2 ?? 0))"))
        let texts = layout.scene.texts.map(\.string)
        #expect(texts.contains(layout.notes[0]))
        #expect(layout.scene.description.contains("meta-regression of the risk ratio on latitude in k = 13 studies"))
        #expect(layout.scene.description.contains(layout.notes[1]))
        // Hartung–Knapp: an F test.
        let knha = try self.layout(try DiagnosticFixtures.input("bcg", hksj: true))
        #expect(knha.notes[1].hasPrefix("Test of the moderator: F(1, 11) = "))
    }

    @Test func withoutAModeratorItSaysWhatItNeeds() throws {
        let input = try Fixture.input(Fixture.binary(count: 8))
        #expect(bubble.unsuitability(for: input)?.contains("needs a moderator") == true)
        #expect(throws: FigureError.self) { try self.layout(input) }
        #expect(bubble.unsuitability(for: try DiagnosticFixtures.input("bcg")) == nil)
    }

    @Test(arguments: [3, 20, 200])
    func layoutIsCleanAtAnySize(count: Int) throws {
        let input = try Fixture.input(DiagnosticFixtures.generic(count: count))
        for options in [[:], ["width": "single"], ["width": "double", "title": "Effect by dose"]] {
            let layout = try layout(input, options)
            Fixture.expectClean(layout.scene)
            #expect(layout.bubbles.count == count)
        }
    }

    @Test func wholeNumberModeratorsGetWholeTicks() throws {
        let layout = try layout(try DiagnosticFixtures.input("magnesium", method: .DL))
        let years = layout.scene.texts.map(\.string).filter { $0.hasPrefix("19") }
        #expect(years.count >= 4)
        #expect(years.allSatisfy { !$0.contains(".") })
    }

    @Test(arguments: DiagnosticFixtures.datasets)
    func everyReferenceDatasetDrawsCleanly(dataset: DiagnosticFixtures.Dataset) throws {
        let input = try Fixture.input(DiagnosticFixtures.analysis(dataset))
        let layout = try layout(input)
        Fixture.expectClean(layout.scene)
        // Every circle lies inside the plot.
        for circle in layout.bubbles { #expect(layout.plot.contains(circle.center)) }
    }
}
