// metareport-bench: `make bench`. Times the engine, the figure modules and whole `metareport render`
// runs, and — where they are installed — the same work in R (metafor) and Python (forestplot), in
// the same run, so the table's ratios compare like with like. See docs/performance.md.
import Foundation

// MARK: - Options

struct Options {
    var policy = TimingPolicy.standard
    var processRuns = 10
    var compare = true
    var sections: Set<String> = ["engine", "figures", "process"]
    var markdown = false
    var keep = false
    var metareport: String?
    /// Also print each figure's layout and encoding times (for profiling work).
    var breakdown = false
    /// Only the engine and figure tasks whose id contains this (e.g. `forest-1000-svg`).
    var filter: String?

    static let usage = """
        usage: metareport-bench [--quick] [--no-compare] [--only engine,figures,process] [--runs N]
                                [--markdown] [--keep] [--breakdown]
                                [--filter TEXT] [--metareport PATH]
          --quick        short budgets and few runs, to try the benchmark out (numbers are rough)
          --no-compare   do not run R or Python even where they are installed
          --only         run some sections only
          --runs N       measured runs of each whole-process task (default 10; at most 30 s of them)
          --markdown     print the table as Markdown too (for docs/performance.md)
          --keep         keep the scratch folder with the data and every file drawn
          --breakdown    also print each figure's layout and encoding times
          --filter TEXT  only the engine and figure tasks whose id contains TEXT (e.g. forest-1000-svg)
          --metareport   the metareport executable (default: the one beside this benchmark)
        """

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": policy = .quick; processRuns = 3
            case "--no-compare": compare = false
            case "--only": sections = Set((rest.popFirst() ?? "").split(separator: ",").map(String.init))
            case "--runs": processRuns = max(1, Int(rest.popFirst() ?? "") ?? processRuns)
            case "--markdown": markdown = true
            case "--keep": keep = true
            case "--breakdown": breakdown = true
            case "--filter": filter = rest.popFirst()
            case "--metareport": metareport = rest.popFirst()
            case "-h", "--help": print(Options.usage); exit(0)
            default: FileHandle.standardError.write(Data("unknown argument '\(argument)'\n\(Options.usage)\n".utf8)); exit(2)
            }
        }
    }
}

// MARK: - Machine

