/// Why a figure could not be rendered. `description` is a sentence fit to show a user.
public struct GraphicsError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The kind of failure, for callers that branch on it.
    public enum Code: String, Sendable, Hashable {
        /// The canvas size is not finite and positive.
        case invalidSize
        /// The PNG resolution is not finite and positive.
        case invalidResolution
        /// The PNG would be larger than Cairo's pixel limit.
        case imageTooLarge
        /// The figure is larger than any format is drawn at (`Renderer.maximumFigureSide`).
        case figureTooLarge
        /// Cairo reported an error (out of memory, write failure, …).
        case cairo
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong, as a sentence for the user.
    public let description: String

    /// An error of kind `code` with a message for the user.
    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The largest width or height, in pixels, of a Cairo image surface.
    public static let maximumPixelDimension = 32_767

    /// The most pixels a PNG may have in all (2²⁸, 1 GiB of memory while drawing), so a huge
    /// figure fails with a message instead of exhausting memory.
    public static let maximumPixelCount = 268_435_456

    /// A finite figure beyond `Renderer.maximumFigureSide`, with what to do instead.
    public static func figureTooLarge(_ size: Size) -> GraphicsError {
        let points = NumberFormat(fractionDigits: 0)
        let metres = NumberFormat(fractionDigits: 0).string(max(size.width, size.height) / 72 * 0.0254)
        return GraphicsError(.figureTooLarge,
                             "the figure would be \(points.string(size.width)) × \(points.string(size.height)) pt (\(metres) m on its longest side), beyond the \(points.string(Renderer.maximumFigureSide)) pt a side that metareport draws in any format. Draw fewer rows: a subset of the studies, or one figure per subgroup.")
    }

    static func invalidSize(_ size: Size) -> GraphicsError {
        GraphicsError(.invalidSize,
                      "Figure size \(size.width) × \(size.height) pt is invalid; both sides must be finite and greater than zero.")
    }

    static func invalidResolution(_ dpi: Double) -> GraphicsError {
        GraphicsError(.invalidResolution,
                      "Resolution \(dpi) dpi is invalid; it must be finite and greater than zero.")
    }

    static func imageTooLarge(width: Double, height: Double, dpi: Double, fitting: Double) -> GraphicsError {
        let pixels = NumberFormat(fractionDigits: 0)
        return GraphicsError(.imageTooLarge,
                             "The PNG would be \(pixels.string(width)) × \(pixels.string(height)) pixels at \(NumberFormat.compact.string(dpi)) dpi, but Cairo allows at most \(maximumPixelDimension) pixels per side. \(remedy(fitting))")
    }

    static func imageTooManyPixels(width: Double, height: Double, dpi: Double, fitting: Double) -> GraphicsError {
        let pixels = NumberFormat(fractionDigits: 0)
        let megapixels = NumberFormat(fractionDigits: 0).string(width * height / 1_000_000)
        return GraphicsError(.imageTooLarge,
                             "The PNG would be \(pixels.string(width)) × \(pixels.string(height)) pixels (\(megapixels) megapixels) at \(NumberFormat.compact.string(dpi)) dpi, but at most \(maximumPixelCount / 1_000_000) megapixels are allowed. \(remedy(fitting))")
    }

    /// What to do instead: the resolution that fits (when it is still a usable one), or vectors.
    private static func remedy(_ fitting: Double) -> String {
        let dpi = NumberFormat.compact.string(fitting)
        return fitting >= 72
            ? "Use --dpi \(dpi) or lower, or render PDF or SVG, which have no pixel limit."
            : "Render PDF or SVG, which have no pixel limit (a PNG would need a lower --dpi than 72, at most \(dpi))."
    }

    static func cairo(_ message: String, during action: String) -> GraphicsError {
        GraphicsError(.cairo, "Cairo failed while \(action): \(message).")
    }
}
