import Foundation
import Testing
@testable import MetaAnalysis

/// Studies with no events in either arm (catheter data, "Yucel, 2004"): by default not estimable
/// (Cochrane/RevMan); with `.includeWithCorrection` pooled as metafor does (tested by the reference cases).
@Suite("Double-zero studies")
struct DoubleZeroTests {
    static let cases = ["catheter-OR-DL", "catheter-OR-MH", "catheter-OR-REML", "catheter-RR-DL", "catheter-RR-MH", "catheter-RR-REML"]

    @Test("Default: not estimable, no weight, and the pooled result equals the analysis without the study", arguments: cases)
    func defaultExcludes(_ id: String) throws {
        let loaded = try #require(ReferenceCase.all.first { $0.id == id }).load()
        let studies = try loaded.studies()
        let settings = loaded.settings(doubleZero: .excludeAsNotEstimable)
        let result = try MetaAnalysis.analyze(studies, settings: settings)

        let yucel = try #require(result.studies.first { $0.label == "Yucel, 2004" })
        #expect(!yucel.estimable)
        #expect(yucel.yi == nil && yucel.vi == nil)
        #expect(yucel.weight == 0)
        #expect(yucel.note?.contains("no events in either arm") == true)

        let without = try MetaAnalysis.analyze(studies.filter { $0.label != "Yucel, 2004" }, settings: settings)
        #expect(result.pooled.k == 17 && without.pooled.k == 17)
        for (a, b) in [(result.pooled.yi, without.pooled.yi), (result.pooled.se, without.pooled.se),
                       (result.pooled.p, without.pooled.p), (result.heterogeneity.Q, without.heterogeneity.Q),
                       (result.heterogeneity.I2, without.heterogeneity.I2)] {
            #expect(a == b)
        }
        #expect(result.heterogeneity.df == 16)
        // Weights of the other studies are those of the analysis without Yucel.
        let others = result.studies.filter { $0.label != "Yucel, 2004" }
        #expect(zip(others, without.studies).allSatisfy { $0.weight == $1.weight })
        #expect(try Fixtures.encodedWithoutNull(result))
    }

    @Test("metafor's option gives the study weight in inverse-variance models")
    func metaforIncludes() throws {
        let loaded = try #require(ReferenceCase.all.first { $0.id == "catheter-OR-DL" }).load()
        let result = try MetaAnalysis.analyze(try loaded.studies(), settings: loaded.settings(doubleZero: .includeWithCorrection))
        let yucel = try #require(result.studies.first { $0.label == "Yucel, 2004" })
        #expect(yucel.estimable && yucel.continuityCorrected)
        #expect(close(yucel.weight, 1.37000698770874, relative: 1e-9))
        #expect(result.pooled.k == 18)
    }

    @Test("A double-zero study is estimable for the risk difference")
    func riskDifference() throws {
        let loaded = try #require(ReferenceCase.all.first { $0.id == "catheter-OR-DL" }).load()
        let result = try MetaAnalysis.analyze(try loaded.studies(), settings: AnalysisSettings(measure: .RD, method: .MH))
        let yucel = try #require(result.studies.first { $0.label == "Yucel, 2004" })
        #expect(yucel.estimable && yucel.weight > 0)
        #expect(result.heterogeneity.df == 17)
    }
}
