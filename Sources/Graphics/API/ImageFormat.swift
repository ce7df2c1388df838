/// The file formats a figure can be rendered to.
public enum ImageFormat: Sendable, Hashable {
    /// A raster image at `dpi` pixels per inch (the canvas is scaled by dpi/72).
    case png(dpi: Double)
    /// Vector PDF with embedded fonts and selectable text.
    case pdf
    /// Vector SVG with real `<text>` elements.
    case svg

    /// The resolution used when none is given.
    public static let defaultDPI: Double = 300

    /// Infers the format from a file extension (`png`, `pdf`, `svg`, any case, with or without
    /// a leading dot); PNG uses `dpi`.
    public init?(fileExtension: String, dpi: Double = ImageFormat.defaultDPI) {
        var ext = fileExtension.lowercased()
        if ext.hasPrefix(".") { ext.removeFirst() }
        switch ext {
        case "png": self = .png(dpi: dpi)
        case "pdf": self = .pdf
        case "svg": self = .svg
        default: return nil
        }
    }

    /// The usual file extension, without a dot.
    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .pdf: "pdf"
        case .svg: "svg"
        }
    }

    /// The media type, for HTML embedding.
    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .pdf: "application/pdf"
        case .svg: "image/svg+xml"
        }
    }
}
