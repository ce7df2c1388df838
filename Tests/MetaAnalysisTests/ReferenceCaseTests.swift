import Foundation
import TestSupport
import Testing
@testable import MetaAnalysis

/// Every case of /work/shared/reference: the engine must reproduce every number R metafor 3.8-1
/// computed, to relative 1e-6 (absolute 1e-9 near zero).
@Suite("Reference cases (R metafor 3.8-1)")
struct ReferenceCaseTests {
    @Test("The reference cases are present")
    func casesArePresent() {
        let directory = ReferenceCase.referenceDirectory.appendingPathComponent("cases")
        #expect(FileManager.default.fileExists(atPath: directory.path),
                "Reference cases not found at \(directory.path): shared/ must sit beside the package root.")
        #expect(ReferenceCase.all.count >= 77, "Expected at least 77 reference cases, found \(ReferenceCase.all.count).")
    }

    @Test("Case agrees with metafor", arguments: ReferenceCase.all)
    func caseAgrees(_ referenceCase: ReferenceCase) throws {
        let loaded = try referenceCase.load()
        let mismatches = try Self.mismatches(loaded)
        for mismatch in mismatches {
            Issue.record("\(referenceCase.id): \(mismatch)")
        }
    }

    /// The differences between the case's `expected` and our result, with metafor's handling of
    /// double-zero studies (as the reference uses it).
    static func mismatches(_ loaded: ReferenceCase.Loaded) throws -> [ReferenceComparison.Mismatch] {
        let studies = try loaded.studies()
        let result = try MetaAnalysis.analyze(studies, settings: loaded.settings(), request: loaded.request)
        var actual = try JSONValue.encoding(result).object ?? [:]
        var expected = loaded.expected.object ?? [:]

        // Our `cumulative` is the reference's `cumulative_by_year`.
        if let cumulative = expected.removeValue(forKey: "cumulative_by_year") { expected["cumulative"] = cumulative }

        // The reference nests two prediction intervals; ours is one, chosen by a setting.
        if let prediction = expected.removeValue(forKey: "prediction") {
            expected["prediction"] = prediction["higgins_t_k_minus_2"] ?? .null
            if let metaforInterval = prediction["metafor"] {
                let other = try MetaAnalysis.analyze(studies, settings: loaded.settings(prediction: .metafor),
                                                     request: .pooledOnly)
                actual["prediction_metafor"] = try JSONValue.encoding(other)["prediction"]
                expected["prediction_metafor"] = metaforInterval
            }
        }

        // make_reference.R records heterogeneity.df as res$k − 1, and rma.mh/rma.peto count the
        // double-zero tables in k although their Q leaves them out (Q, p and I² use k − 1 − #double-zero
        // df). We report the df that Q, p and I² actually use, so expect that.
        if (loaded.method == .MH || loaded.method == .PETO) && loaded.doubleZeroCount > 0,
           case .object(var heterogeneity)? = expected["heterogeneity"], let df = heterogeneity["df"]?.number {
            heterogeneity["df"] = .number(df - Double(loaded.doubleZeroCount))
            expected["heterogeneity"] = .object(heterogeneity)
        }
        return ReferenceComparison().compare(expected: .object(expected), actual: .object(actual))
    }
}
