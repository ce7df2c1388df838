import Foundation

/// Tick positions for an axis, with the domain they span and how to label them.
///
/// ```swift
/// let ticks = AxisTicks.linear(lower: -0.3, upper: 1.7)      // -0.5, 0, 0.5, 1, 1.5, 2
/// ticks.labels()                                            // ["-0.5", "0.0", "0.5", …]
/// AxisTicks.logarithmic(lower: 0.3, upper: 3).values        // 0.2, 0.5, 1, 2, 5
/// ```
public struct AxisTicks: Sendable, Hashable {
    /// Tick values, ascending.
    public let values: [Double]
    /// From the first tick to the last; it covers the requested range, so use it as the axis
    /// domain.
    public let domain: ClosedRange<Double>
    /// Decimals to write for each tick (parallel to `values`).
    public let labelFractionDigits: [Int]

    init(values: [Double], labelFractionDigits: [Int]) {
        self.values = values
        self.domain = values[0]...values[values.count - 1]
        self.labelFractionDigits = labelFractionDigits
    }

    /// The tick labels, e.g. "0.5", "1.0", "1.5" on a linear axis (shared decimals) or "0.2",
    /// "1", "5" on a log axis (as many decimals as each needs).
    public func labels(minusSign: NumberFormat.MinusSign = .hyphen) -> [String] {
        zip(values, labelFractionDigits).map { value, digits in
            NumberFormat(fractionDigits: digits, minusSign: minusSign).string(value)
        }
    }

    // MARK: - Linear

    /// "Nice" ticks, spaced 1, 2, 2.5 or 5 × 10ⁿ apart, covering `lower…upper` with about
    /// `targetCount` intervals. The first tick is at or below `lower` and the last at or above
    /// `upper`. A zero-width range is widened; a non-finite one gives the ticks of 0…1.
    public static func linear(lower: Double, upper: Double, targetCount: Int = 5) -> AxisTicks {
        guard lower.isFinite, upper.isFinite else { return linear(lower: 0, upper: 1, targetCount: targetCount) }
        var (low, high) = (min(lower, upper), max(lower, upper))
        if low == high {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let step = niceStep(for: (high - low) / Double(max(1, targetCount)))
        let digits = NumberFormat.fractionDigitsNeeded(for: step)
        // Tick indices as whole multiples of the step, so values carry no accumulated error.
        let first = (low / step + 1e-9).rounded(.down)
        let last = (high / step - 1e-9).rounded(.up)
        let values = stride(from: first, through: last, by: 1).map { index in
            roundTo(index * step, digits: digits)
        }
        return AxisTicks(values: values, labelFractionDigits: Array(repeating: digits, count: values.count))
    }

    /// The smallest step of 1, 2, 2.5 or 5 × 10ⁿ that is at least `raw`.
    static func niceStep(for raw: Double) -> Double {
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        for multiple in [1, 2, 2.5, 5] where multiple * magnitude >= raw * (1 - 1e-9) {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    // MARK: - Logarithmic

    /// Ticks for a ratio axis: powers of ten (0.01 0.1 1 10 100) when the range is wide,
    /// 1-2-5 steps (0.2 0.5 1 2 5) when narrower, then 0.5 0.7 1 1.5 2 and finally plain linear
    /// steps (0.9 0.95 1 1.05 1.1) for very narrow ranges, taking the first that gives at least
    /// `minimumCount` ticks. With `symmetricAroundOne` the range is first made symmetric about 1
    /// on the log scale (as in RevMan forest plots). Non-positive or non-finite bounds give the
    /// ticks of 0.1…10.
    public static func logarithmic(lower: Double, upper: Double, minimumCount: Int = 4,
                                   symmetricAroundOne: Bool = false) -> AxisTicks {
        guard lower > 0, upper > 0, lower.isFinite, upper.isFinite else {
            return logarithmic(lower: 0.1, upper: 10, minimumCount: minimumCount)
        }
        var (low, high) = (min(lower, upper), max(lower, upper))
        if symmetricAroundOne {
            let reach = max(abs(log10(low)), abs(log10(high)))
            (low, high) = (pow(10, -reach), pow(10, reach))
        }
        if low == high { (low, high) = (low / 2, high * 2) }

        let labelled = { (values: [Double]) in
            AxisTicks(values: values, labelFractionDigits: values.map { NumberFormat.fractionDigitsNeeded(for: $0) })
        }
        let fine = [1, 1.5, 2, 3, 5, 7]
        for mantissas in [[1.0], [1, 2, 5], fine] {
            let candidates = logCandidates(mantissas, covering: low, high)
            let values = mantissas.count == 1 ? thinned(candidates) : candidates
            if values.count >= minimumCount { return labelled(values) }
        }
        // Narrower than a factor of two: evenly spaced ticks read better than 0.7 1 1.5.
        if high / low < 2 {
            let linearTicks = linear(lower: low, upper: high, targetCount: minimumCount)
            if linearTicks.values.allSatisfy({ $0 > 0 }) { return linearTicks }
        }
        return labelled(logCandidates(fine, covering: low, high))
    }

    /// Every mantissa × 10ⁿ from the largest at or below `low` to the smallest at or above `high`.
    private static func logCandidates(_ mantissas: [Double], covering low: Double, _ high: Double) -> [Double] {
        let firstExponent = Int(log10(low).rounded(.down)) - 1
        let lastExponent = Int(log10(high).rounded(.up)) + 1
        var all: [Double] = []
        for exponent in firstExponent...lastExponent {
            // Dividing by a power of ten rounds better than multiplying by its inverse
            // (1.5 / 10 is 0.15, 1.5 * 0.1 is 0.15000000000000002).
            let power = pow(10, Double(abs(exponent)))
            all += mantissas.map { exponent < 0 ? $0 / power : $0 * power }
        }
        let tolerance = 1e-9
        let start = all.lastIndex { $0 <= low * (1 + tolerance) } ?? 0
        let end = all.firstIndex { $0 >= high * (1 - tolerance) } ?? all.count - 1
        return Array(all[start...end])
    }

    /// Keeps at most about nine powers of ten, taking every k-th decade and always keeping 1.
    private static func thinned(_ values: [Double]) -> [Double] {
        guard values.count > 9 else { return values }
        let step = Int((Double(values.count) / 9).rounded(.up))
        return values.filter { value in
            let exponent = Int(log10(value).rounded())
            return exponent % step == 0
        }
    }

    private static func roundTo(_ value: Double, digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        return rounded == 0 ? 0 : rounded   // no -0
    }
}
