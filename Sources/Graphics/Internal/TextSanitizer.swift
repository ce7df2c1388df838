/// Makes strings safe to draw and to write into XML.
enum TextSanitizer {
    /// One line of drawable text: line breaks and tabs become spaces; other control characters
    /// and the non-characters U+FFFE/U+FFFF (not allowed in XML, invisible anyway) are dropped.
    /// Measuring and drawing both use it, so widths always describe what is drawn.
    static func singleLine(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ isPrintable($0) }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                scalars.append(" ")
            } else if isPrintable(scalar) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Text for XML content where line breaks may stay (tooltips, descriptions): drops only what
    /// XML 1.0 forbids or what is an invisible control character.
    static func multiLine(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ isPrintable($0) }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isPrintable(scalar) || scalar == "\n" || scalar == "\t" {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
