import Foundation

/// What one tool measured for one task.
enum Outcome {
    case timed(Timing)
    /// A whole-process run: wall times of the runs and the largest peak memory among them.
    case process(Timing, peakMemory: Int)
    case skipped(String)
    case failed(String)

    var median: Double? {
        switch self {
        case .timed(let timing), .process(let timing, _): return timing.median
        case .skipped, .failed: return nil
        }
    }

    var peakMemory: Int? {
        if case .process(_, let memory) = self { return memory }
        return nil
    }
}

/// One line of the table: a task and what metareport, R and Python measured for it.
struct Row {
    /// A stable id shared with the comparison scripts, e.g. `forest-100-png`.
    var id: String
    /// What is shown, e.g. "forest, 100 studies → PNG".
    var label: String
    var section: String
    var ours: Outcome = .skipped("not run")
    var r: Outcome = .skipped("—")
    var python: Outcome = .skipped("—")
    /// A footnote on how this row was measured (e.g. the PNG resolution used).
    var note: String?
}

/// Durations and sizes in a form people read at a glance.
enum Format {
    static func duration(_ seconds: Double) -> String {
        switch seconds {
        case ..<1e-3: return String(format: "%.1f µs", seconds * 1e6)
        case ..<1e-2: return String(format: "%.2f ms", seconds * 1e3)
        case ..<1: return String(format: "%.1f ms", seconds * 1e3)
        default: return String(format: "%.2f s", seconds)
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_048_576) }

    /// "1.2 ms ±3%", or the reason it has no time.
    static func cell(_ outcome: Outcome) -> String {
        switch outcome {
        case .timed(let timing), .process(let timing, _):
            return "\(duration(timing.median)) ±\(String(format: "%.0f", timing.spread * 100))%"
        case .skipped: return "–"   // the reason is in the notes under the table
        case .failed: return "failed"
        }
    }

    /// How many times longer the other tool took: "37×".
    static func ratio(_ other: Outcome, _ ours: Outcome) -> String {
        guard let theirs = other.median, let mine = ours.median, mine > 0 else { return "" }
        let ratio = theirs / mine
        return String(format: ratio >= 10 ? "%.0f×" : "%.1f×", ratio)
    }
}

/// Prints the rows as a fixed-width table (for the terminal) or as Markdown (for docs/performance.md).
struct Table {
    var rows: [Row]
    var hasR: Bool
    var hasPython: Bool

    func text(markdown: Bool) -> String {
        var header = ["task", "metareport"]
        if hasR { header += ["R metafor", "R ÷ ours"] }
        if hasPython { header += ["Python forestplot", "Py ÷ ours"] }
        var lines: [[String]] = []
        var sections: [Int: String] = [:]
        var lastSection = ""
        for row in rows {
            if row.section != lastSection {
                sections[lines.count] = row.section
                lastSection = row.section
            }
            var cells = [row.label + (row.note == nil ? "" : " *"), Format.cell(row.ours)]
            if hasR { cells += [Format.cell(row.r), Format.ratio(row.r, row.ours)] }
            if hasPython { cells += [Format.cell(row.python), Format.ratio(row.python, row.ours)] }
            lines.append(cells)
        }
        let widths = header.indices.map { column in ([header] + lines).map { $0[column].count }.max() ?? 0 }
        var out: [String] = []
        if markdown {
            out.append("| " + header.joined(separator: " | ") + " |")
            out.append("|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined())
            for (index, cells) in lines.enumerated() {
                if let section = sections[index] { out.append("| **\(section)** |" + String(repeating: " |", count: header.count - 1)) }
                out.append("| " + cells.joined(separator: " | ") + " |")
            }
        } else {
            func pad(_ cells: [String]) -> String {
                cells.enumerated().map { column, cell in
                    let padding = String(repeating: " ", count: widths[column] - cell.count)
                    return column == 0 ? cell + padding : padding + cell
                }.joined(separator: "  ")
            }
            out.append(pad(header))
            out.append(String(repeating: "─", count: widths.reduce(0, +) + 2 * (widths.count - 1)))
            for (index, cells) in lines.enumerated() {
                if let section = sections[index] { out.append(section) }
                out.append(pad(cells))
            }
        }
        return out.joined(separator: "\n")
    }
}
