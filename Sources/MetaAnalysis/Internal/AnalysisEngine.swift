/// Runs one analysis: validates settings, computes study effects, pools them and runs the
/// requested further analyses. Optional analyses that cannot be computed are left out with a note;
/// only problems with the data or settings themselves throw.
struct AnalysisEngine {
    let settings: AnalysisSettings
    let request: AnalysisRequest

    func run(_ studies: [Study]) throws -> AnalysisResult {
        try validateSettings()
        guard !studies.isEmpty else { throw MetaAnalysisError.noStudies }

        let outcomes = try studies.map { try EffectSizeCalculator.compute($0, settings: settings) }
        let effects: [StudyEffect] = outcomes.enumerated().compactMap { index, outcome in
            guard let yi = outcome.yi, let vi = outcome.vi else { return nil }
            return StudyEffect(index: index, yi: yi, vi: vi, counts: outcome.counts, isDoubleZero: outcome.isDoubleZero)
        }
        guard !effects.isEmpty else { throw MetaAnalysisError.noEstimableStudies(measure: settings.measure) }

        let pooler = Pooler(settings: settings)
        let fit = try pooler.pool(effects)
        var notes: [String] = []
        if settings.hksj && !settings.method.isRandomEffects {
            notes.append("The Hartung–Knapp adjustment applies to random-effects models only; it was not used.")
        } else if settings.hksj && effects.count < 2 {
            // Its t distribution has k − 1 degrees of freedom: none with one study.
            notes.append("The Hartung–Knapp adjustment needs at least two studies; with one, the interval is the study's own (z-based).")
        }
        if effects.count < studies.count {
            let excluded = studies.count - effects.count
            notes.append("\(excluded) stud\(excluded == 1 ? "y is" : "ies are") not estimable and given no weight.")
        }

        let predictor = PredictionCalculator(method: settings.predictionInterval, level: settings.confidenceLevel)
        var result = AnalysisResult(
            settings: settings,
            studies: studyResults(studies, outcomes: outcomes, effects: effects, fit: fit),
            pooled: PooledEstimate(fit, method: settings.method),
            heterogeneity: Heterogeneity(fit),
            prediction: predictor.interval(for: fit),
            totals: totals(studies), notes: notes)

        let k = effects.count
        let labels = studies.map(\.label)
        if request.smallStudy && k >= 3 {
            result.smallStudy = SmallStudyAnalysis(pooler: pooler).run(effects, notes: &result.notes)
        }
        let sensitivity = SensitivityAnalysis(pooler: pooler, labels: labels)
        let wantsCumulative = request.cumulative && studies.contains(where: { $0.order != nil })
        if (request.leaveOneOut || wantsCumulative) && k > request.sensitivityStudyLimit {
            result.notes.append("Leave-one-out and cumulative analyses were skipped: \(k) studies exceed the limit of \(request.sensitivityStudyLimit) (AnalysisRequest.sensitivityStudyLimit), and their work grows with the square of the number of studies.")
        } else {
            if request.leaveOneOut && k >= 2 {
                result.leaveOneOut = sensitivity.leaveOneOut(effects, notes: &result.notes)
            }
            if wantsCumulative {
                result.cumulative = sensitivity.cumulative(effects, orderValues: studies.map(\.order), notes: &result.notes)
            }
        }
        if request.subgroups && studies.contains(where: { $0.subgroup != nil }) {
            result.subgroups = SubgroupAnalyzer(pooler: pooler, predictor: predictor)
                .run(effects, subgroupOf: studies.map(\.subgroup), allIndices: Array(studies.indices),
                     column: request.subgroupColumn, notes: &result.notes)
        }
        if request.metaRegression && studies.contains(where: { $0.moderator != nil }) {
            let missing = effects.filter { studies[$0.index].moderator?.isFinite != true }.count
            if missing > 0 {
                result.notes.append("\(missing) stud\(missing == 1 ? "y has" : "ies have") no moderator value and \(missing == 1 ? "is" : "are") left out of the meta-regression.")
            }
            do {
                result.metaRegression = try MetaRegressionAnalyzer(pooler: pooler)
                    .run(effects, moderatorOf: studies.map(\.moderator), labels: labels, name: request.moderatorName)
            } catch {
                result.notes.append("The meta-regression was not computed: \(error)")
            }
        }
        return result
    }

    private func validateSettings() throws {
        guard settings.method.fits(settings.measure) else {
            throw MetaAnalysisError.methodDoesNotFitMeasure(method: settings.method, measure: settings.measure)
        }
        guard settings.confidenceLevel > 0 && settings.confidenceLevel < 1 else {
            throw MetaAnalysisError.invalidSetting("the confidence level must lie between 0 and 1 (e.g. 0.95); it is \(settings.confidenceLevel).")
        }
        if settings.mantelHaenszelRandomEffects {
            guard settings.method == .DL, settings.measure.isBinary, !settings.hksj else {
                throw MetaAnalysisError.invalidSetting("the Mantel–Haenszel random-effects model (RevMan's \"M-H, Random\") needs method DL, a binary measure (RR, OR, RD) and no Hartung–Knapp adjustment.")
            }
        }
        if case let .precise(tolerance, maxIterations) = settings.convergence {
            guard tolerance > 0, tolerance.isFinite, maxIterations >= 1 else {
                throw MetaAnalysisError.invalidSetting("the convergence tolerance must be positive and the iteration limit at least 1.")
            }
        }
    }

    private func studyResults(_ studies: [Study], outcomes: [EffectSizeCalculator.Outcome], effects: [StudyEffect],
                              fit: PoolFit) -> [StudyResult] {
        var weightOf = [Double](repeating: 0, count: studies.count)
        let total = fit.weights.reduce(0, +)
        for (effect, weight) in zip(effects, fit.weights) where total > 0 {
            weightOf[effect.index] = 100 * weight / total
        }
        let z = Normal.upperQuantile((1 - settings.confidenceLevel) / 2)
        return studies.indices.map { index in
            let outcome = outcomes[index]
            let se = outcome.vi.map { $0.squareRoot() }
            return StudyResult(label: studies[index].label, data: studies[index].data, subgroup: studies[index].subgroup,
                               yi: outcome.yi, vi: outcome.vi, se: se,
                               ciLower: outcome.yi.flatMap { y in se.map { y - z * $0 } },
                               ciUpper: outcome.yi.flatMap { y in se.map { y + z * $0 } },
                               weight: weightOf[index], estimable: outcome.yi != nil,
                               continuityCorrected: outcome.continuityCorrected, note: outcome.note)
        }
    }

    private func totals(_ studies: [Study]) -> Totals? {
        var totals = Totals(experimentalParticipants: 0, controlParticipants: 0)
        for study in studies {
            switch study.data {
            case let .binary(expEvents, expTotal, ctrlEvents, ctrlTotal):
                totals.experimentalParticipants += expTotal
                totals.controlParticipants += ctrlTotal
                totals.experimentalEvents = (totals.experimentalEvents ?? 0) + expEvents
                totals.controlEvents = (totals.controlEvents ?? 0) + ctrlEvents
            case let .continuous(_, _, expTotal, _, _, ctrlTotal):
                totals.experimentalParticipants += expTotal
                totals.controlParticipants += ctrlTotal
            default:
                return nil
            }
        }
        return totals
    }
}
