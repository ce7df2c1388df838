import CCmarkGFM
import Foundation

/// Turns a report into one self-contained HTML page: the Markdown of `MarkdownWriter` rendered by
/// cmark-gfm (tables, strikethrough, autolinks), headings given anchors, figures
/// inlined as SVG, the theme's CSS inline, a table of contents, and a Content-Security-Policy that
/// allows no scripts and no requests to other hosts.
public struct HTMLWriter: Sendable {
    /// The page's CSS (from the theme).
    public var css: String

    /// A writer that styles the page with `css` (ReviewRenderer passes the theme's stylesheet).
    public init(css: String) { self.css = css }

    /// The policy in the page's meta tag: nothing may load from anywhere; only the inline styles
    /// and data: images of the page itself are used.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

    /// The document as one self-contained HTML page.
    public func write(_ document: ReportDocument) -> String {
        let markdown = MarkdownWriter().write(document)
        let body = Self.render(markdown, document: document, contents: tableOfContents(document))
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="\(Self.contentSecurityPolicy)">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="metareport">
            <title>\(HTMLEscaping.text(document.title))</title>
            <style>
            \(css)
            </style>
            </head>
            <body>

            """
        page += "<main>\n" + body + "</main>\n</body>\n</html>\n"
        return page
    }

    func tableOfContents(_ document: ReportDocument) -> String {
        let entries = document.headings.filter { $0.level == 2 }
        guard !entries.isEmpty else { return "" }
        var html = "<nav class=\"toc\" aria-label=\"Contents\">\n<p class=\"toc-title\">Contents</p>\n<ol>\n"
        for entry in entries {
            html += "<li><a href=\"#\(HTMLEscaping.attribute(entry.anchor))\">\(HTMLEscaping.text(entry.text))</a></li>\n"
        }
        return html + "</ol>\n</nav>\n"
    }

    /// Markdown to HTML through cmark-gfm, with figures and heading anchors put in place.
    static func render(_ markdown: String, document: ReportDocument, contents: String = "") -> String {
        cmark_gfm_core_extensions_ensure_registered()
        let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        markdown.withCString { cmark_parser_feed(parser, $0, strlen($0)) }
        guard let root = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(root) }

        neutraliseRawHTML(root)
        let figures = Dictionary(document.blocks.compactMap { block -> (String, ReportFigure)? in
            if case .figure(let figure) = block { return (figure.path, figure) }
            return nil
        }, uniquingKeysWith: { first, _ in first })
        let anchors = document.headings.map(\.anchor)
        var headingIndex = 0
        // Collect first, then change: the tree must not change under the iterator.
        var headings: [OpaquePointer] = []
        var figureParagraphs: [(OpaquePointer, ReportFigure)] = []
        walk(root) { node in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HEADING, cmark_node_get_heading_level(node) >= 2 {
                headings.append(node)
            } else if type == CMARK_NODE_PARAGRAPH, let child = cmark_node_first_child(node),
                      cmark_node_next(child) == nil, cmark_node_get_type(child) == CMARK_NODE_IMAGE,
                      let url = cmark_node_get_url(child).map({ String(cString: $0) }),
                      let figure = figures[url.removingPercentEncoding ?? url] {
                figureParagraphs.append((node, figure))
            }
        }
        let extensions = cmark_parser_get_syntax_extensions(parser)
        for node in headings where headingIndex < anchors.count {
            let level = cmark_node_get_heading_level(node)
            var inner = ""
            if let html = cmark_render_html(node, CMARK_OPT_UNSAFE, extensions) {
                inner = String(cString: html)
                free(html)
            }
            // "<h2>…</h2>\n" becomes "<h2 id="anchor">…</h2>".
            let open = "<h\(level)>"
            if inner.hasPrefix(open) {
                inner = "<h\(level) id=\"\(HTMLEscaping.attribute(anchors[headingIndex]))\">" + inner.dropFirst(open.count)
            }
            replace(node, withHTML: inner)
            headingIndex += 1
        }
        for (node, figure) in figureParagraphs {
            // The Markdown's caption paragraph becomes the figure's <figcaption>.
            if let next = cmark_node_next(node), cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH,
               let first = cmark_node_first_child(next), cmark_node_get_type(first) == CMARK_NODE_EMPH {
                cmark_node_unlink(next)
                cmark_node_free(next)
            }
            replace(node, withHTML: figureHTML(figure))
        }
        // The contents go after the title block, before the first section.
        if !contents.isEmpty, let first = headings.isEmpty ? nil : cmark_node_first_child(root) {
            var node: OpaquePointer? = first
            while let current = node, !(cmark_node_get_type(current) == CMARK_NODE_HTML_BLOCK
                                        && (cmark_node_get_literal(current).map { String(cString: $0) } ?? "").hasPrefix("<h2")) {
                node = cmark_node_next(current)
            }
            if let target = node, let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) {
                cmark_node_set_literal(block, contents)
                cmark_node_insert_before(target, block)
            }
        }
        guard let html = cmark_render_html(root, options | CMARK_OPT_UNSAFE, extensions) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Anything cmark read as raw HTML becomes plain text: the Markdown writer escapes user text,
    /// and this makes sure no tag can come from it even if something slipped through. The one
    /// exception is the bare `<sup>` and `</sup>` the writer puts around explanation letters
    /// (user text cannot make them: its `<` is escaped).
    static func neutraliseRawHTML(_ root: OpaquePointer) {
        var raw: [OpaquePointer] = []
        walk(root) { node in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_HTML_INLINE,
               let literal = cmark_node_get_literal(node).map({ String(cString: $0) }), literal == "<sup>" || literal == "</sup>" {
                return
            }
            if type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK { raw.append(node) }
        }
        for node in raw {
            let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            let isBlock = cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK
            guard let text = cmark_node_new(CMARK_NODE_TEXT) else { continue }
            cmark_node_set_literal(text, literal)
            if isBlock, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) {
                cmark_node_append_child(paragraph, text)
                cmark_node_replace(node, paragraph)
            } else {
                cmark_node_replace(node, text)
            }
            cmark_node_free(node)
        }
    }

    static func replace(_ node: OpaquePointer, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_HTML_BLOCK) else { return }
        cmark_node_set_literal(block, html)
        cmark_node_replace(node, block)
        cmark_node_free(node)
    }

    static func figureHTML(_ figure: ReportFigure) -> String {
        let id = HTMLEscaping.attribute(figure.id)
        let caption = "<figcaption>\(HTMLEscaping.text(figure.caption))</figcaption>"
        if let png = figure.png {
            return "<figure id=\"\(id)\" class=\"figure\">\n<img src=\"data:image/png;base64,\(png.base64EncodedString())\" alt=\"\(HTMLEscaping.attribute(figure.alt))\">\n\(caption)\n</figure>\n"
        }
        if let svg = figure.svg {
            // Our own SVG (text escaped by the SVG canvas); the XML declaration is not valid inside HTML.
            var inline = svg
            if inline.hasPrefix("<?xml"), let end = inline.range(of: "?>") { inline = String(inline[end.upperBound...]) }
            return "<figure id=\"\(id)\" class=\"figure\">\n<div class=\"figure-image\">\(inline.trimmingCharacters(in: .whitespacesAndNewlines))</div>\n\(caption)\n</figure>\n"
        }
        return "<figure id=\"\(id)\" class=\"figure\">\n<img src=\"\(HTMLEscaping.attribute(figure.path))\" alt=\"\(HTMLEscaping.attribute(figure.alt))\">\n\(caption)\n</figure>\n"
    }

    static func walk(_ root: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }
}

/// Escaping for the few places HTML is written directly (the page frame, figure wrappers).
public enum HTMLEscaping {
    /// Text for an HTML element's content: `&`, `<` and `>` escaped, control characters
    /// other than newlines dropped.
    public static func text(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default:
                if scalar.properties.generalCategory != .control || scalar == "\n" { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Text for a quoted HTML attribute value: as `text(_:)`, and quotes escaped too.
    public static func attribute(_ string: String) -> String {
        text(string).replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
