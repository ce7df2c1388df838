/// Which point of a line of text sits at the x coordinate it is drawn at.
public enum TextAnchor: String, Sendable, Hashable {
    /// The text starts at x (left-aligned for left-to-right text).
    case start
    /// The text is centred on x.
    case middle
    /// The text ends at x (right-aligned).
    case end

    /// How far left of the anchor the text starts, for a line `width` points wide.
    func offset(forWidth width: Double) -> Double {
        switch self {
        case .start: 0
        case .middle: width / 2
        case .end: width
        }
    }
}
