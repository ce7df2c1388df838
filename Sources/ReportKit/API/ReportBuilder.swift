import Figures
import Foundation
import MetaAnalysis
import ReviewKit

/// Assembles the report document, in this order, each part only when the review has its data:
/// title block; methods; PRISMA flow; risk of bias; one section per analysis (figures, results
/// sentence, results table); GRADE summary of findings; study characteristics.
struct ReportBuilder {
    let review: Review
    let outcomes: [AnalysisOutcome]
    let figures: [DrawnFigure]
    let options: ReportOptions

    func document() -> ReportDocument {
        var blocks: [Block] = []
        var figureNumber = 0
        var anchors: Set<String> = []
        func anchor(_ text: String) -> String {
            var base = text.lowercased().unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? String($0) : "-" }.joined()
            while base.contains("--") { base = base.replacingOccurrences(of: "--", with: "-") }
            base = base.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
            if base.isEmpty { base = "section" }
            var candidate = base, n = 2
            while anchors.contains(candidate) { candidate = "\(base)-\(n)"; n += 1 }
            anchors.insert(candidate)
            return candidate
        }
        func figureBlocks(_ drawn: [DrawnFigure]) -> [Block] {
            drawn.map { figure in
                figureNumber += 1
                // A PNG too large to draw is replaced by the PDF, or else by an SVG written in its place.
                let pngStandIn = figure.pdf != nil ? "pdf" : "svg"
                let fileExtension = options.formats.contains(.svg) ? "svg"
                    : (options.formats.contains(.png) ? (figure.png != nil ? "png" : pngStandIn) : "pdf")
                let path = "figures/\(figure.job.name).\(fileExtension)"
                let embedsPNG = options.pngInHTML && figure.png != nil
                return .figure(ReportFigure(
                    id: figure.job.name, path: path,
                    svg: embedsPNG ? nil : figure.svg.map { String(decoding: $0, as: UTF8.self) },
                    png: embedsPNG ? figure.png : nil,
                    caption: "Figure \(figureNumber). \(figure.scene.description)", alt: figure.scene.description))
            }
        }

        if let summary = review.summary { blocks.append(.paragraph([.text(summary)])) }
        if let methods = MethodsText.paragraph(for: review, outcomes: outcomes) {
            blocks.append(.heading(level: 2, text: "Methods", anchor: anchor("methods")))
            blocks.append(.paragraph([.text(methods)]))
        }
        let reviewFigures = figures.filter { $0.job.analysisID == nil }
        let prisma = reviewFigures.filter { $0.job.module.id.hasPrefix("prisma") }
        if !prisma.isEmpty {
            blocks.append(.heading(level: 2, text: "Study selection", anchor: anchor("study-selection")))
            blocks += figureBlocks(prisma)
        }
        let otherReviewFigures = reviewFigures.filter { !$0.job.module.id.hasPrefix("prisma") }
        if !otherReviewFigures.isEmpty {
            blocks.append(.heading(level: 2, text: "Risk of bias", anchor: anchor("risk-of-bias")))
            if let rob = review.riskOfBias {
                blocks.append(.paragraph([.text("\(ResultsText.capitalizedCount(rob.studies.count)) \(rob.studies.count == 1 ? "study was" : "studies were") assessed with \(rob.tool.assessmentName).")]))
            }
            blocks += figureBlocks(otherReviewFigures)
        }
        for outcome in outcomes {
            let analysis = outcome.analysis
            blocks.append(.heading(level: 2, text: analysis.title, anchor: anchor(analysis.id)))
            blocks += ResultsText.blocks(outcome)
            if let result = outcome.result {
                for note in result.notes { blocks.append(.paragraph([.emphasis(note)])) }
            }
            blocks += figureBlocks(figures.filter { $0.job.analysisID == analysis.id })
            if let table = ResultsText.table(outcome, id: "\(analysis.id)-results") { blocks.append(.table(table)) }
        }
        if let sof = review.summaryOfFindings, !sof.outcomes.isEmpty {
            blocks.append(.heading(level: 2, text: "Summary of findings", anchor: anchor("summary-of-findings")))
            blocks.append(.table(SummaryOfFindingsTable.table(sof, review: review, outcomes: outcomes)))
        }
        if let characteristics = review.characteristics, !characteristics.rows.isEmpty {
            blocks.append(.heading(level: 2, text: "Characteristics of included studies", anchor: anchor("characteristics")))
            let rows: [[[Inline]]] = characteristics.rows.map { row in
                characteristics.columns.map { [.text(row[$0]?.text ?? "")] }
            }
            blocks.append(.table(ReportTable(id: "characteristics", caption: "Characteristics of included studies",
                                             header: characteristics.columns, rows: rows)))
        }
        var byline: [String] = []
        if !review.authors.isEmpty { byline.append(review.authors.joined(separator: ", ")) }
        if let date = review.date { byline.append(date) }
        return ReportDocument(title: review.title, byline: byline, blocks: blocks)
    }
}
