import Foundation
import Graphics

/// The horizontal effect axis of forest-style figures: log scale for ratios (values given on the
/// analysis scale, i.e. logs), linear otherwise, symmetric about no effect as RevMan draws it.
public struct EffectAxis: Sendable {
    /// Whether the axis is logarithmic (ratios; values on the analysis scale, i.e. logs).
    public let isRatio: Bool
    /// The axis domain on the analysis scale.
    public let domain: ClosedRange<Double>
    /// Tick positions on the analysis scale, with their labels.
    public let ticks: [(value: Double, label: String)]
    /// The plot's left and right edges in points.
    public let left: Double
    /// The plot's right edge in points.
    public let right: Double

    /// No effect on the analysis scale (0 for differences and log ratios).
    public var null: Double { 0 }

    /// Chooses a domain covering `core` (pooled results and study estimates) and, within reason,
    /// `extent` (every interval): at most one decade beyond the core for ratios, or twice the
    /// core's reach for differences; intervals reaching beyond get arrows. `limits` (natural scale)
    /// overrides the choice.
    public init(isRatio: Bool, core: [Double], extent: [Double], limits: (Double, Double)?, left: Double, right: Double,
                minusSign: NumberFormat.MinusSign) {
        self.isRatio = isRatio
        self.left = left
        self.right = right
        let finiteCore = core.filter(\.isFinite), finiteExtent = extent.filter(\.isFinite)
        let tickSet: AxisTicks
        if isRatio {
            if let (low, high) = limits, low > 0, high > low {
                tickSet = AxisTicks.logarithmic(lower: low, upper: high)
            } else {
                // Work in decades (log10) from the analysis scale's natural logs.
                let coreReach = finiteCore.map { abs($0) / log(10.0) }.max() ?? 0.3
                let fullReach = finiteExtent.map { abs($0) / log(10.0) }.max() ?? coreReach
                let reach = max(0.15, min(fullReach, max(coreReach, 0.3) + 1))
                tickSet = AxisTicks.logarithmic(lower: pow(10, -reach), upper: pow(10, reach), symmetricAroundOne: true)
            }
            self.domain = log(tickSet.domain.lowerBound)...log(tickSet.domain.upperBound)
            ticks = zip(tickSet.values, tickSet.labels(minusSign: minusSign)).map { (log($0.0), $0.1) }
        } else {
            if let (low, high) = limits, high > low {
                tickSet = AxisTicks.linear(lower: low, upper: high, targetCount: 4)
            } else {
                let coreReach = finiteCore.map(abs).max() ?? 1
                let fullReach = finiteExtent.map(abs).max() ?? coreReach
                var reach = min(fullReach, max(coreReach, 1e-9) * 2)
                if reach <= 0 || !reach.isFinite { reach = 1 }
                tickSet = AxisTicks.linear(lower: -reach, upper: reach, targetCount: 4)
            }
            self.domain = tickSet.domain
            ticks = zip(tickSet.values, tickSet.labels(minusSign: minusSign)).map { ($0.0, $0.1) }
        }
    }

    /// The x position of an analysis-scale value (may lie outside the plot).
    public func x(_ value: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        guard span > 0 else { return (left + right) / 2 }
        return left + (value - domain.lowerBound) / span * (right - left)
    }

    /// The x position clamped to the plot, and whether clamping happened.
    public func clampedX(_ value: Double) -> (x: Double, clamped: Bool) {
        if value < domain.lowerBound { return (left, true) }
        if value > domain.upperBound { return (right, true) }
        return (x(value), false)
    }

    /// Whether `value` (analysis scale) lies within the axis.
    public func contains(_ value: Double) -> Bool { domain.contains(value) }
}
