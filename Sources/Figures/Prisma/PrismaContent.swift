import Foundation
import ReviewKit

/// What a PRISMA 2020 flow diagram says, before anything is placed: its boxes (by column and
/// row, in the template's wording), the arrows between them, the column headers, the phases and
/// the note on counts that do not add up.
///
/// Counts that are not given are shown as "not reported", never derived from the others.
public struct PrismaContent: Sendable {
    /// The template's columns, left to right.
    public enum Column: Int, Sendable, CaseIterable {
        /// Studies of the previous version (updated reviews).
        case previous
        /// Databases and registers: the stages.
        case main
        /// What left the main column at each stage.
        case mainSide
        /// Websites, organisations, citation searching.
        case other
        /// What left the other-methods column.
        case otherSide
    }

    /// The template's rows, top to bottom.
    public enum Row: Int, Sendable, CaseIterable {
        case identified, screened, sought, assessed, included, total, metaAnalysis

        /// The phase a row belongs to, as the label on the left says.
        public var phase: String {
            switch self {
            case .identified: return "Identification"
            case .screened, .sought, .assessed: return "Screening"
            case .included, .total, .metaAnalysis: return "Included"
            }
        }
    }

    /// One line of a box before wrapping; `indent` levels for items under a heading line.
    public struct Paragraph: Sendable, Hashable {
        /// The line's text.
        public var text: String
        /// How many levels it is indented.
        public var indent: Int

        /// A line of text, indented `indent` levels.
        public init(_ text: String, indent: Int = 0) {
            self.text = text
            self.indent = indent
        }
    }

    /// One box: its id (the `prisma` key it shows, used in links), place and text.
    public struct Box: Sendable {
        /// The box's id.
        public var id: String
        /// The template column it stands in.
        public var column: Column
        /// The template row it stands in.
        public var row: Row
        /// Its text, line by line before wrapping.
        public var paragraphs: [Paragraph]
        /// The box's count (the total for boxes with a breakdown); nil when not reported.
        public var count: Int?
    }

    /// A header over one or more columns.
    public struct Header: Sendable {
        /// The header's text.
        public var text: String
        /// The columns it spans.
        public var columns: [Column]
    }

    /// The column headers.
    public var headers: [Header] = []
    /// The boxes, row by row.
    public var boxes: [Box] = []
    /// Arrows from one box to another, by id.
    public var arrows: [(from: String, to: String)] = []
    /// Why the figure's counts do not add up, or nil when they do.
    public var note: String?

    /// The rows that have boxes, in order.
    public var rows: [Row] { Row.allCases.filter { row in boxes.contains { $0.row == row } } }
    /// The columns that have boxes, in order.
    public var columns: [Column] { Column.allCases.filter { column in boxes.contains { $0.column == column } } }

    /// The box with this id.
    public func box(_ id: String) -> Box? { boxes.first { $0.id == id } }

