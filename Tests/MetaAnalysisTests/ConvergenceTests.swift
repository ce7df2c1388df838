import Foundation
import Testing
@testable import MetaAnalysis

/// metafor's stopping rules (the default, needed to reproduce its numbers) versus the exact optimum.
@Suite("Convergence of iterative τ² estimators")
struct ConvergenceTests {
    private func bcgRD(_ method: PoolingMethod, _ convergence: Convergence) throws -> Double {
        let loaded = try #require(ReferenceCase.all.first { $0.id == "bcg-RD-\(method.rawValue)" }).load()
        var settings = loaded.settings()
        settings.convergence = convergence
        return try #require(try MetaAnalysis.analyze(try loaded.studies(), settings: settings, request: .pooledOnly)
            .heterogeneity.tau2)
    }

    @Test("metafor's rules reproduce metafor's values, which differ from the exact optimum for a small τ²")
    func metaforVersusPrecise() throws {
        // Exact roots, computed independently (Fisher scoring to 1e-14; Brent to machine precision).
        let exactREML = 0.001421403095674069, exactPM = 0.0014941935446018963
        let reml = try bcgRD(.REML, .metafor), pm = try bcgRD(.PM, .metafor)
        #expect(close(reml, 0.00142154043937327, relative: 1e-9))      // metafor 3.8-1
        #expect(close(pm, 0.00152372226110436, relative: 1e-9))        // metafor 3.8-1
        #expect(abs(reml - exactREML) / exactREML > 1e-5)             // metafor stops early …
        #expect(abs(pm - exactPM) / exactPM > 1e-2)
        #expect(close(try bcgRD(.REML, .tight), exactREML, relative: 1e-9))   // … `.tight` does not
        #expect(close(try bcgRD(.PM, .tight), exactPM, relative: 1e-9))
    }

    @Test("With .tight, the estimating equations hold", arguments: [PoolingMethod.REML, .ML, .EB, .PM])
    func estimatingEquations(_ method: PoolingMethod) throws {
        let studies = Fixtures.genericStudies(30, seed: 3)
        let result = try MetaAnalysis.analyze(studies, settings: AnalysisSettings(measure: .GEN, method: method, convergence: .tight),
                                              request: .pooledOnly)
        let tau2 = try #require(result.heterogeneity.tau2)
        #expect(tau2 > 0)
        let y = studies.map { if case let .generic(yi, _) = $0.data { return yi }; return 0 }
        let v = studies.map { if case let .generic(_, vi) = $0.data { return vi }; return 0 }
        let w = v.map { 1 / ($0 + tau2) }
        let sw = w.reduce(0, +), sw2 = w.reduce(0) { $0 + $1 * $1 }
        let mu = zip(w, y).reduce(0) { $0 + $1.0 * $1.1 } / sw
        let Q = zip(w, y).reduce(0) { $0 + $1.0 * ($1.1 - mu) * ($1.1 - mu) }
        let yPPy = zip(w, y).reduce(0) { $0 + $1.0 * $1.0 * ($1.1 - mu) * ($1.1 - mu) }
        let k = Double(studies.count)
        switch method {
        case .REML: #expect(close(yPPy, sw - sw2 / sw, relative: 1e-9))       // yᵀPPy = tr(P)
        case .ML: #expect(close(yPPy, sw, relative: 1e-9))                     // yᵀPPy = Σw
        case .EB: #expect(close(Q * k / (k - 1), k, relative: 1e-9))           // Q·k/(k−1) = k
        default: #expect(close(Q, k - 1, relative: 1e-9))                      // Q(τ²) = k − 1
        }
    }
}
