import Foundation
import Testing
@testable import MetaAnalysis

/// `compatibility: .revman` against the results Review Manager 5 stored in real review files
/// (Tests/Fixtures/revman; the numbers below are copied from them), and the RevMan formulas that
/// no fixture exercises against values worked out by hand from Deeks & Higgins (2010).
@Suite("RevMan compatibility")
struct RevManCompatibilityTests {
    /// RevMan writes its doubles in full; ours agree to rounding error.
    static let tolerance = 1e-12

    static func binary(_ label: String, _ e1: Double, _ n1: Double, _ e2: Double, _ n2: Double) -> Study {
        Study(label: label, data: .binary(expEvents: e1, expTotal: n1, ctrlEvents: e2, ctrlTotal: n2))
    }

    static func continuous(_ label: String, _ m1: Double, _ s1: Double, _ n1: Double,
                           _ m2: Double, _ s2: Double, _ n2: Double) -> Study {
        Study(label: label, data: .continuous(expMean: m1, expSD: s1, expTotal: n1, ctrlMean: m2, ctrlSD: s2, ctrlTotal: n2))
    }

    // MARK: - M-H random effects (CD000023, outcome CMP-002.01)

    /// Fever on day 3: a double-zero study (Krober) and a study with one zero cell (Middleton).
    static let fever = [
        binary("Brink 1951", 34, 277, 40, 198), binary("Brumfitt 1957", 6, 62, 19, 59),
        binary("Krober 1985", 0, 15, 0, 11), binary("Landsman 1951", 1, 52, 3, 43),
        binary("Middleton 1988", 1, 33, 0, 21), binary("Nelson 1984", 12, 17, 10, 18),
        binary("Whitfield 1981", 33, 256, 42, 272),
    ]

