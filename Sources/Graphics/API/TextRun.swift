/// A piece of one line of text placed at its own x on the line's baseline: the parts of a table
/// cell that align with the same parts in other rows, such as "0.41", " [0.13," and " 1.26]" of an
/// estimate whose numbers and brackets line up down a column. Drawn with `Canvas.text(runs:…)`,
/// the pieces still read as one line: in SVG one `<text>` whose text is the whole line.
public struct TextRun: Sendable, Hashable {
    /// The piece's text, with the spaces that separate it from the piece before.
    public var string: String
    /// Where the piece is anchored, in points.
    public var x: Double
    /// Whether the piece starts at, is centred on, or ends at `x`.
    public var anchor: TextAnchor

    /// A piece anchored at `x` (by default it ends there, as right-aligned numbers do).
    public init(_ string: String, x: Double, anchor: TextAnchor = .end) {
        self.string = string
        self.x = x
        self.anchor = anchor
    }
}
