import Foundation
import ReviewKit

/// A page linking several rendered reports, with a thumbnail of each (what `render` writes
/// beside the reports when it renders more than one review).
public enum ReportIndex {
    /// One report on the index page.
    public struct Entry: Sendable {
        /// The review's title, the link's text.
        public var title: String
        /// The report's path relative to the index (`bcg-vaccine/report.html`).
        public var link: String
        /// A small PNG of the report's first figure, embedded in the page.
        public var thumbnail: Data?
        /// One line under the title: analyses and figures.
        public var summary: String

        /// An entry for the report at `link`.
        public init(title: String, link: String, thumbnail: Data?, summary: String) {
            self.title = title
            self.link = link
            self.thumbnail = thumbnail
            self.summary = summary
        }
    }

    /// The index page: a self-contained HTML page styled by `theme`, with one linked entry per report.
    public static func html(title: String, entries: [Entry], theme: Theme) -> String {
        var items = ""
        for entry in entries {
            let image = entry.thumbnail.map {
                "<img src=\"data:image/png;base64,\($0.base64EncodedString())\" alt=\"\(HTMLEscaping.attribute("First figure of " + entry.title))\">"
            } ?? ""
            items += """
                <li><a href="\(HTMLEscaping.attribute(entry.link))">\(image)<span class="title">\(HTMLEscaping.text(entry.title))</span></a>\
                <span class="summary">\(HTMLEscaping.text(entry.summary))</span></li>

                """
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLEscaping.text(title))</title>
            <style>
            \(ReportCSS.css(for: theme))
            ul.reports { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1.2rem; }
            ul.reports li { border: 1px solid var(--rule); border-radius: 6px; padding: .8rem; }
            ul.reports img { display: block; width: 100%; height: 11rem; object-fit: contain; object-position: top left; margin-bottom: .5rem; }
            ul.reports .title { font-weight: bold; display: block; }
            ul.reports .summary { color: var(--muted); font-size: .9rem; }
            </style>
            </head>
            <body>
            <main>
            <h1>\(HTMLEscaping.text(title))</h1>
            <ul class="reports">
            \(items)</ul>
            </main>
            </body>
            </html>

            """
    }
}
