import Foundation
import Graphics

/// A tight axis for scatter-style figures: the domain is the data's range as given (already padded
/// by the caller), and the ticks are the nice values inside it, so the plot is not stretched out to
/// the next round number. Ratios are handled on the log scale with natural-scale labels.
struct PlotScale {
    /// The domain on the analysis scale (logs for ratios).
    let domain: ClosedRange<Double>
    /// Ticks on the analysis scale, labelled on the natural scale.
    let ticks: [PlotAxes.Tick]

    /// - Parameter wholeNumbers: the data are whole numbers (years, grades): prefer whole ticks.
    init(low: Double, high: Double, isRatio: Bool, wholeNumbers: Bool = false, minusSign: NumberFormat.MinusSign) {
        var low = low, high = high
        if !(high > low) {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            (low, high) = (low - pad, high + pad)
        }
        let tolerance = (high - low) * 1e-9
        var all: [PlotAxes.Tick] = [], inside: [PlotAxes.Tick] = []
        // Finer tick sets until at least four ticks fall inside the range (only a few lie inside a
        // tight range when the ticks' own span is wider).
        for count in [4, 6, 8, 10] {
            let set = isRatio ? AxisTicks.logarithmic(lower: exp(low), upper: exp(high), minimumCount: count)
                              : AxisTicks.linear(lower: low, upper: high, targetCount: count + 1)
            all = zip(set.values, set.labels(minusSign: minusSign)).map { value, label in
                PlotAxes.Tick(value: isRatio ? log(value) : value, label: label)
            }
            inside = all.filter { $0.value >= low - tolerance && $0.value <= high + tolerance }
            let whole = !wholeNumbers || inside.allSatisfy { $0.value == $0.value.rounded() }
            if inside.count >= 4 && whole { break }
        }
        if inside.count >= 2 {
            domain = low...high
            ticks = inside
        } else {
            // Too narrow for two ticks inside: widen to the ticks' own span.
            domain = min(low, all.first?.value ?? low)...max(high, all.last?.value ?? high)
            ticks = all
        }
    }
}
