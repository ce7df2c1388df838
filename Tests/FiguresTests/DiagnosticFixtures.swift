import Foundation
import MetaAnalysis
import ReviewKit
@testable import Figures

/// Inputs for the diagnostic figures (funnel, bubble, leave-one-out, cumulative): the reference
/// datasets with the columns each can use as subgroup, moderator and order.
enum DiagnosticFixtures {
    struct Dataset: CustomStringConvertible, Sendable {
        var name: String
        var measure: EffectMeasure
        var logScale = false
        var subgroup: String?
        var moderator: String
        var order: String

        var description: String { name }
    }

    /// Every reference dataset. Those without a year or covariate use arm columns: the control
    /// mean as moderator (baseline severity) and the sample size as order.
    static let datasets: [Dataset] = [
        Dataset(name: "asthma", measure: .MD, moderator: "ctrl_mean", order: "exp_total"),
        Dataset(name: "bcg", measure: .RR, subgroup: "allocation", moderator: "latitude", order: "year"),
        Dataset(name: "catheter", measure: .OR, moderator: "year", order: "year"),
        Dataset(name: "magnesium", measure: .OR, moderator: "year", order: "year"),
        Dataset(name: "magnesium-li", measure: .OR, moderator: "year", order: "year"),
        Dataset(name: "passive-smoking", measure: .GEN, logScale: true, subgroup: "design", moderator: "year", order: "year"),
        Dataset(name: "stroke", measure: .MD, moderator: "ctrl_mean", order: "exp_total"),
        Dataset(name: "teacher-expectancy", measure: .GEN, subgroup: "tester", moderator: "weeks", order: "year"),
        Dataset(name: "writing-to-learn", measure: .GEN, moderator: "grade", order: "year"),
    ]

    static func dataset(_ name: String) -> Dataset { datasets.first { $0.name == name }! }

    /// The dataset as an analysis (labels made unique as `Fixture.referenceAnalysis` does).
    static func analysis(_ dataset: Dataset, method: PoolingMethod = .REML, hksj: Bool = false) throws -> Analysis {
        let url = try Fixture.uniquelyLabelled(Fixture.reference.appendingPathComponent("data/\(dataset.name).csv"))
        var settings = DataFile.Settings(measure: dataset.measure, method: method)
        settings.logScale = dataset.logScale
        settings.hksj = hksj
        settings.subgroupColumn = dataset.subgroup
        settings.moderatorColumn = dataset.moderator
        settings.orderColumn = dataset.order
        switch DataFile.analysis(url, shownAs: dataset.name, settings: settings) {
        case .success(let analysis): return analysis
        case .failure(let error): throw error
        }
    }

    static func input(_ name: String, method: PoolingMethod = .REML, hksj: Bool = false) throws -> FigureInput {
        try Fixture.input(analysis(dataset(name), method: method, hksj: hksj))
    }

    /// Options as a review file would give them.
    static func options(_ values: [String: String], for module: any FigureModule) -> FigureOptions {
        let written = values.sorted { $0.key < $1.key }.map {
            FigureOption(name: $0.key, value: .text($0.value), location: ReviewKit.SourceLocation(file: "test"))
        }
        return FigureOptions.resolve(written, specs: module.options, figure: module.id).options
    }

    /// `count` generic studies with a moderator (dose) and an order (year), deterministic numbers.
    static func generic(count: Int, label: (Int) -> String = { "Study \($0 + 1)" }) -> Analysis {
        var studies: [Study] = []
        for i in 0..<count {
            let dose = Double(5 + (i * 7) % 40)
            let vi = 0.02 + Double((i * 13) % 29) / 60
            let yi = 0.6 - 0.012 * dose + Double((i * 17) % 11 - 5) / 25
            studies.append(Study(label: label(i), data: .generic(yi: yi, vi: vi), moderator: dose, order: Double(1990 + i % 30)))
        }
        var analysis = Fixture.analysis(studies, measure: .GEN, method: .REML)
        analysis.moderatorColumn = "dose"
        analysis.orderColumn = "year"
        return analysis
    }
}
