import Foundation

/// Writes a report as GitHub-flavoured Markdown. Every piece of user text is escaped, so a study
/// called `<img src=x onerror=alert(1)>` or `| **bold** |` reads literally, in Markdown viewers
/// and in the HTML made from it.
public struct MarkdownWriter: Sendable {
    /// A Markdown writer.
    public init() {}

    /// The document as GitHub-flavoured Markdown, with user text escaped.
    public func write(_ document: ReportDocument) -> String {
        var out: [String] = ["# " + Self.escape(document.title, blockStart: true)]
        if !document.byline.isEmpty { out.append(document.byline.map { Self.escape($0, blockStart: true) }.joined(separator: "  \n")) }
        for block in document.blocks {
            switch block {
            case .heading(let level, let text, _):
                out.append(String(repeating: "#", count: min(max(level, 2), 6)) + " " + Self.escape(text, blockStart: true))
            case .paragraph(let inlines):
                out.append(inline(inlines, blockStart: true))
            case .list(let items):
                out.append(items.map { "- " + inline($0, blockStart: true) }.joined(separator: "\n"))
            case .figure(let figure):
                out.append("![\(Self.escape(figure.alt))](\(Self.escapeURL(figure.path)))")
                out.append("*" + Self.escape(figure.caption, blockStart: true) + "*")
            case .table(let table):
                out.append("**" + Self.escape(table.caption, blockStart: true) + "**")
                out.append(self.table(table))
                // The explanations go right under their table, lettered as GRADEpro letters them.
                if !table.footnotes.isEmpty {
                    out.append("**Explanations**")
                    out.append(table.footnotes.enumerated().map { index, note in
                        "- " + Self.superscript(Self.footnoteLetter(index)) + " " + Self.escape(note.text)
                    }.joined(separator: "\n"))
                }
                if let note = table.note { out.append("*" + Self.escape(note, blockStart: true) + "*") }
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    /// Inline content; footnote references are the letters of `letters` (a table's explanations),
    /// neighbours joined in one superscript ("LOW<sup>a,b</sup>").
    func inline(_ inlines: [Inline], blockStart: Bool = false, letters: [String: String] = [:]) -> String {
        var out = ""
        var pending: [String] = []
        func flush() {
            if !pending.isEmpty { out += Self.superscript(pending.joined(separator: ",")) }
            pending = []
        }
        for (index, item) in inlines.enumerated() {
            if case .footnote(let id) = item {
                if let letter = letters[id] { pending.append(letter); continue }
                flush()
                out += "[^\(Self.footnoteLabel(id))]"
                continue
            }
            flush()
            switch item {
            case .text(let t): out += Self.escape(t, blockStart: blockStart && index == 0)
            case .strong(let t): out += "**" + Self.escape(t) + "**"
            case .emphasis(let t): out += "*" + Self.escape(t) + "*"
            case .link(let text, let target): out += "[\(Self.escape(text))](\(Self.escapeURL(target)))"
            case .footnote: break
            }
        }
        flush()
        return out
    }

    /// The one piece of HTML the writer emits itself (GFM has no superscript); `HTMLWriter`
    /// keeps exactly these tags and neutralises any other raw HTML.
    static func superscript(_ text: String) -> String { "<sup>" + text + "</sup>" }

    /// a, b, …, z, aa, ab, …: the letter of the `index`-th explanation.
    static func footnoteLetter(_ index: Int) -> String {
        var n = index
        var letters = ""
        repeat {
            letters = String(UnicodeScalar(UInt8(97 + n % 26))) + letters
            n = n / 26 - 1
        } while n >= 0
        return letters
    }

    func table(_ table: ReportTable) -> String {
        let header = "| " + table.header.map { Self.escape($0) }.joined(separator: " | ") + " |"
        let rule = "| " + table.alignments.map { alignment -> String in
            switch alignment {
            case .left: return ":---"
            case .center: return ":---:"
            case .right: return "---:"
            }
        }.joined(separator: " | ") + " |"
        let letters = Dictionary(table.footnotes.enumerated().map { ($1.id, Self.footnoteLetter($0)) },
                                 uniquingKeysWith: { first, _ in first })
        let rows = table.rows.map { row in
            "| " + row.map { inline($0, letters: letters).replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |"
        }
        return ([header, rule] + rows).joined(separator: "\n")
    }

    /// Escapes what could form Markdown or HTML — emphasis, code, links, tables, strikethrough,
    /// tags and entities — and what would start a block (a heading, list or quote) at the start,
    /// and flattens line breaks, so user text is never read as markup.
    public static func escape(_ text: String, blockStart: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "|", "~", ">":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t": out += " "
            default:
                // Control characters are dropped; they have no place in a report.
                if scalar.properties.generalCategory != .control { out.unicodeScalars.append(scalar) }
            }
        }
        // At the start of a block: "#", "+", "-", "=" and "1." / "1)" would make a heading or a list.
        guard blockStart else { return out }
        if let first = out.unicodeScalars.first, "#+-=".unicodeScalars.contains(first) {
            out = "\\" + out
        } else {
            let digits = out.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, digits.count < 10, let next = out.dropFirst(digits.count).first, next == "." || next == ")" {
                out = digits + "\\" + out.dropFirst(digits.count)
            }
        }
        return out
    }

    /// A link target: relative paths and anchors, with spaces and parentheses encoded.
    static func escapeURL(_ url: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.insert(charactersIn: "#")
        allowed.remove(charactersIn: "()<> ")
        return url.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Footnote labels: letters, digits and '-' only.
    static func footnoteLabel(_ id: String) -> String {
        String(id.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-") }.map(Character.init))
    }
}
