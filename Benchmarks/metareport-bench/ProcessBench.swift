import Foundation

/// Whole-process runs: `metareport render` from process start to the last file written.
enum ProcessBench {
    /// Runs `run` once to warm the page cache (kept as a sample when it took seconds: then the
    /// cache hardly matters), then again until `runs` samples or 30 seconds, each into an emptied
    /// `output` folder; the wall times and the largest peak memory of the samples.
    static func repeatRuns(_ runs: Int, output: URL?, _ run: () -> ChildRun) -> Outcome {
        var times: [Double] = []
        var peak = 0
        var elapsed = 0.0
        var isWarmUp = true
        while times.count < runs && !(times.count >= 1 && elapsed >= 30) {
            if let output {
                try? FileManager.default.removeItem(at: output)
                try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            }
            let result = run()
            guard result.status == 0 else {
                let message = result.errorOutput.split(separator: "\n").prefix(3).joined(separator: " / ")
                return .failed("exit status \(result.status): \(message)")
            }
            if !isWarmUp || result.seconds > 2 {
                times.append(result.seconds)
                peak = max(peak, result.peakMemory)
                elapsed += result.seconds
            }
            isWarmUp = false
        }
        return .process(Timing(samples: times, batch: 1), peakMemory: peak)
    }

    /// This process's own peak resident memory, in bytes.
    static func ownPeakMemory() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// `metareport render REVIEW -o OUTPUT -q` with the default formats (HTML, Markdown, SVG, PNG).
    static func render(metareport: String, review: URL, output: URL, runs: Int) -> Outcome {
        repeatRuns(runs, output: output) {
            ChildProcess.run(metareport, ["render", review.path, "-o", output.path, "-q"])
        }
    }
}
