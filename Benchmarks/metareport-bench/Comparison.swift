import Foundation
import Graphics

/// R (metafor) and Python (forestplot), run in the same benchmark run when they are installed.
/// They time themselves with the same policy (warm-up, batches, budget) and print one line per
/// task: `RESULT id median q1 q3 n` or `SKIP id reason`.
struct Comparison {
    /// The tool's name in messages, e.g. "R (metafor)".
    var name: String
    /// The interpreter and its script: `Rscript …/metafor.R`.
    var command: String
    var script: String
    /// Why it cannot run here, or nil when it can.
    var unavailable: String?

    static func r(repository: URL) -> Comparison {
        var tool = Comparison(name: "R (metafor)", command: "Rscript",
                              script: repository.appendingPathComponent("Benchmarks/compare/metafor.R").path)
        if !ChildProcess.exists("Rscript") {
            tool.unavailable = "Rscript is not installed (apt-get install --no-install-recommends r-base-core r-cran-metafor)"
        } else if ChildProcess.output("Rscript", ["-e", "quit(status = !requireNamespace('metafor', quietly = TRUE))"]).output == nil {
            tool.unavailable = "R's metafor package is not installed (apt-get install --no-install-recommends r-cran-metafor)"
        }
        return tool
    }

    static func python(repository: URL) -> Comparison {
        var tool = Comparison(name: "Python (forestplot)", command: "python3",
                              script: repository.appendingPathComponent("Benchmarks/compare/forestplot_bench.py").path)
        if !ChildProcess.exists("python3") {
            tool.unavailable = "python3 is not installed"
        } else if ChildProcess.output("python3", ["-c", "import forestplot, pandas, matplotlib"]).output == nil {
            tool.unavailable = "Python's forestplot is not importable (pip install forestplot)"
        }
        return tool
    }

    var isAvailable: Bool { unavailable == nil }

    /// The task file both scripts read: one line per engine or figure task.
    static func writeTasks(engine: [Row], figures: [FigureTask], workload: Workload, to url: URL) throws {
        var lines = ["id\tkind\tdata\testimates\tformat\twidth\theight\tdpi"]
        for row in engine {
            let parts = row.id.split(separator: "-")   // engine-dl-1000
            let method = parts[1].uppercased(), k = Int(parts[2])!
            lines.append("\(row.id)\tengine-\(method)\t\(workload.engineFile(k).path)\t\t\t0\t0\t0")
        }
        for task in figures {
            let dpi: Double
            if case .png(let value) = task.format { dpi = value } else { dpi = 72 }
            lines.append([task.row.id, task.figure, task.data.path, task.estimates?.path ?? "", task.format.fileExtension,
                          String(format: "%.4f", task.size.width / 72), String(format: "%.4f", task.size.height / 72),
                          String(format: "%.0f", dpi)].joined(separator: "\t"))
        }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Runs the script over the task file; the outcomes by task id.
    func runTasks(_ tasks: URL, output: URL, policy: TimingPolicy) -> [String: Outcome] {
        try? FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let numbers = [policy.budget, Double(policy.minimumSamples), Double(policy.slowSamples),
                       Double(policy.maximumSamples), policy.batchTarget].map { "\($0)" }
        let (text, errors) = ChildProcess.output(command, [script, "tasks", tasks.path, output.path] + numbers)
        guard let text else {
            Console.warn("\(name) failed: \(errors.split(separator: "\n").suffix(3).joined(separator: " / "))")
            return [:]
        }
        var outcomes: [String: Outcome] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "RESULT", fields.count >= 6, let median = Double(fields[2]), let q1 = Double(fields[3]),
               let q3 = Double(fields[4]) {
                // The scripts report quartiles, not every sample: rebuild a timing with the same
                // median and interquartile range.
                outcomes[fields[1]] = .timed(Timing(samples: [q1, q1, median, q3, q3], batch: 1))
            } else if fields.first == "SKIP", fields.count >= 3 {
                outcomes[fields[1]] = .skipped(fields[2])
            }
        }
        return outcomes
    }

    /// The whole review drawn by the script, as separate process runs.
    func runReview(manifest: URL, output: URL, runs: Int) -> Outcome {
        ProcessBench.repeatRuns(runs, output: output) {
            ChildProcess.run(command, [script, "review", manifest.path, output.path])
        }
    }

    /// Starting the interpreter and loading the package, with no work: a lower bound for any
    /// pipeline written in it.
    func runStartup(runs: Int) -> Outcome {
        ProcessBench.repeatRuns(runs, output: nil) {
            ChildProcess.run(command, [script, "startup"])
        }
    }
}

/// Messages on stderr, so the table on stdout stays clean.
enum Console {
    static func warn(_ message: String) {
        FileHandle.standardError.write(Data("metareport-bench: \(message)\n".utf8))
    }
}
