import CCairo
import Foundation

/// Renders a drawing to PNG, PDF or SVG bytes. Writing them to a file is the caller's job.
///
/// ```swift
/// let png = try Renderer.render(size: Size(width: 400, height: 200), format: .png(dpi: 300),
///                               metadata: FigureMetadata(title: "Forest plot")) { canvas in
///     canvas.text("Study", at: Point(x: 10, y: 20), font: Font(size: 10))
/// }
/// ```
///
/// The output depends only on the drawing, the metadata and the installed fonts: never on the
/// time, the locale or the environment. Rendering the same figure twice gives identical bytes.
public enum Renderer {
    /// The largest width or height of a figure, in points (about 353 m): beyond it Cairo's
    /// fixed-point coordinates lose precision, and no page or screen could show it.
    public static let maximumFigureSide = Drawable.coordinateLimit

    /// Whether a figure of `size` can be drawn in every format (PNG has its own, smaller limit).
    public static func fitsFigureSizeLimit(_ size: Size) -> Bool {
        size.width <= maximumFigureSide && size.height <= maximumFigureSide
    }

    /// Draws with `draw` on a canvas of `size` points and returns the encoded file.
    ///
    /// - Parameters:
    ///   - background: painted under the drawing; nil leaves it transparent.
    ///   - measurer: measures and resolves fonts; the layout passed to `draw` should have been
    ///     computed with the same measurer.
    /// - Throws: `GraphicsError` for an invalid size or resolution, a PNG beyond Cairo's
    ///   32,767 pixels per side (or 268 megapixels in all), or a Cairo failure; and whatever
    ///   `draw` throws.
    public static func render(size: Size, format: ImageFormat, metadata: FigureMetadata,
                              measurer: CairoTextMeasurer = .shared, background: Color? = .white,
                              draw: (any Canvas) throws -> Void) throws -> Data {
        guard size.isFinite, size.width > 0, size.height > 0 else { throw GraphicsError.invalidSize(size) }
        guard fitsFigureSizeLimit(size) else { throw GraphicsError.figureTooLarge(size) }
        switch format {
        case .png(let dpi):
            return try renderPNG(size: size, dpi: dpi, measurer: measurer, background: background, draw: draw)
        case .pdf:
            return try renderPDF(size: size, metadata: metadata, measurer: measurer, background: background, draw: draw)
        case .svg:
            return try renderSVG(size: size, metadata: metadata, measurer: measurer, background: background, draw: draw)
        }
    }

    /// The pixel size of a PNG of `size` points at `dpi` (rounded up, so nothing is cut off).
    public static func pixelSize(of size: Size, dpi: Double) -> (width: Double, height: Double) {
        let scale = dpi / 72
        // The small tolerance keeps 72 pt at 300 dpi at exactly 300 px despite rounding error.
        return ((size.width * scale - 1e-6).rounded(.up), (size.height * scale - 1e-6).rounded(.up))
    }

    /// The highest resolution, at most `dpi`, at which a PNG of `size` points stays within Cairo's
    /// limits (32,767 pixels per side, 268 megapixels in all); `dpi` itself when it fits. Rounded
    /// down to a whole dpi so the result is a resolution people recognise.
    public static func largestPNGResolution(for size: Size, upTo dpi: Double) -> Double {
        guard size.isFinite, size.width > 0, size.height > 0, dpi.isFinite, dpi > 0 else { return dpi }
        func fits(_ candidate: Double) -> Bool {
            let pixels = pixelSize(of: size, dpi: candidate)
            let side = Double(GraphicsError.maximumPixelDimension)
            return pixels.width <= side && pixels.height <= side && pixels.width * pixels.height <= Double(GraphicsError.maximumPixelCount)
        }
        if fits(dpi) { return dpi }
        let longest = max(size.width, size.height) / 72
        let byArea = (Double(GraphicsError.maximumPixelCount) / (size.width / 72 * size.height / 72)).squareRoot()
        var candidate = min(dpi, Double(GraphicsError.maximumPixelDimension) / longest, byArea).rounded(.down)
        // Rounding up to whole pixels can push the estimate one pixel over; step down until it fits.
        while candidate > 1, !fits(candidate) { candidate -= 1 }
        return max(candidate, 1)
    }

    // MARK: - PNG