    /// The diagram for `flow`: new or updated review (with `previous`), with or without the
    /// other-methods column, with the meta-analysis box when its count is given.
    public init(_ flow: PrismaFlow) {
        let updated = flow.previous != nil
        let new = updated ? "new " : ""
        headers.append(Header(text: "Identification of \(new)studies via databases and registers", columns: [.main, .mainSide]))

        if let previous = flow.previous {
            headers.insert(Header(text: "Previous studies", columns: [.previous]), at: 0)
            add("previous", .previous, .identified, previous.studies, [
                Paragraph("Studies included in previous version of review \(Self.n(previous.studies))"),
                Paragraph("Reports of studies included in previous version of review \(Self.n(previous.reports))"),
            ])
        }

        // Databases and registers.
        var identified: [Paragraph] = [Paragraph("Records identified from:")]
        identified += Self.sources(flow.databases, total: "Databases")
        identified += Self.sources(flow.registers, total: "Registers")
        if flow.databases.isEmpty && flow.registers.isEmpty { identified = [Paragraph("Records identified from databases and registers \(Self.n(nil))")] }
        add("identification", .main, .identified, flow.identifiedTotal, identified)

        let removals: [(String, Int?)] = [("Duplicate records removed", flow.removedDuplicates),
                                          ("Records marked as ineligible by automation tools", flow.removedAutomation),
                                          ("Records removed for other reasons", flow.removedOther)]
        let given = removals.filter { $0.1 != nil }
        add("removed_before_screening", .mainSide, .identified, given.isEmpty ? nil : flow.removedTotal,
            given.isEmpty ? [Paragraph("Records removed before screening \(Self.n(nil))")]
                : [Paragraph("Records removed before screening:")] + given.map { Paragraph("\($0.0) \(Self.n($0.1))", indent: 1) })

        add("screened", .main, .screened, flow.screened, [Paragraph("Records screened \(Self.n(flow.screened))")])
        add("excluded_screening", .mainSide, .screened, flow.excludedScreening, [Paragraph("Records excluded \(Self.n(flow.excludedScreening))")])
        add("sought", .main, .sought, flow.sought, [Paragraph("Reports sought for retrieval \(Self.n(flow.sought))")])
        add("not_retrieved", .mainSide, .sought, flow.notRetrieved, [Paragraph("Reports not retrieved \(Self.n(flow.notRetrieved))")])
        add("assessed", .main, .assessed, flow.assessed, [Paragraph("Reports assessed for eligibility \(Self.n(flow.assessed))")])
        add("excluded_reports", .mainSide, .assessed, flow.excludedReports.isEmpty ? nil : flow.excludedReportsTotal,
            Self.exclusions(flow.excludedReports))
        arrows += [("identification", "removed_before_screening"), ("identification", "screened"),
                   ("screened", "excluded_screening"), ("screened", "sought"), ("sought", "not_retrieved"),
                   ("sought", "assessed"), ("assessed", "excluded_reports")]

        // Other methods: identified, then straight to retrieval (no screening box in the template).
        if let other = flow.otherMethods {
            headers.append(Header(text: "Identification of \(new)studies via other methods", columns: [.other, .otherSide]))
            var lines = [Paragraph("Records identified from:")] + Self.sources(other.identified, total: "Other methods")
            if other.identified.isEmpty { lines = [Paragraph("Records identified by other methods \(Self.n(nil))")] }
            add("other_methods.identified", .other, .identified, other.identifiedTotal, lines)
            add("other_methods.sought", .other, .sought, other.sought, [Paragraph("Reports sought for retrieval \(Self.n(other.sought))")])
            add("other_methods.not_retrieved", .otherSide, .sought, other.notRetrieved, [Paragraph("Reports not retrieved \(Self.n(other.notRetrieved))")])
            add("other_methods.assessed", .other, .assessed, other.assessed, [Paragraph("Reports assessed for eligibility \(Self.n(other.assessed))")])
            add("other_methods.excluded_reports", .otherSide, .assessed, other.excludedReports.isEmpty ? nil : other.excludedReportsTotal,
                Self.exclusions(other.excludedReports))
            arrows += [("other_methods.identified", "other_methods.sought"), ("other_methods.sought", "other_methods.not_retrieved"),
                       ("other_methods.sought", "other_methods.assessed"), ("other_methods.assessed", "other_methods.excluded_reports"),
                       ("other_methods.assessed", "included")]
        }

        // Included: for an updated review, the new studies and then the total with the previous ones.
        if let previous = flow.previous {
            let newStudies = flow.includedStudies.map { $0 - previous.studies }.flatMap { $0 >= 0 ? $0 : nil }
            let newReports = flow.includedReports.flatMap { total in previous.reports.map { total - $0 } }.flatMap { $0 >= 0 ? $0 : nil }
            add("included", .main, .included, newStudies, [Paragraph("New studies included in review \(Self.n(newStudies))"),
                                                           Paragraph("Reports of new included studies \(Self.n(newReports))")])
            add("included_studies", .main, .total, flow.includedStudies, [
                Paragraph("Total studies included in review \(Self.n(flow.includedStudies))"),
                Paragraph("Reports of total included studies \(Self.n(flow.includedReports))"),
            ])
            arrows += [("assessed", "included"), ("included", "included_studies"), ("previous", "included_studies")]
        } else {
            add("included", .main, .included, flow.includedStudies, [
                Paragraph("Studies included in review \(Self.n(flow.includedStudies))"),
                Paragraph("Reports of included studies \(Self.n(flow.includedReports))"),
            ])
            arrows.append(("assessed", "included"))
        }
        if let studies = flow.metaAnalysisStudies {
            add("meta_analysis_studies", .main, .metaAnalysis, studies, [Paragraph("Studies included in meta-analysis \(Self.n(studies))")])
            arrows.append((updated ? "included_studies" : "included", "meta_analysis_studies"))
        }
        note = Self.note(flow)
    }

