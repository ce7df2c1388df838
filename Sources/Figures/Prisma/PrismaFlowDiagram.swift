import Foundation
import Graphics
import ReviewKit

/// `prisma-flow`: the PRISMA 2020 flow diagram (Page et al., BMJ 2021) — for new and updated
/// reviews, with or without the "other methods" column — from the review's `prisma` counts.
public struct PrismaFlowDiagram: FigureModule {
    /// The module (it holds no state).
    public init() {}

    public let id = "prisma-flow"
    public let name = "PRISMA 2020 flow diagram"
    public let summary = "Records and reports through identification, screening and inclusion, in the PRISMA 2020 template's boxes."
    public let scope = FigureScope.review
    public let example = "metareport figure prisma-flow examples/ketamine-neuropathic-pain/review.yaml -o prisma.svg"
    public let options: [FigureOptionSpec] = [
        FigureOptionSpec("links", .text,
                         help: "A link for every box, e.g. '#prisma-{box}' ({box} becomes the box's id: identification, screened, excluded_reports, included, …); SVG boxes become links, PDF boxes too for absolute URLs."),
    ]

    public func unsuitability(for input: FigureInput) -> String? {
        input.review.prisma == nil ? "the review has no 'prisma' section with the flow counts (see docs/review-format.md)" : nil
    }

    public func layout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> Scene {
        try prismaLayout(input, options: options, style: style).scene
    }

    /// The layout with its boxes and arrows, for tests.
    public func prismaLayout(_ input: FigureInput, options: FigureOptions, style: FigureStyle) throws -> PrismaLayout {
        guard let flow = input.review.prisma else {
            throw FigureError("the review has no 'prisma' section: add the flow counts (see docs/review-format.md)")
        }
        let content = PrismaContent(flow)
        let settings = PrismaLayout.Settings(width: try style.requestedWidth(options.text("width")), title: options.text("title"),
                                             link: options.text("links").flatMap { $0.isEmpty ? nil : $0 })
        return PrismaLayout(content, style: style, settings: settings, title: "PRISMA 2020 flow diagram: \(input.review.title)",
                            description: Self.describe(flow, note: content.note))
    }

    /// The diagram in words (alt text and SVG description): the count at each stage that is given.
    static func describe(_ flow: PrismaFlow, note: String?) -> String {
        var stages: [String] = []
        func add(_ count: Int?, _ what: String) { if let count { stages.append("\(count) \(what)") } }
        if let previous = flow.previous { add(previous.studies, "studies from the previous version") }
        add(flow.identifiedTotal, "records identified from databases and registers")
        add(flow.otherMethods?.identifiedTotal, "by other methods")
        if flow.removedDuplicates != nil || flow.removedAutomation != nil || flow.removedOther != nil { add(flow.removedTotal, "removed before screening") }
        add(flow.screened, "screened")
        add(flow.excludedScreening, "excluded")
        add(flow.sought, "reports sought")
        add(flow.notRetrieved, "not retrieved")
        add(flow.assessed, "assessed for eligibility")
        if !flow.excludedReports.isEmpty { add(flow.excludedReportsTotal, "reports excluded") }
        add(flow.includedStudies, "studies included")
        add(flow.includedReports, "reports of included studies")
        add(flow.metaAnalysisStudies, "studies in the meta-analysis")
        var text = "PRISMA 2020 flow diagram" + (stages.isEmpty ? "." : ": " + stages.joined(separator: ", ") + ".")
        if let note { text += " " + note }
        return text
    }
}
