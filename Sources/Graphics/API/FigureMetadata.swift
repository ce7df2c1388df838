/// What a figure is, for people who cannot see it and for document properties: the SVG
/// `<title>`/`<desc>` and the PDF title/subject.
public struct FigureMetadata: Sendable, Hashable {
    /// A short name, e.g. "Forest plot: mortality at 30 days".
    public var title: String
    /// A sentence or two saying what the figure shows (alt text).
    public var description: String
    /// Prefix for the ids inside an SVG (`<title id=…>`), so several SVGs can be inlined in one
    /// HTML page without clashing. When nil, one is derived from the title and description.
    public var identifier: String?

    /// A figure's title, its alt text, and optionally the prefix of its SVG ids.
    public init(title: String, description: String = "", identifier: String? = nil) {
        self.title = title
        self.description = description
        self.identifier = identifier
    }
}
