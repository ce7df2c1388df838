/// Pools a set of study effects with the analysis' method: rma.uni (IV or random effects),
/// Mantel–Haenszel or Peto.
struct Pooler {
    let settings: AnalysisSettings

    var model: InverseVarianceModel {
        InverseVarianceModel(method: inverseVarianceMethod, hksj: settings.hksj,
                             convergence: settings.convergence, level: settings.confidenceLevel)
    }

    /// The rma.uni method used where MH/Peto do not apply (small-study tests, meta-regression): IV.
    var inverseVarianceMethod: PoolingMethod {
        settings.method == .MH || settings.method == .PETO ? .IV : settings.method
    }

    func pool(_ effects: [StudyEffect]) throws -> PoolFit {
        var fit = try poolWithMethod(effects)
        // RevMan reports I² = (Q − df)/Q and H² = Q/df for random-effects models too.
        if settings.compatibility == .revman && fit.isRandomEffects {
            fit.I2 = fit.Q > 0 && fit.Qdf > 0 ? max(0, 100 * (fit.Q - Double(fit.Qdf)) / fit.Q) : 0
            fit.H2 = fit.Qdf > 0 ? fit.Q / Double(fit.Qdf) : 1
        }
        // Never hand on a NaN or infinity: say that the data are degenerate instead.
        let numbers = [fit.estimate, fit.se, fit.statistic, fit.p, fit.ciLower, fit.ciUpper,
                       fit.Q, fit.Qp, fit.I2, fit.H2, fit.tau2 ?? 0] + fit.weights
        guard numbers.allSatisfy(\.isFinite) else {
            throw MetaAnalysisError.degenerate("The pooled estimate could not be computed from these data (a result was not a finite number).")
        }
        return fit
    }

    private func poolWithMethod(_ effects: [StudyEffect]) throws -> PoolFit {
        let revman = settings.compatibility == .revman
        if settings.mantelHaenszelRandomEffects {
            let metaforDrop = settings.doubleZeroStudies == .includeWithCorrection
            let qEffects = effects.filter { !(metaforDrop && $0.isDoubleZero) }.map { (yi: $0.yi, vi: $0.vi) }
            return try MantelHaenszelRandomEffects.fit(effects, measure: settings.measure, level: settings.confidenceLevel,
                                                       qEffects: qEffects, revman: revman)
        }
        switch settings.method {
        case .MH, .PETO:
            // rma.mh/rma.peto leave tables with no events (or only events) in both arms out of Q
            // (metafor's drop00). By default such RR/OR studies never get here; a double-zero RD study
            // is estimable and stays in Q.
            let metaforDrop = settings.doubleZeroStudies == .includeWithCorrection
            let qEffects = effects.filter { !(metaforDrop && $0.isDoubleZero) }.map { (yi: $0.yi, vi: $0.vi) }
            if settings.method == .MH {
                return try MantelHaenszel.fit(effects, measure: settings.measure, level: settings.confidenceLevel,
                                              qEffects: qEffects, revman: revman)
            }
            return try Peto.fit(effects, level: settings.confidenceLevel, studiesWithEffect: qEffects.count)
        default:
            return PoolFit(try model.fit(ModelData(y: effects.map(\.yi), v: effects.map(\.vi))))
        }
    }

    /// A single study pooled alone: the study itself (common effect, z), as for a one-study subgroup.
    func single(_ effect: StudyEffect) throws -> PoolFit {
        let common = InverseVarianceModel(method: .IV, hksj: false, convergence: settings.convergence,
                                          level: settings.confidenceLevel)
        var fit = PoolFit(try common.fit(ModelData(y: [effect.yi], v: [effect.vi])))
        if settings.method.isRandomEffects { fit.tau2 = 0 }
        return fit
    }
}
