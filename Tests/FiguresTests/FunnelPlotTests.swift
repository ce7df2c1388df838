import Foundation
import Graphics
import MetaAnalysis
import ReviewKit
import Testing
@testable import Figures

@Suite struct FunnelPlotTests {
    let funnel = FunnelPlot()

    func layout(_ input: FigureInput, _ options: [String: String] = [:]) throws -> FunnelLayout {
        try funnel.funnelLayout(input, options: DiagnosticFixtures.options(options, for: funnel), style: Fixture.style)
    }

    static let everything = ["contours": "true", "trim_fill": "true", "egger": "true"]

    @Test(arguments: FunnelYAxis.allCases)
    func everyStudyMarkerSitsAtItsEffectAndPrecision(axis: FunnelYAxis) throws {
        let input = try DiagnosticFixtures.input("magnesium", method: .DL)
        let result = try #require(input.outcome?.result)
        let layout = try layout(input, ["y_axis": axis.rawValue])
        let studies = layout.markers.filter { !$0.isFilled }
        #expect(studies.map(\.label) == result.studies.filter(\.estimable).map(\.label))
        for (marker, study) in zip(studies, result.studies.filter(\.estimable)) {
            let yi = try #require(study.yi), se = try #require(study.se)
            let value: Double
            switch axis {
            case .se: value = se
            case .variance: value = try #require(study.vi)
            case .inverseSE: value = 1 / se
            case .sampleSize:
                guard case let .binary(_, n1, _, n2) = study.data else { Issue.record("not binary"); return }
                value = n1 + n2
            }
            #expect(abs(marker.center.x - layout.xAxis.x(yi)) < 1e-9)
            #expect(abs(marker.center.y - layout.yScale(value)) < 1e-9)
            #expect(layout.plot.insetBy(dx: -0.01, dy: -0.01).contains(marker.center))
        }
        // Precise studies at the top whatever the axis: SE = 0 (or the largest precision) is the top edge.
        let precise = try #require(zip(studies, result.studies.filter(\.estimable)).min { ($0.1.se ?? 0) < ($1.1.se ?? 0) })
        if axis != .sampleSize {
            #expect(studies.allSatisfy { $0.center.y >= precise.0.center.y - 1e-9 })
        }
        if axis == .se { #expect(abs(layout.yScale(0) - layout.plot.minY) < 1e-9) }
        Fixture.expectClean(layout.scene)
    }

    @Test(arguments: [FunnelYAxis.se, .variance, .inverseSE])
    func contourBoundariesSitAtZTimesTheStandardError(axis: FunnelYAxis) throws {
        let layout = try layout(try DiagnosticFixtures.input("bcg"), ["contours": "true", "y_axis": axis.rawValue])
        #expect(layout.contours.map(\.p) == [0.01, 0.05, 0.10])
        let expectedZ = [2.5758293035489004, 1.959963984540054, 1.6448536269514722]
        for (contour, z) in zip(layout.contours, expectedZ) {
            #expect(abs(contour.z - z) < 1e-9)
            var checked = 0
            for point in contour.polygon {
                // Points held at the plot's edge (where the boundary leaves it) are not on the boundary.
                guard point.x > layout.plot.minX - 3, point.x < layout.plot.maxX + 3 else { continue }
                let value = layout.yScale.invert(point.y)
                let se = try #require(axis.standardError(at: value))
                let left = layout.xAxis.x(-z * se), right = layout.xAxis.x(z * se)
                #expect(min(abs(point.x - left), abs(point.x - right)) < 1e-6, "\(point) is not at ±\(z)·SE")
                checked += 1
            }
            #expect(checked >= 2)
            // Centred on no effect: the apex at x(0), the region reaching out on both sides.
            let center = layout.xAxis.x(0)
            let xs = contour.polygon.map(\.x)
            #expect(xs.contains { $0 < center - 1 } && xs.contains { $0 > center + 1 })
            if axis == .se { #expect(contour.polygon.contains { abs($0.x - center) < 1e-9 && abs($0.y - layout.plot.minY) < 1e-9 }) }
        }
        // The regions are nested: P ≤ 0.01 widest, P > 0.10 narrowest.
        let bottom = layout.plot.maxY
        func width(_ contour: FunnelLayout.Contour) -> Double {
            let atBottom = contour.polygon.filter { abs($0.y - bottom) < 1e-6 }.map(\.x)
            return (atBottom.max() ?? 0) - (atBottom.min() ?? 0)
        }
        #expect(width(layout.contours[0]) >= width(layout.contours[1]) && width(layout.contours[1]) >= width(layout.contours[2]))
        #expect(layout.legend.contains("P ≤ 0.01") && layout.legend.contains("P > 0.10"))
        Fixture.expectClean(layout.scene)
    }

    @Test func pseudoConfidenceLimitsSurroundThePooledEstimate() throws {
        let input = try DiagnosticFixtures.input("magnesium", method: .DL)
        let result = try #require(input.outcome?.result)
        let layout = try layout(input)
        let pooled = try #require(layout.lines[.pooled])
        #expect(pooled.allSatisfy { abs($0.x - layout.xAxis.x(result.pooled.yi)) < 1e-9 })
        let z = 1.959963984540054
        for (kind, sign) in [(FunnelLayout.LineKind.lowerLimit, -1.0), (.upperLimit, 1.0)] {
            let line = try #require(layout.lines[kind])
            #expect(line.count == 2) // straight against SE
            for point in line where point.x > layout.plot.minX - 3 && point.x < layout.plot.maxX + 3 {
                let se = layout.yScale.invert(point.y)
                #expect(abs(point.x - layout.xAxis.x(result.pooled.yi + sign * z * se)) < 1e-6)
            }
        }
        // The apex is the pooled estimate at SE = 0.
        #expect(abs((layout.lines[.lowerLimit]?.first?.x ?? 0) - layout.xAxis.x(result.pooled.yi)) < 1e-9)
    }

    @Test func filledStudiesAreTheEnginesTrimAndFill() throws {
        let input = try DiagnosticFixtures.input("magnesium", method: .DL)
        let fill = try #require(input.outcome?.result?.smallStudy?.trimAndFill)
        #expect(fill.k0 > 0)
        let layout = try layout(input, ["trim_fill": "true"])
        let filled = layout.markers.filter(\.isFilled)
        #expect(filled.count == fill.k0)
        #expect(filled.count == fill.filled.count)
        for (marker, study) in zip(filled, fill.filled) {
            #expect(abs(marker.center.x - layout.xAxis.x(study.yi)) < 1e-9)
            #expect(abs(marker.center.y - layout.yScale(study.vi.squareRoot())) < 1e-9)
        }
        let adjusted = try #require(layout.lines[.adjusted])
        #expect(adjusted.allSatisfy { abs($0.x - layout.xAxis.x(fill.yi)) < 1e-9 })
        #expect(layout.legend.contains("Filled by trim-and-fill (\(fill.k0))"))
        // Without the option, none are drawn.
        #expect(try self.layout(input).markers.allSatisfy { !$0.isFilled })
    }

    @Test func magnesiumTrialsShowTheirAsymmetry() throws {
        // Egger et al. (2001): small trials found large benefits, the large ISIS-4 none.
        let input = try DiagnosticFixtures.input("magnesium", method: .DL)
        let tests = try #require(input.outcome?.result?.smallStudy)
        let egger = try #require(tests.egger)
        #expect(egger.p < 0.01)
        let fill = try #require(tests.trimAndFill)
        #expect(fill.side == .right && fill.k0 > 0)
        let layout = try layout(input, Self.everything)
        // Small studies (bottom half) lie left of the pooled line; the filled ones mirror them on the right.
        let pooledX = try #require(layout.lines[.pooled]?.first?.x)
        let lower = layout.markers.filter { !$0.isFilled && $0.center.y > layout.plot.midY }
        #expect(lower.filter { $0.center.x < pooledX }.count > lower.count / 2)
        #expect(layout.markers.filter(\.isFilled).allSatisfy { $0.center.x > pooledX })
    }

    @Test func eggersLineIsTheEnginesRegression() throws {
        let input = try DiagnosticFixtures.input("magnesium", method: .DL)
        let egger = try #require(input.outcome?.result?.smallStudy?.egger)
        for axis in [FunnelYAxis.se, .variance] {
            let layout = try layout(input, ["egger": "true", "y_axis": axis.rawValue])
            let line = try #require(layout.lines[.egger])
            var checked = 0
            for point in line where point.x > layout.plot.minX - 3 && point.x < layout.plot.maxX + 3 {
                let se = try #require(axis.standardError(at: layout.yScale.invert(point.y)))
                #expect(abs(point.x - layout.xAxis.x(egger.intercept + egger.slope * se)) < 1e-6)
                checked += 1
            }
            #expect(checked >= 2)
            #expect(layout.legend.contains("Egger's regression line (P \(Fixture.style.wording.pValue(egger.p)))"))
        }
    }

    @Test func captionStatesTheTestsAndWarnsBelowTenStudies() throws {
        let input = try DiagnosticFixtures.input("magnesium", method: .DL)
        let tests = try #require(input.outcome?.result?.smallStudy)
        let wording = Fixture.style.wording
        let text = try layout(input).scene.description
        let egger = try #require(tests.egger), begg = try #require(tests.begg), fill = try #require(tests.trimAndFill)
        #expect(text.contains("k = 16 studies"))
        #expect(text.contains("Egger's test: t = \(wording.number(egger.t)), df = 14, P \(wording.pValue(egger.p))."))
        #expect(text.contains("Begg's test: Kendall's tau = \(wording.number(begg.tau, decimals: 3)), P \(wording.pValue(begg.p))."))
        #expect(text.contains("k0 = \(fill.k0) studies filled on the right"))
        #expect(text.contains(wording.estimate(exp(fill.yi), exp(fill.ciLower), exp(fill.ciUpper))))
        #expect(!text.contains("Cochrane Handbook"))

        let small = try Fixture.input(Fixture.binary(count: 6))
        let caption = try layout(small).scene.description
        #expect(caption.contains("k = 6 studies"))
        #expect(caption.contains("With fewer than 10 studies, the Cochrane Handbook advises against testing for funnel plot asymmetry"))
        #expect(caption.contains("too little power to distinguish chance from real asymmetry"))
    }

    @Test func subgroupsGetColoursShapesAndALegend() throws {
        let input = try DiagnosticFixtures.input("bcg")
        let layout = try layout(input) // automatic: the analysis has subgroups
        let groups = ["random", "alternate", "systematic"]
        #expect(Array(layout.legend.prefix(4)) == ["Allocation:"] + groups)
        let result = try #require(input.outcome?.result)
        for (marker, study) in zip(layout.markers, result.studies) {
            #expect(marker.group == groups.firstIndex(of: study.subgroup ?? ""))
        }
        // Shapes differ between groups.
        let shapes = Set(groups.indices.map { "\(MarkerShape.forGroup($0))" })
        #expect(shapes.count == 3)
        #expect(try self.layout(input, ["subgroups": "false"]).markers.allSatisfy { $0.group == nil })
        #expect(throws: FigureError.self) { try self.layout(try Fixture.input(Fixture.binary(count: 5)), ["subgroups": "true"]) }
        Fixture.expectClean(layout.scene)
    }

    @Test(arguments: [1, 2, 3, 13, 48, 300])
    func layoutIsCleanAtAnySize(count: Int) throws {
        let input = try Fixture.input(Fixture.binary(count: count, subgroups: count > 3 ? 4 : 0))
        let titled = Self.everything.merging(["width": "single", "title": "Funnel plot of a test outcome with a title long enough to wrap"]) { $1 }
        for options in [[:], Self.everything, titled] {
            let layout = try layout(input, options)
            Fixture.expectClean(layout.scene)
            #expect(layout.markers.filter { !$0.isFilled }.count == count)
        }
    }

    @Test func longSubgroupNamesWrapInTheLegend() throws {
        var analysis = Fixture.binary(count: 12, subgroups: 3)
        if case .studies(var studies) = analysis.content {
            for i in studies.indices {
                studies[i].subgroup = "A very long subgroup name that describes the setting of trial group \(i % 3 + 1) in detail"
            }
            analysis.content = .studies(studies)
        }
        let layout = try layout(try Fixture.input(analysis), Self.everything.merging(["width": "single"]) { $1 })
        Fixture.expectClean(layout.scene)
        let requested = Fixture.style.theme.singleColumnWidth / 25.4 * 72
        #expect(abs(layout.scene.size.width - requested) < 1)
    }

    @Test func impossibleCombinationsAreExplained() throws {
        let generic = try DiagnosticFixtures.input("writing-to-learn")
        #expect(throws: FigureError.self) { try self.layout(generic, ["y_axis": "sample_size"]) }
        let binary = try DiagnosticFixtures.input("bcg")
        #expect(throws: FigureError.self) { try self.layout(binary, ["y_axis": "sample_size", "contours": "true"]) }
        #expect(try self.layout(binary, ["y_axis": "sample_size"]).lines[.lowerLimit] == nil)

        var given = Fixture.analysis([], measure: .OR, method: .DL)
        given.content = .given(GivenResults(model: .random, studies: [], pooled: []))
        let outcome = try given.run()
        #expect(funnel.unsuitability(for: FigureInput(review: Review(title: "T"), outcome: outcome))?.contains("study-level data") == true)
        #expect(funnel.unsuitability(for: FigureInput(review: Review(title: "T"))) != nil)
    }

    @Test(arguments: DiagnosticFixtures.datasets)
    func everyReferenceDatasetDrawsCleanly(dataset: DiagnosticFixtures.Dataset) throws {
        let input = try Fixture.input(DiagnosticFixtures.analysis(dataset))
        for axis in FunnelYAxis.allCases where axis != .sampleSize || dataset.measure != .GEN {
            let options = axis == .sampleSize ? ["y_axis": axis.rawValue] : Self.everything.merging(["y_axis": axis.rawValue]) { $1 }
            let layout = try layout(input, options)
            Fixture.expectClean(layout.scene)
        }
        let svg = String(decoding: try FigureRenderer.render(funnel, input: input, options: DiagnosticFixtures.options(Self.everything, for: funnel),
                                                             style: Fixture.style, format: .svg), as: UTF8.self)
        #expect(svg.contains("<desc"))
        #expect(svg.contains("Funnel plot of"))
    }
}
