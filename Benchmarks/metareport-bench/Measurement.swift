import Foundation

/// How a task is repeated. The R and Python scripts in Benchmarks/compare follow the same policy,
/// so the ratios compare like with like.
struct TimingPolicy {
    /// Time spent sampling one task before it may stop (seconds).
    var budget: Double = 1.0
    /// Fewest samples for a task that fits its budget; slow tasks stop at `slowSamples`.
    var minimumSamples = 5
    var slowSamples = 3
    var maximumSamples = 50
    /// A task faster than this is timed in batches (one sample = a batch, divided by its size),
    /// so clock overhead and jitter do not dominate microsecond timings.
    var batchTarget: Double = 0.002

    static let standard = TimingPolicy()
    /// For trying the benchmark out: fewer, shorter samples.
    static let quick = TimingPolicy(budget: 0.15, minimumSamples: 3, slowSamples: 1, maximumSamples: 10)

    /// Whether sampling may stop after `count` samples taking `elapsed` seconds in all.
    func isDone(count: Int, elapsed: Double) -> Bool {
        count >= maximumSamples
            || (count >= minimumSamples && elapsed >= budget)
            || (count >= slowSamples && elapsed >= 3 * budget)
    }
}

/// The samples of one task (seconds per run) and their summary.
struct Timing {
    var samples: [Double]
    /// Runs per sample (1 unless the task was timed in batches).
    var batch: Int

    var median: Double { quantile(0.5) }
    /// Half the interquartile range as a fraction of the median: "±4%".
    var spread: Double { median > 0 ? (quantile(0.75) - quantile(0.25)) / 2 / median : 0 }

    /// Linear interpolation between order statistics (R's default, type 7).
    func quantile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let h = Double(sorted.count - 1) * p
        let low = Int(h.rounded(.down)), high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }
}

/// A monotonic clock in seconds.
func now() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Runs `work` once to warm up (caches, page faults, lazy initialisation), then samples it
/// under `policy`.
func measure(_ policy: TimingPolicy, _ work: () throws -> Void) rethrows -> Timing {
    let start = now()
    try work()
    let first = max(now() - start, 1e-9)
    let batch = first < policy.batchTarget ? Int((policy.batchTarget / first).rounded(.up)) : 1
    var samples: [Double] = []
    var elapsed = 0.0
    while !policy.isDone(count: samples.count, elapsed: elapsed) {
        let begin = now()
        for _ in 0..<batch { try work() }
        let took = now() - begin
        samples.append(took / Double(batch))
        elapsed += took
    }
    return Timing(samples: samples, batch: batch)
}