    private mutating func add(_ id: String, _ column: Column, _ row: Row, _ count: Int?, _ paragraphs: [Paragraph]) {
        boxes.append(Box(id: id, column: column, row: row, paragraphs: paragraphs, count: count))
    }

    /// "(n = 12)", or "(n = not reported)"; no-break spaces keep "(n = 12)" on one line.
    static func n(_ count: Int?) -> String {
        "(n\u{00A0}=\u{00A0}\(count.map(String.init) ?? "not reported"))"
    }

    /// A source's lines: its total, or a heading with one indented line per labelled count.
    static func sources(_ counts: [PrismaFlow.Count], total: String) -> [Paragraph] {
        if counts.isEmpty { return [] }
        if counts.count == 1, counts[0].label.isEmpty { return [Paragraph("\(total) \(n(counts[0].count))", indent: 1)] }
        let unlabelled = counts.filter { $0.label.isEmpty }
        if unlabelled.isEmpty, total == "Other methods" {
            return counts.map { Paragraph("\(label($0.label)) \(n($0.count))", indent: 1) }
        }
        let sum = counts.reduce(0) { $0 + $1.count }
        return [Paragraph("\(total) \(n(sum)):", indent: 1)]
            + counts.map { Paragraph("\($0.label.isEmpty ? "Other" : label($0.label)) \(n($0.count))", indent: 2) }
    }

    /// "Reports excluded:" with one line per reason, or the total alone.
    static func exclusions(_ reasons: [PrismaFlow.Count]) -> [Paragraph] {
        if reasons.isEmpty { return [Paragraph("Reports excluded \(n(nil))")] }
        if reasons.count == 1, reasons[0].label.isEmpty { return [Paragraph("Reports excluded \(n(reasons[0].count))")] }
        return [Paragraph("Reports excluded:")] + reasons.map { Paragraph("\($0.label.isEmpty ? "Other reasons" : label($0.label)) \(n($0.count))", indent: 1) }
    }

    /// A label written as a key (`citation_searching`, `websites`) reads as words ("Citation
    /// searching", "Websites"); other labels ("MEDLINE", "Wrong population") stay as written.
    static func label(_ text: String) -> String {
        guard !text.isEmpty, text.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else { return text }
        let words = text.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The note under a diagram whose counts do not add up: each problem, and the review's reason
    /// when it acknowledges them.
    static func note(_ flow: PrismaFlow) -> String? {
        let problems = flow.arithmeticProblems()
        guard !problems.isEmpty else { return nil }
        var text = "Note: the counts do not add up: " + problems.map(\.message).joined(separator: "; ") + "."
        if let reason = flow.acknowledgedInconsistencies {
            let sentence = reason.prefix(1).uppercased() + reason.dropFirst()
            text += " Acknowledged: \(sentence)\(".!?".contains(sentence.last ?? ".") ? "" : ".")"
        }
        return text
    }
}
