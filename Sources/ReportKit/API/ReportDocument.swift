import Foundation

/// A report as a tree of plain values — sections, paragraphs, figures, tables, footnotes —
/// written out by `MarkdownWriter` and `HTMLWriter`. User text lives in `Inline.text` and is
/// escaped by the writers, never pasted into markup.
public struct ReportDocument: Sendable {
    /// The report's title (the review's).
    public var title: String
    /// Lines under the title: authors, date.
    public var byline: [String]
    /// The report's content, in order.
    public var blocks: [Block]

    /// A document with a title, the lines under it and its blocks.
    public init(title: String, byline: [String] = [], blocks: [Block] = []) {
        self.title = title
        self.byline = byline
        self.blocks = blocks
    }

    /// The section headings, for the table of contents.
    public var headings: [(level: Int, text: String, anchor: String)] {
        blocks.compactMap { block in
            if case .heading(let level, let text, let anchor) = block { return (level, text, anchor) }
            return nil
        }
    }
}

/// A block of the report.
public enum Block: Sendable {
    /// A section heading (level 2 or 3) with the anchor links use.
    case heading(level: Int, text: String, anchor: String)
    case paragraph([Inline])
    case figure(ReportFigure)
    case table(ReportTable)
    /// A bulleted list.
    case list([[Inline]])
}

/// Inline content.
public enum Inline: Sendable, Hashable {
    /// Plain text, escaped by the writers.
    case text(String)
    /// Bold text.
    case strong(String)
    /// Italic text.
    case emphasis(String)
    /// A link to a URL or a `#anchor` in the report.
    case link(text: String, target: String)
    /// A reference to one of the table's explanations (`ReportTable.footnotes`), shown as its
    /// superscript letter; neighbouring references share one superscript ("LOW a,b").
    case footnote(id: String)
}

extension Inline: ExpressibleByStringLiteral {
    /// Plain text from a string literal.
    public init(stringLiteral value: String) { self = .text(value) }
}

/// A figure with its files and words.
public struct ReportFigure: Sendable {
    /// Anchor and file stem, e.g. `tb-cases-forest`.
    public var id: String
    /// The image path relative to the report (`figures/tb-cases-forest.svg`).
    public var path: String
    /// The SVG to inline in HTML (the same drawing as the file).
    public var svg: String?
    /// A PNG to embed in HTML as a data URI instead of the SVG.
    public var png: Data?
    /// The caption under the figure.
    public var caption: String
    /// What the figure shows, for screen readers and when images are off.
    public var alt: String

    /// A figure with its anchor, file path, the SVG or PNG to embed, caption and alt text.
    public init(id: String, path: String, svg: String?, png: Data? = nil, caption: String, alt: String) {
        self.id = id
        self.path = path
        self.svg = svg
        self.png = png
        self.caption = caption
        self.alt = alt
    }
}

/// A table with a caption, a header row, body rows and footnotes.
public struct ReportTable: Sendable {
    /// How a column's cells are aligned.
    public enum Alignment: Sendable { case left, center, right }

    /// The table's anchor.
    public var id: String
    /// The caption above the table.
    public var caption: String
    /// The column headings.
    public var header: [String]
    /// One alignment per column.
    public var alignments: [Alignment]
    /// Each cell is inline content (so cells can carry footnote references).
    public var rows: [[[Inline]]]
    /// Explanations referenced from cells (id → text), listed under the table and lettered a, b,
    /// c… in this order, as GRADEpro does.
    public var footnotes: [(id: String, text: String)]
    /// A note printed under the table.
    public var note: String?

    /// A table; columns are left-aligned unless `alignments` says otherwise.
    public init(id: String, caption: String, header: [String], alignments: [Alignment]? = nil,
                rows: [[[Inline]]], footnotes: [(id: String, text: String)] = [], note: String? = nil) {
        self.id = id
        self.caption = caption
        self.header = header
        self.alignments = alignments ?? Array(repeating: .left, count: header.count)
        self.rows = rows
        self.footnotes = footnotes
        self.note = note
    }
}
