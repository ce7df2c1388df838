import Foundation
import Testing
@testable import MetaAnalysis

/// Invalid input throws an error whose message names the study and the problem.
@Suite("Errors")
struct ErrorTests {
    private func message(_ studies: [Study], _ settings: AnalysisSettings) -> String? {
        do {
            _ = try MetaAnalysis.analyze(studies, settings: settings)
            return nil
        } catch let error as MetaAnalysisError {
            return error.description
        } catch {
            return "unexpected error type: \(error)"
        }
    }

    private let gen = AnalysisSettings(measure: .GEN, method: .REML)
    private let fine = Study(label: "Fine", data: .generic(yi: 0.1, vi: 0.02))

    @Test("Negative and zero variances")
    func badVariance() {
        let negative = message([fine, Study(label: "Smith 2001", data: .generic(yi: 0.2, vi: -0.5))], gen)
        #expect(negative == "Study \"Smith 2001\": the variance (vi) is -0.5; it must be positive.")
        let zeroSE = message([fine, Study(label: "Jones", data: .genericSE(yi: 0.2, se: 0))], gen)
        #expect(zeroSE?.contains("\"Jones\": the standard error is 0; it must be positive") == true)
    }

    @Test("NaN and infinity")
    func notFinite() {
        let nan = message([fine, Study(label: "Lee", data: .generic(yi: .nan, vi: 0.1))], gen)
        #expect(nan == "Study \"Lee\": the estimate (yi) is missing (NaN); a finite number is needed.")
        let infinite = message([Study(label: "Kim", data: .continuous(expMean: .infinity, expSD: 1, expTotal: 10,
                                                                       ctrlMean: 0, ctrlSD: 1, ctrlTotal: 10))],
                               AnalysisSettings(measure: .MD, method: .IV))
        #expect(infinite?.contains("\"Kim\": the experimental mean is infinite") == true)
    }

    @Test("Impossible counts")
    func badCounts() {
        let or = AnalysisSettings(measure: .OR, method: .MH)
        #expect(message([Fixtures.binary("Too many", 12, 10, 1, 10)], or)
            == "Study \"Too many\": experimental events is 12; it exceeds the experimental total (10).")
        #expect(message([Fixtures.binary("Negative", 1, 10, -1, 10)], or)
            == "Study \"Negative\": control events is -1; a count cannot be negative.")
        #expect(message([Fixtures.binary("Empty arm", 0, 0, 1, 10)], or)?.contains("the experimental total is 0") == true)
    }

    @Test("Bad continuous data")
    func badContinuous() {
        let smd = AnalysisSettings(measure: .SMD, method: .DL)
        let negativeSD = Study(label: "Neg SD", data: .continuous(expMean: 1, expSD: -2, expTotal: 10, ctrlMean: 0, ctrlSD: 1, ctrlTotal: 10))
        #expect(message([negativeSD], smd)?.contains("\"Neg SD\": the experimental SD is -2; it cannot be negative") == true)
        let zeroSDs = Study(label: "Flat", data: .continuous(expMean: 1, expSD: 0, expTotal: 10, ctrlMean: 0, ctrlSD: 0, ctrlTotal: 10))
        #expect(message([zeroSDs], smd)?.contains("\"Flat\"") == true)
        #expect(message([zeroSDs], AnalysisSettings(measure: .MD, method: .DL))?.contains("positive SD") == true)
        let tiny = Study(label: "Tiny", data: .continuous(expMean: 1, expSD: 1, expTotal: 1, ctrlMean: 0, ctrlSD: 1, ctrlTotal: 2))
        #expect(message([tiny], smd)?.contains("at least 4 participants") == true)
    }

    @Test("Data that does not fit the measure, and methods that do not fit it")
    func mismatches() {
        #expect(message([Fixtures.binary("Binary", 1, 10, 2, 10)], AnalysisSettings(measure: .MD, method: .IV))
            == "Study \"Binary\": binary (events/totals) data cannot give a mean difference (MD).")
        #expect(message([fine], AnalysisSettings(measure: .RR, method: .DL))?.contains("generic") == true)
        #expect(message([fine], AnalysisSettings(measure: .GEN, method: .MH))?.contains("Mantel–Haenszel") == true)
        #expect(message([Fixtures.binary("B", 1, 10, 2, 10)], AnalysisSettings(measure: .RR, method: .PETO))?
            .contains("only odds ratios") == true)
    }

    @Test("Bad confidence intervals for generic data")
    func badCI() {
        let ratio = AnalysisSettings(measure: .GEN, method: .DL, genericIsRatio: true)
        #expect(message([Study(label: "Reversed", data: .genericCI(estimate: 1.2, lower: 1.5, upper: 0.9))], ratio)?
            .contains("must be below the upper limit") == true)
        #expect(message([Study(label: "Outside", data: .genericCI(estimate: 2, lower: 0.5, upper: 1.5))], ratio)?
            .contains("outside its CI") == true)
        #expect(message([Study(label: "Negative ratio", data: .genericCI(estimate: 1, lower: -0.5, upper: 1.5))], ratio)?
            .contains("(a ratio)") == true)
    }

    @Test("No studies, bad settings, and an iteration limit that is too low")
    func settingsAndConvergence() {
        #expect(message([], gen) == "The analysis has no studies.")
        var badLevel = gen
        badLevel.confidenceLevel = 95
        #expect(message([fine], badLevel)?.hasPrefix("Invalid setting: the confidence level") == true)
        // REML cannot converge in one step: a clear error, never a silently unconverged value.
        let studies = Fixtures.genericStudies(20)
        var oneStep = gen
        oneStep.convergence = .precise(tolerance: 1e-12, maxIterations: 1)
        #expect(message(studies, oneStep)?.contains("did not converge in 1 iterations") == true)
    }
}
