/// Escaping for the SVG writer. Every string that reaches the SVG goes through one of these.
enum XMLEscaping {
    /// Element content: `&`, `<`, `>` become entities; characters XML cannot hold are dropped.
    static func text(_ string: String) -> String {
        escape(TextSanitizer.multiLine(string), quotes: false)
    }

    /// A double-quoted attribute value: also escapes `"`, and line breaks and tabs as character
    /// references, so XML attribute normalisation cannot turn them into spaces.
    static func attribute(_ string: String) -> String {
        escape(TextSanitizer.multiLine(string), quotes: true)
    }

    private static func escape(_ string: String, quotes: Bool) -> String {
        // Most strings need nothing; skip the copy for them. Every special character is ASCII, so
        // a byte scan finds them all (the loop below still decides, character by character).
        let needsWork = string.utf8.contains { byte in
            byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || (quotes && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")))
        }
        guard needsWork else { return string }
        var result = ""
        result.reserveCapacity(string.utf8.count + 16)
        for character in string {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "\n" where quotes: result += "&#10;"
            case "\t" where quotes: result += "&#9;"
            default: result.append(character)
            }
        }
        return result
    }
}
