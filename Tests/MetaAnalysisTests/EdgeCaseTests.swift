import Foundation
import Testing
@testable import MetaAnalysis

/// k = 1, k = 2, τ² = 0, all-zero arms and identical studies: a result or a clear error, never a
/// crash, NaN or hang.
@Suite("Edge cases")
struct EdgeCaseTests {
    static let binaryMethods: [PoolingMethod] = PoolingMethod.allCases

    @Test("One study: the pooled result is that study", arguments: binaryMethods)
    func oneStudy(_ method: PoolingMethod) throws {
        let study = Fixtures.binary("Only", 12, 100, 20, 100)
        let result = try MetaAnalysis.analyze([study], settings: AnalysisSettings(measure: .OR, method: method, hksj: true))
        // Peto's one-step estimate (O − E)/V differs from the log OR of the table.
        let expectedEvents = 32.0 * 100 / 200, variance = 32.0 * 168 * 0.25 / 199
        let logOR = method == .PETO ? (12 - expectedEvents) / variance : log(12.0 * 80 / (88 * 20))
        #expect(close(result.pooled.yi, logOR, relative: 1e-12))
        if method != .PETO {
            #expect(close(result.pooled.se, (1 / 12.0 + 1 / 88.0 + 1 / 20.0 + 1 / 80.0).squareRoot(), relative: 1e-12))
        }
        #expect(result.pooled.df == nil)   // z test: Hartung–Knapp needs k ≥ 2, and the notes say so
        #expect(result.notes.contains { $0.hasPrefix(method.isRandomEffects ? "The Hartung–Knapp adjustment needs at least two studies" : "The Hartung–Knapp adjustment applies to random-effects models only") })
        #expect(result.heterogeneity.Q == 0 && result.heterogeneity.df == 0 && result.heterogeneity.p == 1)
        #expect(result.heterogeneity.I2 == 0 && result.heterogeneity.H2 == 1)
        #expect(result.heterogeneity.tau2 == (method.isRandomEffects ? 0 : nil))
        #expect(result.prediction == nil)
        #expect(result.smallStudy == nil && result.leaveOneOut == nil)
        #expect(close(result.studies[0].weight, 100, relative: 1e-14))
        #expect(try Fixtures.encodedWithoutNull(result))
    }

