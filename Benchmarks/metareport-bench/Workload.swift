import Foundation
import MetaAnalysis

/// A small deterministic generator (a 64-bit LCG), so every run, and R and Python, see the same
/// data.
struct Generator {
    var state: UInt64

    /// Uniform in [0, 1).
    mutating func next() -> Double {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(state >> 11) / Double(1 << 53)
    }

    /// A standard normal draw (Box–Muller).
    mutating func normal() -> Double {
        let u = max(next(), 1e-300), v = next()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}

/// The synthetic data of the benchmark, written as files into a scratch folder: the engine's
/// datasets, a review of the figure datasets, and a review of 50 analyses.
struct Workload {
    let folder: URL
    let repository: URL

    /// The engine's sizes.
    static let engineSizes = [10, 100, 1_000, 10_000, 100_000]

    private static let surnames = ["Aronson", "Ferguson", "Rosenthal", "Hart", "Frimodt-Møller", "Stein", "Vandiviere",
                                   "Coetzee", "Comstock", "Nakamura", "O'Brien", "Papadopoulos", "Schmidt-Hartmann",
                                   "Wu", "da Silva", "Kowalczyk", "Okonkwo", "Lindqvist", "García-Márquez", "Ng"]

    // MARK: Engine data

    /// `count` generic studies (log effects and variances) with true effects spread by τ = 0.3.
    static func genericStudies(_ count: Int, seed: UInt64 = 42) -> [Study] {
        var random = Generator(state: seed)
        return (0..<count).map { i in
            let vi = 0.01 + 0.2 * random.next()
            let yi = 0.2 + 0.3 * random.normal() + vi.squareRoot() * random.normal()
            return Study(label: "Study \(i + 1)", data: .generic(yi: yi, vi: vi))
        }
    }

    /// The engine dataset for `k` studies as CSV (`yi,vi`; shortest round-trip decimals, so R reads
    /// exactly the same doubles).
    func engineFile(_ k: Int) -> URL { folder.appendingPathComponent("engine/k\(k).csv") }

    // MARK: Binary study data

    /// A binary two-arm trial: events and totals per arm.
    struct Trial {
        var label: String
        var expEvents: Int, expTotal: Int, ctrlEvents: Int, ctrlTotal: Int
    }

    /// `count` trials with risk ratios spread around 0.75 and realistic sizes and labels.
    static func trials(_ count: Int, seed: UInt64) -> [Trial] {
        var random = Generator(state: seed)
        return (0..<count).map { i in
            let n1 = 30 + Int(random.next() * 600), n2 = n1 + Int(random.next() * 40) - 20
            let risk = 0.05 + 0.35 * random.next()
            let ratio = exp(-0.3 + 0.35 * random.normal())
            let e2 = max(1, min(n2 - 1, Int((risk * Double(n2)).rounded())))
            let e1 = max(0, min(n1, Int((risk * ratio * Double(n1) + random.normal()).rounded())))
            let name = surnames[(i * 7 + Int(seed)) % surnames.count]
            return Trial(label: "\(name) \(1975 + (i * 13) % 48) (\(i + 1))", expEvents: e1, expTotal: n1,
                         ctrlEvents: e2, ctrlTotal: n2)
        }
    }

    static func csv(_ trials: [Trial]) -> String {
        var text = "study,exp_events,exp_total,ctrl_events,ctrl_total\n"
        for t in trials {
            text += "\"\(t.label)\",\(t.expEvents),\(t.expTotal),\(t.ctrlEvents),\(t.ctrlTotal)\n"
        }
        return text
    }

    /// ROB 2 judgements in robvis layout for `count` studies.
    static func riskOfBiasCSV(_ trials: [Trial]) -> String {
        let levels = ["Low", "Low", "Some concerns", "High"]
        var random = Generator(state: 11)
        var text = "Study,D1,D2,D3,D4,D5,Overall\n"
        for t in trials {
            let domains = (0..<5).map { _ in levels[Int(random.next() * Double(levels.count))] }
            let overall = domains.contains("High") ? "High" : domains.contains("Some concerns") ? "Some concerns" : "Low"
            text += "\"\(t.label)\",\(domains.joined(separator: ",")),\(overall)\n"
        }
        return text
    }

