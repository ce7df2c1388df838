import CCairo
import Foundation

/// A Cairo font face for one family/weight/style, as fontconfig resolved it. Owns one reference
/// to the face.
final class FontFace: @unchecked Sendable {
    // Cairo font faces are reference counted with atomic operations and immutable once made, so
    // sharing one between threads is safe.
    let pointer: OpaquePointer
    /// The family fontconfig chose (differs from the request when that is not installed).
    let family: String
    /// The font file, when fontconfig found one.
    let file: String?

    private init(pointer: OpaquePointer, family: String, file: String?) {
        self.pointer = pointer
        self.family = family
        self.file = file
    }

    deinit { cairo_font_face_destroy(pointer) }

    /// Resolves the font through fontconfig. The face is built from the matched file alone (plus
    /// synthetic bold/slant when fontconfig asks for them), not from the whole matched pattern,
    /// so user settings such as sub-pixel rendering or hinting cannot change the output.
    static func resolve(family: String, weight: Font.Weight, style: Font.Style) -> FontFace {
        // fontconfig's configuration is process-wide and not safe to load from several threads at
        // once; measurers are locked one by one, so resolution takes a process-wide lock as well.
        fontconfigLock.lock()
        defer { fontconfigLock.unlock() }
        return resolveLocked(family: family, weight: weight, style: style)
    }

    private static let fontconfigLock = NSLock()

    private static func resolveLocked(family: String, weight: Font.Weight, style: Font.Style) -> FontFace {
        guard let request = FcPatternCreate() else { return toy(family: family, weight: weight, style: style) }
        defer { FcPatternDestroy(request) }
        addString(request, FC_FAMILY, family)
        FcPatternAddInteger(request, FC_WEIGHT, weight == .bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR)
        FcPatternAddInteger(request, FC_SLANT, style == .italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN)
        // A fixed language, so the user's locale cannot change which face is chosen.
        addString(request, FC_LANG, "en")
        FcConfigSubstitute(nil, request, FcMatchPattern)
        FcDefaultSubstitute(request)

        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, request, &result) else {
            return toy(family: family, weight: weight, style: style)
        }
        defer { FcPatternDestroy(match) }
        guard let file = string(match, FC_FILE), let minimal = FcPatternCreate() else {
            return toy(family: family, weight: weight, style: style)
        }
        defer { FcPatternDestroy(minimal) }

        addString(minimal, FC_FILE, file)
        var index: Int32 = 0
        if FcPatternGetInteger(match, FC_INDEX, 0, &index) == FcResultMatch {
            FcPatternAddInteger(minimal, FC_INDEX, index)
        }
        var embolden: FcBool = 0
        if FcPatternGetBool(match, FC_EMBOLDEN, 0, &embolden) == FcResultMatch {
            FcPatternAddBool(minimal, FC_EMBOLDEN, embolden)
        }
        var matrix: UnsafeMutablePointer<FcMatrix>?
        if FcPatternGetMatrix(match, FC_MATRIX, 0, &matrix) == FcResultMatch, let matrix {
            FcPatternAddMatrix(minimal, FC_MATRIX, matrix)
        }
        // Outlines exactly as designed: grey antialiasing, no hinting, no sub-pixel colour.
        FcPatternAddBool(minimal, FC_ANTIALIAS, 1)
        FcPatternAddBool(minimal, FC_HINTING, 0)
        FcPatternAddInteger(minimal, FC_RGBA, FC_RGBA_NONE)

        guard let face = cairo_ft_font_face_create_for_pattern(minimal),
              cairo_font_face_status(face) == CAIRO_STATUS_SUCCESS else {
            return toy(family: family, weight: weight, style: style)
        }
        return FontFace(pointer: face, family: string(match, FC_FAMILY) ?? family, file: file)
    }

    /// Cairo's own font selection, when fontconfig has nothing to offer; text may then be drawn
    /// with a built-in fallback but nothing crashes.
    private static func toy(family: String, weight: Font.Weight, style: Font.Style) -> FontFace {
        let face = cairo_toy_font_face_create(
            family,
            style == .italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
            weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)!
        return FontFace(pointer: face, family: family, file: nil)
    }

    private static func addString(_ pattern: OpaquePointer, _ object: String, _ value: String) {
        value.withCString { text in
            text.withMemoryRebound(to: FcChar8.self, capacity: value.utf8.count + 1) { chars in
                _ = FcPatternAddString(pattern, object, chars)
            }
        }
    }

    private static func string(_ pattern: OpaquePointer, _ object: String) -> String? {
        var value: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(pattern, object, 0, &value) == FcResultMatch, let value else { return nil }
        return String(cString: value)
    }
}
