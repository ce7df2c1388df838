import Foundation

/// Per-study effects, as metafor's escalc computes them: log RR, log OR and RD with ½ added to
/// every cell of a study that has a zero cell; MD; SMD as Hedges' g with the exact gamma-function
/// correction and the large-sample variance; generic estimates from yi/vi, yi/SE or a 95% CI.
enum EffectSizeCalculator {
    /// The z of a two-sided 95% interval, as used to turn a reported CI into a standard error.
    static let ciZ = 1.959964

    /// What one study gives: an effect, or the reason it is not estimable.
    struct Outcome {
        var yi: Double?
        var vi: Double?
        var counts: BinaryCounts?
        var isDoubleZero = false
        var continuityCorrected = false
        var note: String?
    }

    static func compute(_ study: Study, settings: AnalysisSettings) throws -> Outcome {
        let measure = settings.measure
        switch study.data {
        case let .binary(expEvents, expTotal, ctrlEvents, ctrlTotal):
            guard measure.isBinary else { throw mismatch(study, measure, "binary (events/totals)") }
            return try binary(study, a: expEvents, n1: expTotal, c: ctrlEvents, n2: ctrlTotal, settings: settings)
        case let .continuous(expMean, expSD, expTotal, ctrlMean, ctrlSD, ctrlTotal):
            guard measure.isContinuous else { throw mismatch(study, measure, "continuous (means/SDs)") }
            return try continuous(study, m1: expMean, sd1: expSD, n1: expTotal,
                                  m2: ctrlMean, sd2: ctrlSD, n2: ctrlTotal, smd: measure == .SMD,
                                  revman: settings.compatibility == .revman)
        case let .generic(yi, vi):
            guard measure == .GEN else { throw mismatch(study, measure, "generic (estimate/variance)") }
            try requireFinite(study, "the estimate (yi)", yi)
            try requirePositive(study, "the variance (vi)", vi)
            return Outcome(yi: yi, vi: vi)
        case let .genericSE(yi, se):
            guard measure == .GEN else { throw mismatch(study, measure, "generic (estimate/SE)") }
            try requireFinite(study, "the estimate (yi)", yi)
            try requirePositive(study, "the standard error", se)
            return Outcome(yi: yi, vi: se * se)
        case let .genericCI(estimate, lower, upper):
            guard measure == .GEN else { throw mismatch(study, measure, "generic (estimate/CI)") }
            return try genericCI(study, estimate: estimate, lower: lower, upper: upper, ratio: settings.genericIsRatio)
        }
    }

    // MARK: - Binary