    // MARK: Files

    /// The review of the figure benchmarks: BCG (13 trials), 100 and 1,000 synthetic trials, and
    /// ROB 2 judgements for the 100.
    var figureReview: URL { folder.appendingPathComponent("figures/review.yaml") }
    /// A review of 50 analyses (5 to 60 trials each), each with a forest and a funnel plot.
    var fiftyAnalysisReview: URL { folder.appendingPathComponent("review50/review.yaml") }
    /// The same 50 analyses as a table (id, measure, method, data file) for the comparison scripts.
    var fiftyAnalysisManifest: URL { folder.appendingPathComponent("review50/analyses.tsv") }
    /// The ketamine example of the repository.
    var ketamineReview: URL { repository.appendingPathComponent("examples/ketamine-neuropathic-pain/review.yaml") }

    /// The figure datasets by task name, as CSV.
    func figureData(_ name: String) -> URL { folder.appendingPathComponent("figures/\(name).csv") }

    /// Writes every file.
    func write() throws {
        let files = FileManager.default
        for sub in ["engine", "figures", "review50/data"] {
            try files.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for k in Self.engineSizes {
            var text = "yi,vi\n"
            for study in Self.genericStudies(k) {
                if case .generic(let yi, let vi) = study.data { text += "\(yi),\(vi)\n" }
            }
            try text.write(to: engineFile(k), atomically: true, encoding: .utf8)
        }

        let bcg = try String(contentsOf: repository.appendingPathComponent("examples/bcg-vaccine/data/bcg.csv"), encoding: .utf8)
        try bcg.write(to: figureData("forest13"), atomically: true, encoding: .utf8)
        let hundred = Self.trials(100, seed: 100), thousand = Self.trials(1_000, seed: 1_000)
        try Self.csv(hundred).write(to: figureData("forest100"), atomically: true, encoding: .utf8)
        try Self.csv(thousand).write(to: figureData("forest1000"), atomically: true, encoding: .utf8)
        try Self.riskOfBiasCSV(hundred).write(to: figureData("rob100"), atomically: true, encoding: .utf8)
        var review = ["title: Benchmark figures", "arms: {experimental: Treatment, control: Control}", "analyses:"]
        for name in ["forest13", "forest100", "forest1000"] {
            review += analysisYAML(id: name, measure: "RR", method: "DL", data: "\(name).csv")
        }
        review += ["risk_of_bias:", "  tool: ROB2", "  data: rob100.csv"]
        try (review.joined(separator: "\n") + "\n").write(to: figureReview, atomically: true, encoding: .utf8)

        var fifty = ["title: A review of fifty analyses", "arms: {experimental: Treatment, control: Control}", "analyses:"]
        var manifest = ["id\tmeasure\tmethod\tdata"]
        for index in 1...50 {
            let id = String(format: "outcome-%02d", index)
            let data = folder.appendingPathComponent("review50/data/\(id).csv")
            let measure = index % 3 == 0 ? "OR" : "RR", method = index % 2 == 0 ? "REML" : "DL"
            try Self.csv(Self.trials(5 + (index * 11) % 56, seed: UInt64(index))).write(to: data, atomically: true, encoding: .utf8)
            fifty += analysisYAML(id: id, measure: measure, method: method, data: "data/\(id).csv")
            manifest.append("\(id)\t\(measure)\t\(method)\t\(data.path)")
        }
        try (fifty.joined(separator: "\n") + "\n").write(to: fiftyAnalysisReview, atomically: true, encoding: .utf8)
        try (manifest.joined(separator: "\n") + "\n").write(to: fiftyAnalysisManifest, atomically: true, encoding: .utf8)
    }

    /// One analysis of a review file, with a forest and a funnel plot.
    private func analysisYAML(id: String, measure: String, method: String, data: String) -> [String] {
        ["  - id: \(id)", "    title: \(id)", "    outcome: Events", "    measure: \(measure)", "    method: \(method)",
         "    favours: [Favours treatment, Favours control]", "    figures: [forest, funnel]", "    data: \(data)"]
    }
}
