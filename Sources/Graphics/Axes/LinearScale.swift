/// Maps data values linearly onto positions in points.
///
/// ```swift
/// let x = LinearScale(domain: -2...2, rangeStart: 100, rangeEnd: 300)
/// x(0)        // 200
/// x.invert(250) // 1
/// ```
/// For a vertical axis pass the bottom of the plot as `rangeStart` and the top as `rangeEnd`.
public struct LinearScale: Sendable, Hashable {
    /// The data values the axis spans.
    public let domain: ClosedRange<Double>
    /// The position of `domain.lowerBound`.
    public let rangeStart: Double
    /// The position of `domain.upperBound`.
    public let rangeEnd: Double

    /// A zero-width domain is widened by 0.5 on each side so every value still maps somewhere.
    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.domain = domain.lowerBound == domain.upperBound
            ? (domain.lowerBound - 0.5)...(domain.upperBound + 0.5)
            : domain
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// The position of `value` (values outside the domain extrapolate).
    public func map(_ value: Double) -> Double {
        let t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        return rangeStart + t * (rangeEnd - rangeStart)
    }

    /// The position of `value`: `scale(value)` is `scale.map(value)`.
    public func callAsFunction(_ value: Double) -> Double { map(value) }

    /// The data value at a position.
    public func invert(_ position: Double) -> Double {
        let t = (position - rangeStart) / (rangeEnd - rangeStart)
        return domain.lowerBound + t * (domain.upperBound - domain.lowerBound)
    }

    /// True when `value` lies within the domain.
    public func contains(_ value: Double) -> Bool { domain.contains(value) }

    /// `value` limited to the domain, e.g. to end a confidence interval at the axis (and draw an
    /// arrow there).
    public func clamp(_ value: Double) -> Double {
        min(domain.upperBound, max(domain.lowerBound, value))
    }
}