    private static func binary(_ study: Study, a: Double, n1: Double, c: Double, n2: Double,
                               settings: AnalysisSettings) throws -> Outcome {
        try requireCount(study, "experimental events", a)
        try requireCount(study, "control events", c)
        try requirePositive(study, "the experimental total", n1)
        try requirePositive(study, "the control total", n2)
        guard a <= n1 else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: "experimental events", value: a,
                                                 reason: "it exceeds the experimental total (\(format(n1)))")
        }
        guard c <= n2 else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: "control events", value: c,
                                                 reason: "it exceeds the control total (\(format(n2)))")
        }
        let counts = BinaryCounts(a: a, b: n1 - a, c: c, d: n2 - c)
        let noEvents = a == 0 && c == 0
        let allEvents = counts.b == 0 && counts.d == 0
        let doubleZero = noEvents || allEvents
        let measure = settings.measure
        var outcome = Outcome(counts: counts, isDoubleZero: doubleZero)
        if doubleZero && measure != .RD && settings.doubleZeroStudies == .excludeAsNotEstimable {
            outcome.note = noEvents ? "not estimable: no events in either arm"
                                    : "not estimable: every participant had the event in both arms"
            return outcome
        }
        // RevMan shows Peto's own odds ratio for each study: exp((O − E)/V), SE 1/√V, no correction.
        if settings.compatibility == .revman && settings.method == .PETO && measure == .OR {
            let N = counts.total, events = counts.a + counts.c
            let V = N > 1 ? events * (counts.b + counts.d) * (n1 / N) * (n2 / N) / (N - 1) : 0
            guard V > 0 else {
                outcome.note = "not estimable: Peto's variance is 0"
                return outcome
            }
            outcome.yi = (counts.a - events * n1 / N) / V
            outcome.vi = 1 / V
            return outcome
        }
        // escalc(add = 1/2, to = "only0"): ½ in every cell of a table with a zero cell.
        let corrected = counts.a == 0 || counts.b == 0 || counts.c == 0 || counts.d == 0
        let add = corrected ? 0.5 : 0
        let ai = counts.a + add, bi = counts.b + add, ci = counts.c + add, di = counts.d + add
        let m1 = ai + bi, m2 = ci + di
        switch measure {
        case .RR:
            outcome.yi = log(ai / m1) - log(ci / m2)
            outcome.vi = 1 / ai - 1 / m1 + 1 / ci - 1 / m2
        case .OR:
            outcome.yi = log(ai) + log(di) - log(bi) - log(ci)
            outcome.vi = 1 / ai + 1 / bi + 1 / ci + 1 / di
        default:   // RD
            let p1 = ai / m1, p2 = ci / m2
            outcome.yi = p1 - p2
            outcome.vi = p1 * (1 - p1) / m1 + p2 * (1 - p2) / m2
        }
        outcome.continuityCorrected = corrected
        if corrected { outcome.note = "½ added to each cell (zero cell)" }
        return outcome
    }

    // MARK: - Continuous

    private static func continuous(_ study: Study, m1: Double, sd1: Double, n1: Double,
                                   m2: Double, sd2: Double, n2: Double, smd: Bool, revman: Bool) throws -> Outcome {
        try requireFinite(study, "the experimental mean", m1)
        try requireFinite(study, "the control mean", m2)
        try requireNonNegative(study, "the experimental SD", sd1)
        try requireNonNegative(study, "the control SD", sd2)
        try requirePositive(study, "the experimental total", n1)
        try requirePositive(study, "the control total", n2)
        if !smd {
            let vi = sd1 * sd1 / n1 + sd2 * sd2 / n2
            guard vi > 0 else {
                throw MetaAnalysisError.invalidValue(study: study.label, field: "the SDs", value: 0,
                                                     reason: "the mean difference needs a positive SD in at least one arm")
            }
            return Outcome(yi: m1 - m2, vi: vi)
        }
        let df = n1 + n2 - 2
        guard df >= 2 else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: "the total number of participants",
                                                 value: n1 + n2, reason: "Hedges' g needs at least 4 participants")
        }
        let pooledSD = (((n1 - 1) * sd1 * sd1 + (n2 - 1) * sd2 * sd2) / df).squareRoot()
        guard pooledSD > 0 else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: "the pooled SD", value: pooledSD,
                                                 reason: "the standardized mean difference needs a positive SD")
        }
        if revman {
            // RevMan 5 (Deeks & Higgins 2010): Hedges' adjusted g with the approximate correction
            // 1 − 3/(4N − 9) and the variance N/(n₁n₂) + g²/(2(N − 3.94)), N = n₁ + n₂.
            let N = n1 + n2
            let g = (m1 - m2) / pooledSD * (1 - 3 / (4 * N - 9))
            return Outcome(yi: g, vi: N / (n1 * n2) + g * g / (2 * (N - 3.94)))
        }
        // Hedges' exact small-sample correction J(m) = Γ(m/2) / (√(m/2) Γ((m−1)/2)).
        let correction = exp(SpecialFunctions.logGamma(df / 2) - 0.5 * log(df / 2) - SpecialFunctions.logGamma((df - 1) / 2))
        let g = correction * (m1 - m2) / pooledSD
        // Large-sample variance (escalc vtype = "LS").
        let vi = 1 / n1 + 1 / n2 + g * g / (2 * (n1 + n2))
        return Outcome(yi: g, vi: vi)
    }

    // MARK: - Generic from a confidence interval

    private static func genericCI(_ study: Study, estimate: Double, lower: Double, upper: Double,
                                  ratio: Bool) throws -> Outcome {
        try requireFinite(study, "the estimate", estimate)
        try requireFinite(study, "the lower CI limit", lower)
        try requireFinite(study, "the upper CI limit", upper)
        if ratio {
            try requirePositive(study, "the estimate (a ratio)", estimate)
            try requirePositive(study, "the lower CI limit (a ratio)", lower)
            try requirePositive(study, "the upper CI limit (a ratio)", upper)
        }
        guard lower < upper else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: "the lower CI limit", value: lower,
                                                 reason: "it must be below the upper limit (\(format(upper)))")
        }
        guard lower <= estimate && estimate <= upper else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: "the estimate", value: estimate,
                                                 reason: "it lies outside its CI (\(format(lower)) to \(format(upper)))")
        }
        let yi = ratio ? log(estimate) : estimate
        let se = ratio ? (log(upper) - log(lower)) / (2 * ciZ) : (upper - lower) / (2 * ciZ)
        return Outcome(yi: yi, vi: se * se)
    }

    // MARK: - Validation

    private static func mismatch(_ study: Study, _ measure: EffectMeasure, _ kind: String) -> MetaAnalysisError {
        .dataDoesNotFitMeasure(study: study.label, measure: measure, data: kind)
    }

    private static func requireFinite(_ study: Study, _ field: String, _ value: Double) throws {
        guard value.isFinite else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: field, value: value, reason: "a finite number is needed")
        }
    }

    private static func requirePositive(_ study: Study, _ field: String, _ value: Double) throws {
        try requireFinite(study, field, value)
        guard value > 0 else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: field, value: value, reason: "it must be positive")
        }
    }

    private static func requireNonNegative(_ study: Study, _ field: String, _ value: Double) throws {
        try requireFinite(study, field, value)
        guard value >= 0 else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: field, value: value, reason: "it cannot be negative")
        }
    }

    private static func requireCount(_ study: Study, _ field: String, _ value: Double) throws {
        try requireFinite(study, field, value)
        guard value >= 0 else {
            throw MetaAnalysisError.invalidValue(study: study.label, field: field, value: value, reason: "a count cannot be negative")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