    @Test("M-H, Random risk ratio reproduces RevMan (CD000023 CMP-002.01)")
    func mantelHaenszelRandomEffects() throws {
        let settings = AnalysisSettings(measure: .RR, method: .DL, compatibility: .revman, mantelHaenszelRandomEffects: true)
        let result = try MetaAnalysis.analyze(Self.fever, settings: settings, request: .pooledOnly)
        #expect(close(exp(result.pooled.yi), 0.7061913003331955, relative: Self.tolerance))
        #expect(close(exp(result.pooled.ciLower), 0.4545685975571122, relative: Self.tolerance))
        #expect(close(exp(result.pooled.ciUpper), 1.0970976775482868, relative: Self.tolerance))
        #expect(close(abs(result.pooled.statistic), 1.5476802658240556, relative: Self.tolerance))
        #expect(close(result.heterogeneity.Q, 11.38134974801449, relative: Self.tolerance))
        #expect(result.heterogeneity.df == 5)
        #expect(close(result.heterogeneity.I2, 56.06847948001717, relative: Self.tolerance))
        #expect(close(try #require(result.heterogeneity.tau2), 0.1385416661645487, relative: Self.tolerance))
        let weights = Dictionary(uniqueKeysWithValues: result.studies.map { ($0.label, $0.weight) })
        let revman = ["Brink 1951": 27.41327001256631, "Brumfitt 1957": 15.556231994976535, "Krober 1985": 0,
                      "Landsman 1951": 3.5344268291962933, "Middleton 1988": 1.8503428237241142,
                      "Nelson 1984": 24.347798747705767, "Whitfield 1981": 27.29792959183098]
        for (label, weight) in revman { #expect(close(try #require(weights[label]), weight, relative: Self.tolerance), "\(label)") }
        // The zero cell gets ½ in every cell, as RevMan shows the study.
        let middleton = try #require(result.studies.first { $0.label == "Middleton 1988" })
        #expect(close(exp(try #require(middleton.yi)), 1.9411764705882353, relative: Self.tolerance))
        #expect(close(exp(try #require(middleton.ciUpper)), 45.54285901227169, relative: 1e-9))
    }

    @Test("M-H random effects differs from DerSimonian–Laird around the inverse-variance estimate")
    func mantelHaenszelRandomIsNotPlainDL() throws {
        let plain = try MetaAnalysis.analyze(Self.fever, settings: AnalysisSettings(measure: .RR, method: .DL, compatibility: .revman),
                                             request: .pooledOnly)
        #expect(abs(exp(plain.pooled.yi) - 0.7061913003331955) > 1e-6)
    }

    @Test("M-H random effects needs method DL, a binary measure and no HKSJ", arguments: [
        AnalysisSettings(measure: .RR, method: .REML, mantelHaenszelRandomEffects: true),
        AnalysisSettings(measure: .RR, method: .DL, hksj: true, mantelHaenszelRandomEffects: true),
        AnalysisSettings(measure: .MD, method: .DL, mantelHaenszelRandomEffects: true),
    ])
    func mantelHaenszelRandomSettings(_ settings: AnalysisSettings) {
        let studies = settings.measure == .MD
            ? [Self.continuous("A", 1, 1, 10, 0, 1, 10), Self.continuous("B", 2, 1, 10, 1, 1, 10)]
            : Array(Self.fever.prefix(2))
        #expect(throws: MetaAnalysisError.self) { try MetaAnalysis.analyze(studies, settings: settings) }
    }

    // MARK: - M-H fixed effect with zero cells (CD004976, outcome CMP-003.02)

    @Test("M-H, Fixed odds ratio with a zero cell reproduces RevMan (CD004976 CMP-003.02)")
    func mantelHaenszelZeroCell() throws {
        let studies = [Self.binary("Loose 2004", 22, 481, 3, 162), Self.binary("Middleton 1981", 5, 91, 4, 90),
                       Self.binary("Sperber 1989", 0, 23, 1, 10), Self.binary("Sperber 2000", 9, 216, 5, 214)]
        let revman = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: .MH, compatibility: .revman),
                                              request: .pooledOnly)
        #expect(close(exp(revman.pooled.yi), 1.6531147511944886, relative: Self.tolerance))
        #expect(close(exp(revman.pooled.ciLower), 0.8566153987987626, relative: Self.tolerance))
        #expect(close(exp(revman.pooled.ciUpper), 3.1902162679412758, relative: Self.tolerance))
        #expect(close(abs(revman.pooled.statistic), 1.4985651789101242, relative: Self.tolerance))
        #expect(close(revman.heterogeneity.Q, 2.902779522939826, relative: Self.tolerance))
        let weights = [28.721402310831532, 25.489571853045287, 13.507461861743536, 32.28156397437965]
        for (study, weight) in zip(revman.studies, weights) { #expect(close(study.weight, weight, relative: Self.tolerance)) }
        // metafor's rma.mh adds nothing to the tables, so the zero cell changes the estimate.
        let metafor = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: .MH), request: .pooledOnly)
        #expect(abs(exp(metafor.pooled.yi) - 1.6531147511944886) > 1e-6)
    }

    // MARK: - Standardised mean difference (CD007868, outcome CMP-009.01)

    static let dmfs = [
        continuous("Buhe 1984", 12.3, 7.88, 421, 16.6, 9.23, 427),
        continuous("Cahen 1982", 3.54, 3.18, 1300, 4.05, 3.46, 708),
        continuous("Hanachowicz 1984", 5.3, 4.45, 473, 7.23, 5.59, 472),
        continuous("Hodge 1980", 6.01, 4.87, 403, 7.83, 5.49, 202),
    ]

    @Test("SMD, IV, Random reproduces RevMan's Hedges' g, its variance, I² and τ² (CD007868 CMP-009.01)")
    func standardisedMeanDifference() throws {
        let settings = AnalysisSettings(measure: .SMD, method: .DL, compatibility: .revman)
        let result = try MetaAnalysis.analyze(Self.dmfs, settings: settings, request: .pooledOnly)
        let effects = [-0.5003502479202966, -0.15536280611559086, -0.38174897244248746, -0.3574649578924244]
        let errors = [0.06975326927819389, 0.04677266641027513, 0.06565240915054392, 0.08682269960797338]
        let weights = [24.764731409799108, 27.341170131182977, 25.258285094560968, 22.63581336445695]
        for (index, study) in result.studies.enumerated() {
            #expect(close(try #require(study.yi), effects[index], relative: Self.tolerance))
            #expect(close(try #require(study.se), errors[index], relative: Self.tolerance))
            #expect(close(study.weight, weights[index], relative: Self.tolerance))
        }
        #expect(close(result.pooled.yi, -0.3437267486633133, relative: Self.tolerance))
        #expect(close(result.pooled.ciLower, -0.5081470918205595, relative: Self.tolerance))
        #expect(close(result.pooled.ciUpper, -0.1793064055060672, relative: Self.tolerance))
        #expect(close(abs(result.pooled.statistic), 4.097376486186072, relative: Self.tolerance))
        #expect(close(result.heterogeneity.Q, 19.79840810458096, relative: Self.tolerance))
        #expect(close(result.heterogeneity.I2, 84.84726658753003, relative: Self.tolerance))
        #expect(close(try #require(result.heterogeneity.tau2), 0.02355168224493383, relative: Self.tolerance))
    }

    @Test("metafor's SMD (exact correction, its own variance) differs from RevMan's")
    func standardisedMeanDifferenceMetafor() throws {
        let result = try MetaAnalysis.analyze(Self.dmfs, settings: AnalysisSettings(measure: .SMD, method: .DL), request: .pooledOnly)
        #expect(abs(try #require(result.studies[0].se) - 0.06975326927819389) > 1e-6)
    }

    @Test("I² under random effects is RevMan's (Q − df)/Q, not metafor's τ²-based value")
    func randomEffectsI2() throws {
        // REML's τ² gives metafor a different I²; RevMan's always comes from Q.
        let revman = try MetaAnalysis.analyze(Self.dmfs, settings: AnalysisSettings(measure: .SMD, method: .REML, compatibility: .revman),
                                              request: .pooledOnly)
        let Q = revman.heterogeneity.Q
        #expect(close(revman.heterogeneity.I2, 100 * (Q - 3) / Q, relative: Self.tolerance))
        let metafor = try MetaAnalysis.analyze(Self.dmfs, settings: AnalysisSettings(measure: .SMD, method: .REML, compatibility: .metafor),
                                               request: .pooledOnly)
        #expect(abs(metafor.heterogeneity.I2 - revman.heterogeneity.I2) > 1e-3)
    }

    // MARK: - Formulas no fixture exercises (worked out by hand)

    @Test("Peto: each study shows its own Peto odds ratio, exp((O − E)/V) with SE 1/√V")
    func petoStudies() throws {
        // a = 3 of 20, c = 8 of 21: N = 41, events 11, E = 11·20/41, V = 11·30·20·21/(41²·40).
        let studies = [Self.binary("A", 3, 20, 8, 21), Self.binary("B", 5, 30, 6, 28)]
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: .PETO, compatibility: .revman),
                                              request: .pooledOnly)
        let E = 11.0 * 20 / 41, V = 11.0 * 30 * 20 * 21 / (41 * 41 * 40)
        let a = result.studies[0]
        #expect(close(try #require(a.yi), (3 - E) / V, relative: Self.tolerance))
        #expect(close(try #require(a.vi), 1 / V, relative: Self.tolerance))
        // The pooled Peto estimate is the same either way: Σ(O − E)/ΣV.
        let metafor = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .OR, method: .PETO), request: .pooledOnly)
        #expect(close(result.pooled.yi, metafor.pooled.yi, relative: Self.tolerance))
        #expect(close(result.pooled.se, metafor.pooled.se, relative: Self.tolerance))
    }

    @Test("M-H risk difference: Greenland & Robins' variance, ½ added to tables with a zero cell")
    func riskDifference() throws {
        let studies = [Self.binary("A", 4, 40, 10, 38), Self.binary("B", 0, 25, 3, 27)]
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .RD, method: .MH, compatibility: .revman),
                                              request: .pooledOnly)
        // Table B becomes 0.5/26 against 3.5/28.
        let tables: [(a: Double, b: Double, c: Double, d: Double)] = [(4, 36, 10, 28), (0.5, 25.5, 3.5, 24.5)]
        var numerator = 0.0, weights = 0.0, variance = 0.0
        for t in tables {
            let n1 = t.a + t.b, n2 = t.c + t.d, N = n1 + n2
            numerator += (t.a * n2 - t.c * n1) / N
            weights += n1 * n2 / N
            variance += (t.a * t.b * n2 * n2 * n2 + t.c * t.d * n1 * n1 * n1) / (n1 * n2 * N * N)
        }
        #expect(close(result.pooled.yi, numerator / weights, relative: Self.tolerance))
        #expect(close(result.pooled.se, (variance / (weights * weights)).squareRoot(), relative: Self.tolerance))
    }
}
