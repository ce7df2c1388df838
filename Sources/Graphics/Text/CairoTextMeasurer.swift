import CCairo
import Foundation

/// Measures text with Cairo and FreeType, exactly as the Cairo backend will draw it.
///
/// Hinting and hinted metrics are off, so widths do not depend on the output scale: a label is
/// as wide at 72 dpi as at 600 dpi, in PDF and in SVG. Results are cached (each string and font
/// is measured once) and the measurer is safe to share between threads; use `shared` unless you
/// need an isolated cache.
public final class CairoTextMeasurer: TextMeasuring, @unchecked Sendable {
    // Every mutable field is guarded by `lock`; Cairo and fontconfig calls happen under it too.
    private let lock = NSLock()
    private var faces: [FaceKey: FontFace] = [:]
    private var scaledFonts: [Font: OpaquePointer] = [:]
    private var cache: [MeasureKey: TextExtents] = [:]
    private let fontOptions: OpaquePointer

    /// Bounds memory for pathological inputs; a 10,000-row figure needs a few tens of thousands.
    private static let cacheLimit = 200_000

    /// One measurer for the whole process.
    public static let shared = CairoTextMeasurer()

    /// A measurer with its own font cache; most callers use `shared`.
    public init() {
        fontOptions = CairoTextMeasurer.makeFontOptions()
    }

    deinit {
        for scaledFont in scaledFonts.values { cairo_scaled_font_destroy(scaledFont) }
        cairo_font_options_destroy(fontOptions)
    }

    /// The extents of one line of `text` in `font`. Line breaks count as spaces; a font with a
    /// non-positive or non-finite size measures as zero.
    public func measure(_ text: String, font: Font) -> TextExtents {
        guard font.isDrawable else { return .zero }
        let line = TextSanitizer.singleLine(text)
        let key = MeasureKey(text: line, font: font)
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[key] { return cached }

        let scaledFont = scaledFontLocked(for: font)
        var fontExtents = cairo_font_extents_t()
        cairo_scaled_font_extents(scaledFont, &fontExtents)
        var textExtents = cairo_text_extents_t()
        if !line.isEmpty { cairo_scaled_font_text_extents(scaledFont, line, &textExtents) }
        let extents = TextExtents(width: textExtents.x_advance.finiteOrZero,
                                  ascent: fontExtents.ascent.finiteOrZero,
                                  descent: fontExtents.descent.finiteOrZero)
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = extents
        return extents
    }

    /// The family fontconfig resolved `font` to.
    public func resolvedFamily(for font: Font) -> String {
        face(for: font).family
    }

    /// The font file `font` is drawn from, when one was found.
    public func resolvedFile(for font: Font) -> String? {
        face(for: font).file
    }

    /// The Cairo face the backends draw `font` with.
    func face(for font: Font) -> FontFace {
        lock.lock()
        defer { lock.unlock() }
        return faceLocked(for: font)
    }

    /// Font options for every surface and measurement: no hinting, unhinted metrics, grey
    /// antialiasing. The caller owns the returned object.
    static func makeFontOptions() -> OpaquePointer {
        let options = cairo_font_options_create()!
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_font_options_set_subpixel_order(options, CAIRO_SUBPIXEL_ORDER_DEFAULT)
        return options
    }

    private func faceLocked(for font: Font) -> FontFace {
        let key = FaceKey(family: font.family, weight: font.weight, style: font.style)
        if let face = faces[key] { return face }
        let face = FontFace.resolve(family: font.family, weight: font.weight, style: font.style)
        faces[key] = face
        return face
    }

    private func scaledFontLocked(for font: Font) -> OpaquePointer {
        if let scaledFont = scaledFonts[font] { return scaledFont }
        var fontMatrix = cairo_matrix_t()
        cairo_matrix_init_scale(&fontMatrix, font.size, font.size)
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        let scaledFont = cairo_scaled_font_create(faceLocked(for: font).pointer, &fontMatrix, &identity, fontOptions)!
        scaledFonts[font] = scaledFont
        return scaledFont
    }

    private struct FaceKey: Hashable {
        var family: String
        var weight: Font.Weight
        var style: Font.Style
    }

    private struct MeasureKey: Hashable {
        var text: String
        var font: Font
    }
}

private extension Double {
    var finiteOrZero: Double { isFinite ? self : 0 }
}