enum Machine {
    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }

    static func cpuModel() -> String {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown CPU"
    }

    static func version(_ command: String, _ arguments: [String]) -> String {
        (ChildProcess.output(command, arguments).output ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

// MARK: - Run

let options = Options(Array(CommandLine.arguments.dropFirst()))
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let ownPath = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
let metareport = options.metareport ?? ownPath.deletingLastPathComponent().appendingPathComponent("metareport").path
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("metareport-bench-\(getpid())")
let workload = Workload(folder: scratch.appendingPathComponent("data"), repository: repository)

let cores = ProcessInfo.processInfo.activeProcessorCount
let loadAtStart = Machine.loadAverage()
print("metareport benchmark — \(Machine.cpuModel()), \(cores) cores, load average \(loadAtStart) at start")
if let load = Double(loadAtStart.split(separator: " ").first ?? ""), load > Double(cores) / 2 {
    Console.warn("the machine is busy (load \(load) on \(cores) cores): timings will be slower and noisier than on a quiet machine")
}

do {
    try workload.write()
} catch {
    Console.warn("cannot write the benchmark data: \(error)")
    exit(1)
}

// R and Python, where installed.
var comparisons: [Comparison] = []
var skippedTools: [String] = []
if options.compare {
    for tool in [Comparison.r(repository: repository), Comparison.python(repository: repository)] {
        if let reason = tool.unavailable { skippedTools.append("\(tool.name) skipped: \(reason).") } else { comparisons.append(tool) }
    }
} else {
    skippedTools.append("R and Python skipped (--no-compare).")
}

// Whole processes first: a child's ru_maxrss starts from this process's own peak (the child is
// spawned from it), so they must run while the benchmark itself is still small.
var processRows: [Row] = []
if options.sections.contains("process") {
    guard FileManager.default.isExecutableFile(atPath: metareport) else {
        Console.warn("no metareport executable at \(metareport); build it with `swift build -c release` or pass --metareport PATH")
        exit(1)
    }
    Console.warn("whole process …")
    let section = "Whole process (start to files written: report.html, report.md, SVG and PNG figures)"
    var ketamine = Row(id: "render-ketamine", label: "render ketamine example (9 figures)", section: section)
    ketamine.ours = ProcessBench.render(metareport: metareport, review: workload.ketamineReview,
                                        output: scratch.appendingPathComponent("render-ketamine"), runs: options.processRuns)
    var fifty = Row(id: "render-review50", label: "render review of 50 analyses (100 figures)", section: section)
    fifty.ours = ProcessBench.render(metareport: metareport, review: workload.fiftyAnalysisReview,
                                     output: scratch.appendingPathComponent("render-review50"), runs: options.processRuns)
    for tool in comparisons {
        Console.warn("whole process, \(tool.name) …")
        let isR = tool.command == "Rscript"
        let startup = tool.runStartup(runs: options.processRuns)
        let review = tool.runReview(manifest: workload.fiftyAnalysisManifest,
                                    output: scratch.appendingPathComponent(isR ? "r-review50" : "python-review50"),
                                    runs: options.processRuns)
        if isR { ketamine.r = startup; fifty.r = review } else { ketamine.python = startup; fifty.python = review }
    }
    if !comparisons.isEmpty {
        ketamine.note = "R and Python: starting the interpreter and loading metafor / forestplot only, no work"
        fifty.note = "R: rma(), forest() and funnel() to PNG and SVG per analysis, no report; Python: forestplot() to PNG and SVG per analysis, no funnel, no report"
    }
    processRows = [ketamine, fifty]
}
let ownPeakAfterProcesses = ProcessBench.ownPeakMemory()

var engineRows: [Row] = []
if options.sections.contains("engine") {
    Console.warn("engine …")
    engineRows = InProcess.engine(policy: options.policy, filter: options.filter)
}
var figureTasks: [FigureTask] = []
if options.sections.contains("figures") {
    Console.warn("figures …")
    do {
        figureTasks = try InProcess.figures(workload, policy: options.policy, output: scratch.appendingPathComponent("ours"),
                                            breakdown: options.breakdown, filter: options.filter)
    } catch {
        Console.warn("figures: \(error)")
    }
}

// The same engine and figure tasks in R and Python, each timing itself.
let tasksFile = scratch.appendingPathComponent("tasks.tsv")
try? Comparison.writeTasks(engine: engineRows, figures: figureTasks, workload: workload, to: tasksFile)
var figureRows = figureTasks.map(\.row)
for tool in comparisons where !(engineRows.isEmpty && figureRows.isEmpty) {
    Console.warn("\(tool.name) …")
    let isR = tool.command == "Rscript"
    let outcomes = tool.runTasks(tasksFile, output: scratch.appendingPathComponent(isR ? "r" : "python"), policy: options.policy)
    func assign(_ row: inout Row) {
        let outcome = outcomes[row.id] ?? .skipped("—")
        if isR { row.r = outcome } else { row.python = outcome }
    }
    for index in engineRows.indices { assign(&engineRows[index]) }
    for index in figureRows.indices { assign(&figureRows[index]) }
}
for index in engineRows.indices {
    if case .skipped(let reason) = engineRows[index].r, reason != "—" { engineRows[index].note = "R skipped: \(reason)" }
}
let rows = engineRows + figureRows + processRows

// MARK: - Report

let hasR = comparisons.contains { $0.command == "Rscript" }
let hasPython = comparisons.contains { $0.command == "python3" }
let table = Table(rows: rows, hasR: hasR, hasPython: hasPython)
print("")
print(table.text(markdown: false))
print("\nmedian ±half the interquartile range" + (hasR || hasPython ? "; \"R ÷ ours\" is how many times as long R took (likewise Python)" : ""))

var notes: [String] = []
for row in rows {
    if let note = row.note { notes.append("* \(row.label): \(note)") }
    if case .failed(let message) = row.ours { notes.append("! \(row.label) failed: \(message)") }
    if case .failed(let message) = row.r { notes.append("! \(row.label), R failed: \(message)") }
    if case .failed(let message) = row.python { notes.append("! \(row.label), Python failed: \(message)") }
}
for (tool, outcome) in [("R", \Row.r), ("Python", \Row.python)] as [(String, KeyPath<Row, Outcome>)] {
    let reasons = Set(rows.compactMap { row -> String? in
        if case .skipped(let reason) = row[keyPath: outcome], reason != "—", !(row.note ?? "").contains(reason) { return reason }
        return nil
    })
    notes += reasons.sorted().map { "\(tool) skipped some rows: \($0)" }
}
notes += skippedTools
if !notes.isEmpty { print(""); notes.forEach { print($0) } }

if !processRows.isEmpty {
    print("\nPeak memory (ru_maxrss of the child process; this benchmark's own peak when it spawned them: \(Format.megabytes(ownPeakAfterProcesses)))")
    for row in processRows {
        var line = "  \(row.label): metareport \(row.ours.peakMemory.map(Format.megabytes) ?? "–")"
        if hasR { line += ", R \(row.r.peakMemory.map(Format.megabytes) ?? "–")" }
        if hasPython { line += ", Python \(row.python.peakMemory.map(Format.megabytes) ?? "–")" }
        print(line)
    }
}

// MARK: - Goals (issue 11)

print("\nGoals")
func goal(_ text: String, _ met: Bool?) { print("  \(met.map { $0 ? "met   " : "MISSED" } ?? "n/a   ")  \(text)") }
if let reml = engineRows.first(where: { $0.id == "engine-reml-10000" })?.ours.median {
    goal("REML on 10,000 studies under 50 ms: \(Format.duration(reml))", reml < 0.05)
}
if let ketamine = processRows.first?.ours.median {
    goal("ketamine report end to end under 0.5 s: \(Format.duration(ketamine))", ketamine < 0.5)
}
let peaks = processRows.compactMap(\.ours.peakMemory)
if let peak = peaks.max() { goal("peak memory under 200 MB: \(Format.megabytes(peak))", peak < 200 * 1_048_576) }
if hasR {
    let compared = figureRows.filter { $0.r.median != nil && $0.ours.median != nil }
    let slowest = compared.min { $0.r.median! / $0.ours.median! < $1.r.median! / $1.ours.median! }
    if let slowest {
        let ratio = slowest.r.median! / slowest.ours.median!
        goal("every figure row at least 10× faster than R (\(compared.count) rows; lowest \(String(format: "%.1f", ratio))× on \(slowest.label))", ratio >= 10)
    }
}
if hasPython {
    let compared = figureRows.filter { $0.python.median != nil && $0.ours.median != nil }
    if let slowest = compared.min(by: { $0.python.median! / $0.ours.median! < $1.python.median! / $1.ours.median! }) {
        let ratio = slowest.python.median! / slowest.ours.median!
        goal("every forest row at least 10× faster than Python's forestplot (lowest \(String(format: "%.1f", ratio))× on \(slowest.label))", ratio >= 10)
    }
}

print("\nload average \(loadAtStart) at start, \(Machine.loadAverage()) at the end; \(options.policy.budget) s budget per task; up to \(options.processRuns) runs (30 s) per process row")
if hasR { print(Machine.version("Rscript", ["-e", "cat(R.version.string, '/ metafor', as.character(packageVersion('metafor')))"])) }
if hasPython { print(Machine.version("python3", ["-c", "import sys, forestplot, matplotlib; print('Python', sys.version.split()[0], '/ forestplot', forestplot.__version__, '/ matplotlib', matplotlib.__version__)"])) }

if options.markdown {
    print("\n" + table.text(markdown: true))
}
if options.keep {
    print("\nscratch folder kept: \(scratch.path)")
} else {
    try? FileManager.default.removeItem(at: scratch)
}
