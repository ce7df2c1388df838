import Foundation
import Testing
@testable import MetaAnalysis

@Suite("Large analyses")
struct LargeAnalysisTests {
    @Test("10,000 studies: a full result with finite numbers; the k² analyses are skipped with a note",
          arguments: [PoolingMethod.DL, .REML, .PM, .MH])
    func tenThousandStudies(_ method: PoolingMethod) throws {
        let generic = Fixtures.genericStudies(10_000)
        // MH needs 2×2 tables: make them from the same generator.
        var random = Fixtures.Generator(state: 7)
        let studies = method == .MH ? (0..<10_000).map { i in
            Fixtures.binary("Trial \(i)", Double(1 + Int(random.next() * 20)), 100, Double(1 + Int(random.next() * 25)), 100)
        } : generic
        let measure: EffectMeasure = method == .MH ? .OR : .GEN
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: measure, method: method))
        #expect(result.pooled.k == 10_000)
        #expect(result.heterogeneity.df == 9_999)
        #expect(result.leaveOneOut == nil && (result.cumulative == nil))
        #expect(result.notes.contains { $0.contains("exceed the limit") })
        #expect(result.smallStudy?.egger != nil)
        #expect(result.smallStudy?.begg?.exact == false)
        #expect(result.smallStudy?.trimAndFill != nil)
        #expect(try Fixtures.encodedWithoutNull(result))
        if method != .MH {
            #expect(abs(result.pooled.yi - 0.2) < 0.05)
            #expect(result.subgroups?.groups.count == 2)
            #expect(result.metaRegression?.k == 10_000)
        }
    }

    @Test("1,000 studies: leave-one-out and cumulative are run")
    func thousandStudies() throws {
        let result = try MetaAnalysis.analyze(Fixtures.genericStudies(1_000),
                                              settings: AnalysisSettings(measure: .GEN, method: .DL))
        #expect(result.leaveOneOut?.count == 1_000)
        #expect(result.cumulative?.count == 1_000)
        #expect(result.cumulative?.last?.pooled.yi == result.pooled.yi)
        #expect(try Fixtures.encodedWithoutNull(result))
    }
}
