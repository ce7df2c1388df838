import Foundation

/// Maps positive data values onto positions in points on a base-10 logarithmic axis, as used
/// for ratio measures (odds ratios, risk ratios, hazard ratios).
///
/// Values that are not positive have no position: `map` returns NaN for them, which every
/// canvas skips. Check `contains` or `clamp` first when data may hold such values.
public struct LogScale: Sendable, Hashable {
    /// The positive data values the axis spans.
    public let domain: ClosedRange<Double>
    /// The position of `domain.lowerBound`.
    public let rangeStart: Double
    /// The position of `domain.upperBound`.
    public let rangeEnd: Double

    /// Returns nil unless the domain is finite and strictly positive. A zero-width domain is
    /// widened to a factor of √10 on each side.
    public init?(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        guard domain.lowerBound > 0, domain.upperBound.isFinite else { return nil }
        self.domain = domain.lowerBound == domain.upperBound
            ? (domain.lowerBound / 10.0.squareRoot())...(domain.upperBound * 10.0.squareRoot())
            : domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The position of `value`; NaN when `value` is not positive.
    public func map(_ value: Double) -> Double {
        guard value > 0 else { return .nan }
        let low = log10(domain.lowerBound), high = log10(domain.upperBound)
        let t = (log10(value) - low) / (high - low)
        return rangeStart + t * (rangeEnd - rangeStart)
    }

    /// The position of `value`: `scale(value)` is `scale.map(value)`.
    public func callAsFunction(_ value: Double) -> Double { map(value) }

    /// The data value at a position.
    public func invert(_ position: Double) -> Double {
        let low = log10(domain.lowerBound), high = log10(domain.upperBound)
        let t = (position - rangeStart) / (rangeEnd - rangeStart)
        return pow(10, low + t * (high - low))
    }

    /// True when `value` lies within the domain.
    public func contains(_ value: Double) -> Bool { domain.contains(value) }

    /// `value` limited to the domain; non-positive values go to the lower bound.
    public func clamp(_ value: Double) -> Double {
        guard !value.isNaN else { return domain.lowerBound }
        return min(domain.upperBound, max(domain.lowerBound, value))
    }
}
