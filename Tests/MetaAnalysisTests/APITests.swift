import Foundation
import TestSupport
import Testing
@testable import MetaAnalysis

@Suite("Public API")
struct APITests {
    @Test("Pooling methods: parsing, kinds and the measures they fit")
    func poolingMethods() {
        #expect(PoolingMethod(parsing: "FE") == .IV)
        #expect(PoolingMethod(parsing: " fe ") == .IV)
        #expect(PoolingMethod(parsing: "reml") == .REML)
        #expect(PoolingMethod(parsing: "Peto") == .PETO)
        #expect(PoolingMethod(parsing: "bogus") == nil)
        #expect(PoolingMethod.allCases.filter(\.isRandomEffects) == [.DL, .REML, .PM, .SJ, .HS, .ML, .EB])
        #expect(PoolingMethod.MH.fits(.RD) && !PoolingMethod.MH.fits(.SMD))
        #expect(PoolingMethod.PETO.fits(.OR) && !PoolingMethod.PETO.fits(.RR))
        #expect(PoolingMethod.REML.fits(.GEN))
    }

    @Test("Effect measures: kinds and display names")
    func effectMeasures() {
        #expect(EffectMeasure.allCases.map(\.displayName) ==
            ["Risk Ratio", "Odds Ratio", "Risk Difference", "Mean Difference", "Std. Mean Difference", "Generic"])
        #expect(EffectMeasure.allCases.filter(\.isBinary) == [.RR, .OR, .RD])
        #expect(EffectMeasure.allCases.filter(\.isContinuous) == [.MD, .SMD])
        #expect(AnalysisSettings(measure: .GEN, method: .DL, genericIsRatio: true).isLogScale)
    }

    @Test("Generic studies from an estimate and 95% CI: ratios are logged, SE = width / (2 × 1.959964)")
    func genericFromCI() throws {
        let ratio = AnalysisSettings(measure: .GEN, method: .IV, genericIsRatio: true)
        let studies = [Study(label: "Garfinkel, 1981", data: .genericCI(estimate: 1.18, lower: 0.9, upper: 1.54)),
                       Study(label: "Hirayama, 1984", data: .genericCI(estimate: 1.45, lower: 1.02, upper: 2.08))]
        let result = try MetaAnalysis.analyze(studies, settings: ratio)
        let first = result.studies[0]
        #expect(first.yi == log(1.18))
        #expect(close(first.se!, (log(1.54) - log(0.9)) / (2 * 1.959964), relative: 1e-15))
        // Close to the reported log OR and variance of the passive-smoking data (CI rounded to 2 decimals).
        #expect(abs(first.yi! - 0.165514438477573) < 1e-12)
        #expect(abs(first.vi! - 0.0187768854850681) / 0.0187768854850681 < 0.02)

        let difference = try MetaAnalysis.analyze([Study(label: "MD", data: .genericCI(estimate: -2, lower: -5, upper: 1))],
                                                  settings: AnalysisSettings(measure: .GEN, method: .IV))
        #expect(difference.studies[0].yi == -2)
        #expect(close(difference.studies[0].se!, 6 / (2 * 1.959964), relative: 1e-15))
    }

    @Test("JSON: the keys of the reference layout, t and df under Hartung–Knapp, no null")
    func encoding() throws {
        let studies = Fixtures.genericStudies(8)
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .GEN, method: .REML, hksj: true),
                                              request: AnalysisRequest(subgroupColumn: "arm", moderatorName: "dose"))
        let json = try JSONValue.encoding(result)
        for key in ["settings", "studies", "pooled", "heterogeneity", "prediction", "small_study", "leave_one_out",
                    "cumulative", "subgroups", "meta_regression", "notes"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["pooled"]?["t"] != nil && json["pooled"]?["df"]?.number == 7 && json["pooled"]?["z"] == nil)
        #expect(Set(json["heterogeneity"]?.object?.keys.map { $0 } ?? []) == ["Q", "df", "p", "I2", "H2", "tau2", "tau"])
        #expect(json["studies"]?.array?.first?["study"]?.string == "Study 1")
        #expect(json["subgroups"]?["column"]?.string == "arm")
        #expect(json["meta_regression"]?["moderator"]?.string == "dose")
        #expect(json["small_study"]?["trimfill"]?["estimator"]?.string == "L0")
        #expect(json["settings"]?["method"]?.string == "REML")
        #expect(try Fixtures.encodedWithoutNull(result))
    }

    @Test("Common-effect meta-regression (bcg, log RR on latitude) agrees with weighted least squares")
    func commonEffectRegression() throws {
        let loaded = try #require(ReferenceCase.all.first { $0.id == "bcg-RR-DL-analyses" }).load()
        let studies = try loaded.studies()
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RR, method: .IV))
        let regression = try #require(result.metaRegression)
        #expect(close(regression.intercept, 0.3435645774465888, relative: 1e-12))
        #expect(close(regression.slope, -0.0292369342595417, relative: 1e-12))
        #expect(close(regression.se[1], 0.0026524294342462314, relative: 1e-12))
        #expect(close(regression.QM, 121.49991807162392, relative: 1e-12))
        #expect(close(regression.QE, 30.733090010749137, relative: 1e-12))
        #expect(close(regression.R2!, 77.97651921434002, relative: 1e-12))
        #expect(regression.tau2 == nil)
    }

    @Test("Meta-regression does not depend on the moderator's units or offset")
    func moderatorScale() throws {
        let base = Fixtures.genericStudies(15, seed: 11)
        func regression(_ transform: (Double) -> Double) throws -> MetaRegression {
            let studies = base.map { study in
                var copy = study
                copy.moderator = transform(study.moderator!)
                return copy
            }
            return try #require(try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .GEN, method: .REML),
                                                         request: .pooledOnly.with(metaRegression: true)).metaRegression)
        }
        let plain = try regression { $0 }
        let shifted = try regression { 1e6 + 1000 * $0 }   // e.g. a moderator measured in other units
        #expect(close(shifted.slope * 1000, plain.slope, relative: 1e-8))
        #expect(close(shifted.QM, plain.QM, relative: 1e-8))
        #expect(close(shifted.tau2!, plain.tau2!, relative: 1e-8))
        // A constant moderator cannot be fitted: a note, not a crash.
        let constant = base.map { study -> Study in var copy = study; copy.moderator = 3; return copy }
        let result = try MetaAnalysis.analyze(constant, settings: AnalysisSettings(measure: .GEN, method: .REML))
        #expect(result.metaRegression == nil)
        #expect(result.notes.contains { $0.contains("meta-regression was not computed") })
    }

    @Test("The comparison used by the reference test reports a wrong number with its path")
    func comparisonReportsMismatch() throws {
        let expected = try JSONValue.parse(Data(#"{"a": {"b": [1.0, 2.0]}, "note": "ignored", "s": "x"}"#.utf8))
        let actual = try JSONValue.parse(Data(#"{"a": {"b": [1.0000000001, 2.1]}, "s": "x", "extra": 3}"#.utf8))
        let mismatches = ReferenceComparison().compare(expected: expected, actual: actual)
        #expect(mismatches.map(\.path) == ["a.b[1]"])
        let missing = ReferenceComparison().compare(expected: expected, actual: try JSONValue.parse(Data(#"{"s": "y"}"#.utf8)))
        #expect(missing.map(\.path) == ["a", "s"])
    }
}
