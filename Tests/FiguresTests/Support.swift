import Foundation
import Graphics
import MetaAnalysis
import ReviewKit
import Testing
@testable import Figures

/// Building blocks for figure tests: analyses made in code, and the checks every figure must pass.
enum Fixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let reference = root.deletingLastPathComponent().appendingPathComponent("shared/reference")

    /// A binary analysis of `count` studies with labels from `label`, deterministic numbers.
    static func binary(count: Int, method: PoolingMethod = .DL, subgroups: Int = 0, label: (Int) -> String = { "Study \($0 + 1)" }) -> Analysis {
        var studies: [Study] = []
        for i in 0..<count {
            let n = Double(40 + (i * 37) % 400)
            let e1 = Double(2 + (i * 13) % 17), e2 = Double(4 + (i * 7) % 23)
            studies.append(Study(label: label(i), data: .binary(expEvents: e1, expTotal: n, ctrlEvents: e2, ctrlTotal: n + 5),
                                 subgroup: subgroups > 0 ? "Group \(i % subgroups + 1)" : nil))
        }
        return analysis(studies, measure: .RR, method: method, subgroup: subgroups > 0 ? "group" : nil)
    }

    static func analysis(_ studies: [Study], measure: EffectMeasure, method: PoolingMethod, subgroup: String? = nil) -> Analysis {
        Analysis(id: "test", title: "Test outcome", outcome: "Test outcome", unit: nil, measure: measure,
                 logScale: measure.isRatio, effectLabel: nil, method: method, hksj: false, includeDoubleZeroStudies: false,
                 subgroupColumn: subgroup, moderatorColumn: nil, orderColumn: nil, arms: Arms(experimental: "Treatment", control: "Control"),
                 favours: Favours(left: "Favours treatment", right: "Favours control"), figures: [],
                 content: .studies(studies), location: ReviewKit.SourceLocation(file: "test"))
    }

    static func input(_ analysis: Analysis, review: Review? = nil) throws -> FigureInput {
        let outcome = try analysis.run()
        return FigureInput(review: review ?? Review(title: "Test", analyses: [analysis]), outcome: outcome)
    }

    static let style = FigureStyle()

    /// Every figure: no two texts overlap and nothing falls outside the canvas.
    static func expectClean(_ scene: Scene, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let overlaps = scene.overlappingTexts()
        #expect(overlaps.isEmpty, "overlapping texts: \(overlaps.prefix(3).map { "'\($0.0.string)' / '\($0.1.string)'" })", sourceLocation: sourceLocation)
        let outside = scene.textsOutsideCanvas()
        #expect(outside.isEmpty, "texts outside the canvas: \(outside.prefix(3).map(\.string))", sourceLocation: sourceLocation)
        #expect(scene.size.width > 0 && scene.size.height > 0, sourceLocation: sourceLocation)
        for item in scene.flattened {
            if case .line(let a, let b, _) = item {
                #expect(a.x >= -0.01 && b.x <= scene.size.width + 0.01 && a.y >= -0.01 && b.y <= scene.size.height + 0.01,
                        "a line leaves the canvas", sourceLocation: sourceLocation)
            }
        }
    }

    /// Reads a reference dataset as study-level data for `measure`.
    /// metadat's teacher-expectancy data names two studies "Pellegrini & Hicks, 1972"; review files
    /// must label studies uniquely, so the second becomes "Pellegrini & Hicks, 1972 (2)".
    static func referenceAnalysis(_ name: String, measure: EffectMeasure, method: PoolingMethod, subgroup: String? = nil) throws -> Analysis {
        let url = try uniquelyLabelled(reference.appendingPathComponent("data/\(name).csv"))
        var settings = DataFile.Settings(measure: measure, method: method)
        settings.subgroupColumn = subgroup
        settings.logScale = measure == .GEN
        switch DataFile.analysis(url, shownAs: name, settings: settings) {
        case .success(let analysis): return analysis
        case .failure(let error): throw error
        }
    }

    /// The text `pdftotext` extracts from a PDF (poppler-utils, installed by `make deps`).
    static func pdfText(_ pdf: Data) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("figure-\(UUID().uuidString).pdf")
        try pdf.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [url.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    static func uniquelyLabelled(_ url: URL) throws -> URL {
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        var seen: [String: Int] = [:]
        for index in lines.indices.dropFirst() where lines[index].hasPrefix("\"") {
            guard let end = lines[index].dropFirst().firstIndex(of: "\"") else { continue }
            let label = String(lines[index][lines[index].index(after: lines[index].startIndex)..<end])
            seen[label, default: 0] += 1
            if let count = seen[label], count > 1 {
                lines[index] = "\"\(label) (\(count))" + lines[index][end...]
            }
        }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("ref-\(UUID().uuidString)-\(url.lastPathComponent)")
        try lines.joined(separator: "\n").write(to: copy, atomically: true, encoding: .utf8)
        return copy
    }
}
