import Foundation
import ReviewKit

/// The report's stylesheet, from the theme: its font, text and accent colours; readable on
/// screen, and a print stylesheet that keeps figures whole and wraps tables to the page.
enum ReportCSS {
    static func css(for theme: Theme) -> String {
        let font = cssString(theme.fontFamily)
        return """
            :root { --text: \(theme.colors.text); --muted: \(theme.colors.muted); --accent: \(theme.colors.accent); --rule: #d0d0d0; }
            html { font-family: \(font), "Liberation Sans", Arial, Helvetica, sans-serif; color: var(--text); background: #fff; }
            body { margin: 0; line-height: 1.5; font-size: 16px; }
            main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.5rem 4rem; }
            h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .5rem; color: var(--accent); }
            h2 { font-size: 1.4rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
            h3 { font-size: 1.15rem; margin: 1.6rem 0 .4rem; }
            p { margin: .5rem 0; }
            a { color: var(--accent); }
            nav.toc { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 0; font-size: .95rem; }
            nav.toc .toc-title { font-weight: bold; margin: 0; }
            nav.toc ol { margin: .3rem 0 0; padding-left: 1.4rem; columns: 2; }
            figure { margin: 1.2rem 0; }
            .figure-image { overflow-x: auto; }
            .figure-image svg, figure img { max-width: 100%; height: auto; display: block; }
            figcaption { font-size: .9rem; color: var(--muted); margin-top: .4rem; }
            table { border-collapse: collapse; margin: .6rem 0 .4rem; font-size: .9rem; display: block; overflow-x: auto; }
            th, td { border-top: 1px solid var(--rule); border-bottom: 1px solid var(--rule); padding: .35rem .6rem; vertical-align: top; }
            th { background: #f4f5f7; text-align: left; }
            td[align="right"], th[align="right"] { text-align: right; font-variant-numeric: tabular-nums; }
            sup { line-height: 0; font-size: .75em; }
            ul:has(> li > sup:first-child) { list-style: none; padding-left: 0; margin: .2rem 0 .6rem; font-size: .85rem; color: var(--muted); }
            ul:has(> li > sup:first-child) li > sup:first-child { display: inline-block; min-width: 1.1em; }
            em { color: var(--muted); }
            @media print {
              nav.toc { display: none; }
              body { font-size: 10.5pt; }
              main { max-width: none; padding: 0; }
              h2 { break-after: avoid; }
              figure { break-inside: avoid; }
              .figure-image { overflow: visible; }
              /* On screen wide tables scroll; on paper there is no scrolling, so they wrap to the page.
                 overflow-wrap: anywhere (after its older alias word-wrap, which would override it) lets
                 long words break, so the columns' minimum widths fit the page; min-width keeps short
                 columns from being squeezed to a letter, and tables of ten columns or more get a
                 smaller font. */
              table { display: table; width: 100%; max-width: 100%; overflow: visible; font-size: 8pt; }
              table:has(th:nth-child(10)) { font-size: 7pt; }
              th, td { padding: .2rem .3rem; min-width: 3.5em; word-wrap: break-word; overflow-wrap: anywhere; hyphens: auto; }
              thead { display: table-header-group; }
              tr { break-inside: avoid; }
              a { color: inherit; text-decoration: none; }
            }
            """
    }

    /// A font family as a CSS string (quotes and backslashes escaped, nothing else allowed through).
    static func cssString(_ value: String) -> String {
        let cleaned = value.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == " " || $0 == "-" }
        return "\"" + String(String.UnicodeScalarView(cleaned)) + "\""
    }
}
