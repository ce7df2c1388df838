import Foundation
import Graphics
import MetaAnalysis
import ReviewKit
import Testing
@testable import Figures

@Suite struct LabbePlotTests {
    let labbe = LabbePlot()

    func layout(_ analysis: Analysis, options: [String: String] = [:]) throws -> LabbeLayout {
        let written = options.map { FigureOption(name: $0.key, value: .text($0.value), location: ReviewKit.SourceLocation(file: "t")) }
        let resolved = FigureOptions.resolve(written, specs: labbe.options, figure: "labbe")
        #expect(resolved.diagnostics.isEmpty)
        return try labbe.labbeLayout(try Fixture.input(analysis), options: resolved.options, style: Fixture.style)
    }

    @Test func isRegistered() {
        #expect(FigureRegistry.module("labbe") is LabbePlot)
    }

    @Test(arguments: [1, 20, 200])
    func layoutIsCleanAtAnySize(count: Int) throws {
        for options in [[:], ["scale": "log-odds"], ["width": "single"], ["title": "A long title for the L'Abbé plot of these trials"]] {
            Fixture.expectClean(try layout(Fixture.binary(count: count), options: options).scene)
        }
    }

    @Test func circlesSitAtTheArmRisks() throws {
        let analysis = try Fixture.referenceAnalysis("bcg", measure: .RR, method: .REML)
        let result = try #require(try analysis.run().result)
        let placed = try layout(analysis)
        #expect(placed.marks.count == result.studies.count)
        for (mark, study) in zip(placed.marks, result.studies) {
            guard case let .binary(e1, n1, e2, n2) = study.data else { Issue.record("not binary"); continue }
            #expect(abs(mark.control - e2 / n2) < 1e-12 && abs(mark.experimental - e1 / n1) < 1e-12)
            #expect(placed.plot.insetBy(dx: -0.01, dy: -0.01).contains(mark.center))
        }
        // Bigger weight, bigger circle.
        let byWeight = zip(result.studies.map(\.weight), placed.marks.map(\.radius)).sorted { $0.0 < $1.0 }
        for (a, b) in zip(byWeight, byWeight.dropFirst()) { #expect(a.1 <= b.1 + 1e-9) }
    }

    @Test func thePooledLineIsTheEngineEffect() throws {
        let analysis = try Fixture.referenceAnalysis("bcg", measure: .RR, method: .REML)
        let result = try #require(try analysis.run().result)
        let placed = try layout(analysis)
        #expect(placed.pooledLine.count > 10)
        // Every point of the line satisfies experimental = RR × control.
        let plot = placed.plot
        let scale = placed.marks[0]
        let perPoint = (scale.center.x - plot.minX) / scale.control   // points per unit of risk
        for point in placed.pooledLine {
            let control = (point.x - plot.minX) / perPoint, experimental = (plot.maxY - point.y) / perPoint
            #expect(abs(experimental - exp(result.pooled.yi) * control) < 1e-9)
        }
    }

    @Test func logOddsAddsAHalfToZeroCells() throws {
        let studies = [Study(label: "A", data: .binary(expEvents: 0, expTotal: 20, ctrlEvents: 4, ctrlTotal: 20)),
                       Study(label: "B", data: .binary(expEvents: 3, expTotal: 30, ctrlEvents: 6, ctrlTotal: 30))]
        let placed = try layout(Fixture.analysis(studies, measure: .OR, method: .IV), options: ["scale": "log-odds"])
        #expect(abs(placed.marks[0].experimental - log(0.5 / 20.5)) < 1e-12)
        #expect(abs(placed.marks[1].control - log(6.0 / 24)) < 1e-12)
    }

    @Test func refusesContinuousAndGivenResults() throws {
        let continuous = Fixture.analysis([Study(label: "A", data: .continuous(expMean: 1, expSD: 1, expTotal: 10, ctrlMean: 2, ctrlSD: 1, ctrlTotal: 10))],
                                          measure: .MD, method: .IV)
        #expect(labbe.unsuitability(for: try Fixture.input(continuous)) == "it needs study-level binary data (events and totals)")
    }
}
