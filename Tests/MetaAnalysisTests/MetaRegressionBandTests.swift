import Foundation
import Testing
@testable import MetaAnalysis

/// The meta-regression's fitted line, its confidence band and the studies it was fitted to (what a
/// bubble plot draws).
@Suite("Meta-regression: fitted line and band")
struct MetaRegressionBandTests {
    let studies = Fixtures.genericStudies(24)

    func regression(_ studies: [Study], method: PoolingMethod, hksj: Bool = false) throws -> MetaRegression {
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .GEN, method: method, hksj: hksj))
        return try #require(result.metaRegression)
    }

    @Test("At moderator 0 the band is the intercept's confidence interval", arguments: [PoolingMethod.IV, .DL, .REML])
    func bandAtZeroIsTheInterceptCI(method: PoolingMethod) throws {
        for hksj in [false, true] {
            let fit = try regression(studies, method: method, hksj: hksj)
            let band = fit.fitted(at: 0)
            #expect(abs(band.estimate - fit.intercept) < 1e-12)
            #expect(abs(band.lower - fit.ciLower[0]) < 1e-10)
            #expect(abs(band.upper - fit.ciUpper[0]) < 1e-10)
        }
    }

    /// Moving the moderator's origin to c makes the fitted value at c the intercept: the band there
    /// must be that model's intercept CI. This checks the covariance term.
    @Test("The band at c equals the intercept CI of the model with the moderator centred at c", arguments: [PoolingMethod.IV, .REML])
    func bandMatchesACentredRefit(method: PoolingMethod) throws {
        for hksj in [false, true] {
            let fit = try regression(studies, method: method, hksj: hksj)
            #expect(fit.covariance < 0) // moderators are positive, so intercept and slope trade off
            for c in [3.0, 8.5, 20.0] {
                let centred = studies.map { study in
                    var copy = study
                    copy.moderator = study.moderator.map { $0 - c }
                    return copy
                }
                let refit = try regression(centred, method: method, hksj: hksj)
                let band = fit.fitted(at: c)
                #expect(abs(band.estimate - refit.intercept) < 1e-9)
                #expect(abs(band.lower - refit.ciLower[0]) < 1e-9)
                #expect(abs(band.upper - refit.ciUpper[0]) < 1e-9)
                // The band is narrowest near the moderator's weighted mean, never of zero width.
                #expect(band.upper - band.lower > 0)
            }
        }
    }

    @Test("Studies carry their moderator, effect and weight 1/(vi + τ²) in percent")
    func studiesOfTheRegression() throws {
        var input = studies
        input[2].moderator = nil // left out of the regression
        let fit = try regression(input, method: .REML)
        #expect(fit.studies.count == fit.k)
        #expect(fit.studies.count == input.count - 1)
        #expect(!fit.studies.contains { $0.label == input[2].label })
        let tau2 = try #require(fit.tau2)
        let raw = fit.studies.map { 1 / ($0.vi + tau2) }
        let total = raw.reduce(0, +)
        for (point, w) in zip(fit.studies, raw) {
            let study = try #require(input.first { $0.label == point.label })
            #expect(point.moderator == study.moderator)
            if case let .generic(yi, vi) = study.data {
                #expect(point.yi == yi && point.vi == vi)
            }
            #expect(abs(point.weight - 100 * w / total) < 1e-9)
        }
        #expect(abs(fit.studies.map(\.weight).reduce(0, +) - 100) < 1e-9)
    }
}
