import Foundation

/// What the funnel plot's vertical axis shows. Either way the most precise studies sit at the top:
/// standard error and variance run downwards from 0, inverse standard error and sample size upwards.
public enum FunnelYAxis: String, CaseIterable, Sendable {
    case se
    case variance
    case inverseSE = "inverse_se"
    case sampleSize = "sample_size"

    /// The axis title.
    public var title: String {
        switch self {
        case .se: return "Standard error"
        case .variance: return "Variance"
        case .inverseSE: return "Inverse standard error"
        case .sampleSize: return "Sample size"
        }
    }

    /// Whether the axis's values grow upwards (precision) rather than downwards (error).
    public var growsUpwards: Bool { self == .inverseSE || self == .sampleSize }

    /// The axis value of a study with standard error `se` and sample size `n`; nil when the axis
    /// needs a sample size the study does not have.
    public func value(se: Double, sampleSize n: Double?) -> Double? {
        switch self {
        case .se: return se
        case .variance: return se * se
        case .inverseSE: return 1 / se
        case .sampleSize: return n
        }
    }

    /// The standard error at an axis value, for drawing pseudo-confidence limits and contours;
    /// nil for sample size, which does not determine a standard error.
    public func standardError(at value: Double) -> Double? {
        switch self {
        case .se: return value
        case .variance: return max(0, value).squareRoot()
        case .inverseSE: return value > 0 ? 1 / value : .infinity
        case .sampleSize: return nil
        }
    }

    /// Whether limits drawn against this axis are straight lines (so two points describe them).
    var isLinearInSE: Bool { self == .se }
}