    @Test("Messages name the real cause: equal standard errors for trim-and-fill, extreme values for pooling")
    func degenerateFitsSayWhy() throws {
        let equal = (0..<6).map { Study(label: "S\($0)", data: .generic(yi: 0.1 * Double($0), vi: 0.04)) }
        let result = try MetaAnalysis.analyze(equal, settings: AnalysisSettings(measure: .GEN, method: .REML))
        #expect(result.smallStudy?.trimAndFill == nil)
        #expect(result.notes.contains("Trim-and-fill was not computed: the studies' standard errors are all equal, so the side of the missing studies cannot be estimated"))
        let extreme = [1e200, -1e200, 0].enumerated().map { Study(label: "S\($0.offset)", data: .generic(yi: $0.element, vi: 1)) }
        #expect(throws: MetaAnalysisError.singular(coefficients: 1)) {
            try MetaAnalysis.analyze(extreme, settings: AnalysisSettings(measure: .GEN, method: .DL))
        }
    }

    @Test("Two studies: every method gives a finite result", arguments: binaryMethods)
    func twoStudies(_ method: PoolingMethod) throws {
        let studies = [Fixtures.binary("A", 12, 100, 20, 100), Fixtures.binary("B", 30, 150, 28, 140)]
        for hksj in [false, true] {
            let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: method, hksj: hksj))
            #expect(result.pooled.k == 2)
            #expect(result.heterogeneity.df == 1)
            #expect(result.prediction == nil)                       // Higgins' interval needs k ≥ 3
            #expect(result.leaveOneOut?.count == 2)
            #expect(result.smallStudy == nil)
            #expect(try Fixtures.encodedWithoutNull(result))
            if method.isRandomEffects && hksj { #expect(result.pooled.df == 1) }
        }
        // metafor's prediction interval exists for k = 2.
        if method.isRandomEffects {
            let metafor = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: method,
                                                                                       predictionInterval: .metafor))
            #expect(metafor.prediction != nil)
        }
    }

    @Test("Homogeneous studies: τ² = 0 and random effects equal the common-effect result",
          arguments: [PoolingMethod.DL, .REML, .PM, .SJ, .HS, .ML, .EB])
    func tauSquaredZero(_ method: PoolingMethod) throws {
        // Effects much closer together than their standard errors.
        let studies = (0..<6).map { i in
            Study(label: "S\(i)", data: .generic(yi: 0.30 + 0.01 * Double(i % 3), vi: 0.04 + 0.01 * Double(i)))
        }
        let common = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .GEN, method: .IV))
        let random = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .GEN, method: method))
        if method == .SJ {
            #expect(random.heterogeneity.tau2! > 0)                   // SJ is positive whenever the y's vary
        } else {
            #expect(random.heterogeneity.tau2 == 0)
            #expect(close(random.pooled.yi, common.pooled.yi, relative: 1e-14))
            #expect(close(random.pooled.se, common.pooled.se, relative: 1e-14))
            #expect(random.heterogeneity.I2 == 0)
        }
        #expect(try Fixtures.encodedWithoutNull(random))
    }

    @Test("No events in the experimental arm of any study")
    func allZeroExperimentalArms() throws {
        let studies = [Fixtures.binary("A", 0, 50, 5, 50), Fixtures.binary("B", 0, 80, 9, 75), Fixtures.binary("C", 0, 40, 3, 42)]
        // Inverse variance: ½ added to each table, so every study is estimable.
        let iv = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: .DL))
        #expect(iv.studies.allSatisfy { $0.estimable && $0.continuityCorrected })
        #expect(try Fixtures.encodedWithoutNull(iv))
        // Peto needs no correction.
        let peto = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: .PETO))
        #expect(peto.pooled.yi < 0)
        // Mantel–Haenszel OR and RR are 0: a clear error.
        for measure in [EffectMeasure.OR, .RR] {
            #expect {
                _ = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: measure, method: .MH))
            } throws: { error in
                guard case MetaAnalysisError.poolingUndefined(let message) = error else { return false }
                return message.contains("Mantel–Haenszel")
            }
        }
        // MH risk difference is fine.
        let rd = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RD, method: .MH))
        #expect(rd.pooled.yi < 0)
    }

    @Test("No events in any arm of any study")
    func noEventsAnywhere() throws {
        let studies = [Fixtures.binary("A", 0, 50, 0, 50), Fixtures.binary("B", 0, 80, 0, 75)]
        // RR/OR: nothing is estimable (Cochrane default).
        #expect(throws: MetaAnalysisError.noEstimableStudies(measure: .RR)) {
            _ = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RR, method: .DL))
        }
        // metafor's option: ½ added, pooled like any study.
        let metafor = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RR, method: .DL,
                                                                                   doubleZeroStudies: .includeWithCorrection))
        #expect(metafor.pooled.k == 2)
        // RD: estimable (0 events in both arms is a risk difference of about 0).
        let rd = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RD, method: .DL))
        #expect(abs(rd.pooled.yi) < 0.01)
        // MH RD of tables without events has no variance: an error, not NaN.
        #expect(throws: MetaAnalysisError.self) {
            _ = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RD, method: .MH))
        }
        // Peto has nothing to pool.
        #expect(throws: MetaAnalysisError.self) {
            _ = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: .PETO,
                                                                             doubleZeroStudies: .includeWithCorrection))
        }
    }

    @Test("Identical studies", arguments: PoolingMethod.allCases)
    func identicalStudies(_ method: PoolingMethod) throws {
        let studies = (1...5).map { Fixtures.binary("Copy \($0)", 10, 100, 15, 100) }
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: method))
        #expect(result.heterogeneity.Q < 1e-20)
        #expect(result.heterogeneity.I2 == 0)
        if method.isRandomEffects { #expect(result.heterogeneity.tau2 == 0) }
        #expect(result.studies.allSatisfy { close($0.weight, 20, relative: 1e-12) })
        // Egger and trim-and-fill need studies of differing precision; Begg needs spread.
        #expect(result.smallStudy?.egger == nil)
        #expect(result.smallStudy?.begg == nil)
        #expect(!result.notes.isEmpty)
        #expect(try Fixtures.encodedWithoutNull(result))
        // Hartung–Knapp's SE would be 0: a clear error.
        if method.isRandomEffects {
            #expect {
                _ = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: method, hksj: true))
            } throws: { error in
                (error as? MetaAnalysisError)?.description.contains("Hartung–Knapp") == true
            }
        }
    }

    @Test("A subgroup of one study is that study")
    func singleStudySubgroup() throws {
        let studies = [Fixtures.binary("A", 5, 60, 12, 60, subgroup: "x"), Fixtures.binary("B", 8, 90, 14, 85, subgroup: "x"),
                       Fixtures.binary("C", 20, 100, 18, 100, subgroup: "y")]
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RR, method: .REML))
        let groups = try #require(result.subgroups?.groups)
        #expect(groups.map(\.subgroup) == ["x", "y"])
        let single = groups[1]
        #expect(single.k == 1)
        #expect(single.pooled.yi == result.studies[2].yi)
        #expect(close(single.pooled.se, result.studies[2].se!, relative: 1e-14))
        #expect(single.heterogeneity.tau2 == 0)
        #expect(result.subgroups?.testForSubgroupDifferences?.df == 1)
    }

    @Test("Cumulative meta-analysis follows the order values, ties in input order, missing last")
    func cumulativeOrder() throws {
        let years: [Double?] = [1990, 1985, nil, 1985, 2001]
        let studies = years.enumerated().map { i, year in
            Study(label: "S\(i)", data: .generic(yi: 0.1 * Double(i), vi: 0.05), order: year)
        }
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .GEN, method: .DL))
        let rows = try #require(result.cumulative)
        #expect(rows.map(\.added) == ["S1", "S3", "S0", "S4", "S2"])
        #expect(rows.map(\.pooled.k) == [1, 2, 3, 4, 5])
        #expect(rows[0].pooled.yi == 0.1)
        #expect(close(rows[4].pooled.yi, result.pooled.yi, relative: 1e-14))
    }
}