    private static func renderPNG(size: Size, dpi: Double, measurer: CairoTextMeasurer, background: Color?,
                                  draw: (any Canvas) throws -> Void) throws -> Data {
        guard dpi.isFinite, dpi > 0 else { throw GraphicsError.invalidResolution(dpi) }
        let pixels = pixelSize(of: size, dpi: dpi)
        let limit = Double(GraphicsError.maximumPixelDimension)
        guard pixels.width <= limit, pixels.height <= limit else {
            throw GraphicsError.imageTooLarge(width: pixels.width, height: pixels.height, dpi: dpi,
                                              fitting: largestPNGResolution(for: size, upTo: dpi))
        }
        guard pixels.width * pixels.height <= Double(GraphicsError.maximumPixelCount) else {
            throw GraphicsError.imageTooManyPixels(width: pixels.width, height: pixels.height, dpi: dpi,
                                                   fitting: largestPNGResolution(for: size, upTo: dpi))
        }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(max(1, pixels.width)),
                                                 Int32(max(1, pixels.height)))!
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "creating a \(Int(pixels.width)) × \(Int(pixels.height)) pixel image")

        try drawOnSurface(surface, size: size, scale: dpi / 72, measurer: measurer, emitsLinks: false,
                          background: background, draw: draw)
        cairo_surface_flush(surface)

        return try PNGEncoder.encode(surface, dpi: dpi)
    }

    // MARK: - PDF

    private static func renderPDF(size: Size, metadata: FigureMetadata, measurer: CairoTextMeasurer,
                                  background: Color?, draw: (any Canvas) throws -> Void) throws -> Data {
        let sink = ByteSink()
        let surface = cairo_pdf_surface_create_for_stream(ByteSink.write, sink.closure, size.width, size.height)!
        defer { cairo_surface_destroy(surface) }
        try check(cairo_surface_status(surface), "creating the PDF")

        let title = TextSanitizer.singleLine(metadata.title)
        let subject = TextSanitizer.singleLine(metadata.description)
        if !title.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        if !subject.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "metareport")
        // Cairo stamps the current time unless told otherwise; an empty (unparsable) date makes
        // it leave both dates out, so the same figure always gives the same bytes.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "")

        try drawOnSurface(surface, size: size, scale: 1, measurer: measurer, emitsLinks: true,
                          background: background, draw: draw)
        cairo_surface_finish(surface)
        try check(cairo_surface_status(surface), "writing the PDF")
        return sink.data
    }

    // MARK: - SVG

    private static func renderSVG(size: Size, metadata: FigureMetadata, measurer: CairoTextMeasurer,
                                  background: Color?, draw: (any Canvas) throws -> Void) throws -> Data {
        let canvas = SVGCanvas(size: size, measurer: measurer, idPrefix: idPrefix(for: metadata))
        try draw(canvas)
        return canvas.document(metadata: metadata, background: background)
    }

    /// The caller's identifier reduced to characters valid in an XML id, or a stable hash of the
    /// title and description (FNV-1a), so ids differ between figures but never between runs.
    static func idPrefix(for metadata: FigureMetadata) -> String {
        if let identifier = metadata.identifier {
            let cleaned = String(identifier.unicodeScalars.filter { scalar in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
            }.map(Character.init))
            if let first = cleaned.unicodeScalars.first, first.properties.isAlphabetic { return cleaned }
            if !cleaned.isEmpty { return "f-" + cleaned }
        }
        var hash: UInt32 = 2_166_136_261
        for byte in (metadata.title + "\u{1F}" + metadata.description).utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return "fig-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    // MARK: - Cairo plumbing

    private static func drawOnSurface(_ surface: OpaquePointer, size: Size, scale: Double,
                                      measurer: CairoTextMeasurer, emitsLinks: Bool, background: Color?,
                                      draw: (any Canvas) throws -> Void) throws {
        let context = cairo_create(surface)!
        defer { cairo_destroy(context) }
        if let background = Drawable.fill(background) {
            cairo_set_source_rgba(context, background.r, background.g, background.b, background.a)
            if cairo_surface_get_type(surface) == CAIRO_SURFACE_TYPE_IMAGE {
                // Every pixel, including the last row and column that the scaled page only partly
                // covers, so an opaque background gives an opaque (RGB) PNG.
                cairo_paint(context)
            } else {
                cairo_scale(context, scale, scale)
                cairo_rectangle(context, 0, 0, size.width, size.height)
                cairo_fill(context)
                cairo_identity_matrix(context)
            }
        }
        cairo_scale(context, scale, scale)
        let canvas = CairoCanvas(context: context, size: size, measurer: measurer, emitsLinks: emitsLinks)
        try draw(canvas)
        try check(cairo_status(context), "drawing")
    }

    private static func check(_ status: cairo_status_t, _ action: String) throws {
        guard status != CAIRO_STATUS_SUCCESS else { return }
        throw GraphicsError.cairo(String(cString: cairo_status_to_string(status)), during: action)
    }
}
