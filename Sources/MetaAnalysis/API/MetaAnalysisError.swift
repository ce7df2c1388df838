/// Why an analysis could not be computed. The description names the study and the problem.
public enum MetaAnalysisError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The analysis has no studies.
    case noStudies
    /// No study gives an estimable effect (e.g. every study has no events in both arms).
    case noEstimableStudies(measure: EffectMeasure)
    /// A number is missing, negative, out of range or not finite.
    case invalidValue(study: String, field: String, value: Double, reason: String)
    /// The kind of data does not fit the measure (e.g. means and SDs for a risk ratio).
    case dataDoesNotFitMeasure(study: String, measure: EffectMeasure, data: String)
    /// The pooling method cannot pool this measure (e.g. Peto for a risk ratio).
    case methodDoesNotFitMeasure(method: PoolingMethod, measure: EffectMeasure)
    /// A setting is out of range.
    case invalidSetting(String)
    /// An iterative estimator did not converge.
    case notConverged(estimator: String, iterations: Int, detail: String)
    /// The pooled estimate is undefined for these data (e.g. MH odds ratio with no events in one arm of every study).
    case poolingUndefined(String)
    /// The data are degenerate for the requested computation (e.g. all studies identical with HKSJ).
    case degenerate(String)

    public var description: String {
        switch self {
        case .noStudies:
            return "The analysis has no studies."
        case .noEstimableStudies(let measure):
            return "No study has an estimable \(measure.displayName.lowercased()) (for example, every study has no events in either arm)."
        case let .invalidValue(study, field, value, reason):
            return "Study \"\(study)\": \(field) is \(Self.format(value)); \(reason)."
        case let .dataDoesNotFitMeasure(study, measure, data):
            return "Study \"\(study)\": \(data) data cannot give a \(measure.displayName.lowercased()) (\(measure.rawValue))."
        case let .methodDoesNotFitMeasure(method, measure):
            let allowed = method == .PETO ? "odds ratios (OR)" : "risk ratios, odds ratios and risk differences (RR, OR, RD)"
            return "The \(method.displayName) method cannot pool \(measure.displayName.lowercased())s (\(measure.rawValue)); it pools only \(allowed)."
        case .invalidSetting(let message):
            return "Invalid setting: \(message)"
        case let .notConverged(estimator, iterations, detail):
            return "The \(estimator) estimator of τ² did not converge in \(iterations) iterations (\(detail)); try another estimator (method: DL or PM)."
        case .poolingUndefined(let message):
            return "The pooled estimate is undefined: \(message)"
        case .degenerate(let message):
            return message
        }
    }

    /// A weighted least-squares fit that has no solution: with a moderator, it does not vary; without
    /// one, the data themselves are unusable (effects or variances of extreme size).
    static func singular(coefficients: Int) -> MetaAnalysisError {
        coefficients > 1
            ? .degenerate("The model cannot be fitted: the moderator does not vary across the studies.")
            : .degenerate("The model cannot be fitted: the studies' effects or variances are too extreme (values beyond about 1e150, or a variance of 0).")
    }

    private static func format(_ value: Double) -> String {
        if value.isNaN { return "missing (NaN)" }
        if value.isInfinite { return value > 0 ? "infinite" : "negative infinite" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
