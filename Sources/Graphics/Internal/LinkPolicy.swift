/// Decides which link targets a figure may carry. Figures are often built from user data, so a
/// link must never run script: only http, https and mailto URLs, relative references and
/// `#fragments` pass; `javascript:`, `data:`, `file:` and every other scheme are dropped.
enum LinkPolicy {
    private static let allowedSchemes: Set<String> = ["http", "https", "mailto"]

    /// The link to write into an SVG, or nil when it is not allowed. Spaces are percent-encoded;
    /// a link containing control characters (which browsers silently strip, e.g. to hide
    /// `java\tscript:`) is rejected.
    static func svgLink(_ link: String?) -> String? {
        guard let link else { return nil }
        let trimmed = link.trimmingSpaces()
        guard !trimmed.isEmpty,
              !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        else { return nil }
        if let scheme = scheme(of: trimmed), !allowedSchemes.contains(scheme) { return nil }
        return trimmed.replacingSpaces()
    }

    /// The link to attach in a PDF: only absolute http, https and mailto URLs, since a PDF has
    /// no base address to resolve relative ones against. Bytes outside printable ASCII, and the
    /// characters PDF strings and Cairo's tag syntax treat specially (`(`, `)`, `\`, `'`), are
    /// percent-encoded: Cairo 1.16 writes the URI into the PDF without escaping them.
    static func pdfLink(_ link: String?) -> String? {
        guard let safe = svgLink(link), scheme(of: safe) != nil else { return nil }
        var encoded = ""
        for byte in safe.utf8 {
            if byte > 0x20, byte < 0x7F, !"()\\'<>\"{}|^`".utf8.contains(byte) {
                encoded.append(Character(Unicode.Scalar(byte)))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }

    /// The lower-cased scheme when the link starts with one (RFC 3986: a letter, then letters,
    /// digits, `+`, `-` or `.`, then `:`).
    static func scheme(of link: String) -> String? {
        guard let colon = link.firstIndex(of: ":") else { return nil }
        let candidate = link[..<colon]
        guard let first = candidate.unicodeScalars.first, first.isASCIILetter,
              candidate.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "+-.".unicodeScalars.contains($0) })
        else { return nil }
        return candidate.lowercased()
    }
}

private extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

private extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    func replacingSpaces() -> String {
        contains(" ") ? split(separator: " ", omittingEmptySubsequences: false).joined(separator: "%20") : self
    }
}
