import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Graphics

@Suite struct SVGTests {
    static let hostile = "<img src=x onerror=alert(1)>"

    /// Parses the SVG, failing the test if it is not well-formed XML.
    func parse(_ svg: String) throws -> XMLElement {
        let document = try XMLDocument(xmlString: svg, options: [])
        return try #require(document.rootElement())
    }

    func elements(_ name: String, in root: XMLElement) throws -> [XMLElement] {
        try root.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
    }

    @Test func isWellFormedWithAccessibleTitleAndDescription() throws {
        let svg = String(decoding: try TestSupport.render(.svg), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        let root = try parse(svg)
        #expect(root.localName == "svg")
        #expect(root.value(of: "role") == "img")
        #expect(root.value(of: "width") == "420pt")
        #expect(root.value(of: "viewBox") == "0 0 420 205")
        let title = try #require(try elements("title", in: root).first)
        let desc = try #require(try elements("desc", in: root).first)
        #expect(title.stringValue == "Sample forest plot")
        #expect(desc.stringValue == SampleFigure.metadata.description)
        #expect(root.value(of: "aria-labelledby") == title.value(of: "id"))
        #expect(root.value(of: "aria-describedby") == desc.value(of: "id"))
    }

    @Test func keepsTextAsTextElements() throws {
        let root = try parse(String(decoding: try TestSupport.render(.svg), as: UTF8.self))
        let texts = try elements("text", in: root).map(\.stringValue)
        for expected in ["Mortality at 30 days", "Müller-Lüdenscheidt 2021", "Jones & Li 2020 <cluster>",
                         "0.85 [0.15, 12.00]", "Favours control", "0.2", "5"] {
            #expect(texts.contains(expected), "\(expected)")
        }
        let liberation = try #require(try elements("text", in: root).first { $0.stringValue == "Liberation Sans label" })
        #expect(liberation.value(of: "font-family")?.hasPrefix("'Liberation Sans'") == true)
    }

    @Test func textRunsAreOneTextElementWithPositionedSpans() throws {
        let font = Font(size: 8, weight: .bold)
        let runs = [TextRun("0.49", x: 100), TextRun(" [0.34,", x: 130), TextRun(" 0.70]", x: 155)]
        let svg = try TestSupport.svg(size: Size(width: 200, height: 40)) { canvas in
            canvas.text(runs: runs, baseline: 20, font: font, color: .black)
        }
        let root = try parse(svg)
        let texts = try elements("text", in: root)
        #expect(texts.count == 1)
        #expect(texts.first?.stringValue == "0.49 [0.34, 0.70]")
        #expect(texts.first?.value(of: "xml:space") == "preserve")
        #expect(texts.first?.value(of: "text-anchor") == "end")
        let spans = try elements("tspan", in: root)
        #expect(spans.map { $0.value(of: "x") } == ["100", "130", "155"])
        #expect(svg.contains(">0.49</tspan><tspan x=\"130\"> [0.34,</tspan><tspan x=\"155\"> 0.70]</tspan></text>"))
    }

    @Test func textRunsDrawExactlyAsSeparateTexts() throws {
        // PNG and PDF place each piece as a text of its own would be: the same pixels.
        let font = Font(size: 8)
        let size = Size(width: 200, height: 40)
        let pieces = [("0.41", 100.0), (" [0.13,", 130.0), (" 1.26]", 155.0)]
        let runs = try TestSupport.render(.png(dpi: 150), size: size) { canvas in
            canvas.text(runs: pieces.map { TextRun($0.0, x: $0.1) }, baseline: 20, font: font, color: .black)
        }
        let separate = try TestSupport.render(.png(dpi: 150), size: size) { canvas in
            for (text, x) in pieces { canvas.text(text, at: Point(x: x, y: 20), font: font, color: .black, anchor: .end) }
        }
        #expect(runs == separate)
    }

    @Test func writesFontAttributes() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.text("Total", at: Point(x: 10, y: 20), font: Font(size: 9.5).bold.italic, color: .black, anchor: .middle)
        }
        #expect(svg.contains(##"<text x="10" y="20" font-family="'DejaVu Sans', 'Liberation Sans', 'Arial', sans-serif" font-size="9.5" font-weight="bold" font-style="italic" text-anchor="middle" fill="#000000">Total</text>"##))
    }

    @Test func fontFamiliesFallBackToGenericFamilies() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.text("a", at: Point(x: 1, y: 10), font: Font(family: "sans-serif", size: 9))
            canvas.text("b", at: Point(x: 1, y: 20), font: Font(family: "Times New Roman", size: 9))
            canvas.text("c", at: Point(x: 1, y: 30), font: Font(family: "monospace", size: 9))
        }
        #expect(svg.contains(##"font-family="'DejaVu Sans', 'Liberation Sans', 'Arial', sans-serif""##))
        #expect(svg.contains(##"font-family="'Liberation Serif', 'Times New Roman', 'DejaVu Serif', serif""##))
        #expect(svg.contains(##"font-family="'DejaVu Sans Mono', 'Liberation Mono', 'Courier New', monospace""##))
    }

    @Test func escapesHostileStringsEverywhere() throws {
        let metadata = FigureMetadata(title: Self.hostile, description: "\"quoted\" & <b>bold</b>")
        let svg = try TestSupport.svg(metadata: metadata) { canvas in
            canvas.group(title: Self.hostile, link: "https://example.org/?q=\"><script>") {
                canvas.text(Self.hostile, at: Point(x: 10, y: 20), font: Font(family: "Evil\" onload=\"x", size: 9))
            }
        }
        #expect(!svg.contains("<img"))
        #expect(!svg.contains("<script"))
        #expect(!svg.contains("<b>"))
        #expect(!svg.contains("onload=\"x"))
        #expect(svg.contains("&lt;img src=x onerror=alert(1)&gt;"))
        let root = try parse(svg)
        // Escaped, the text reads back exactly as given.
        #expect(try elements("text", in: root).first?.stringValue == Self.hostile)
        #expect(try elements("title", in: root).map(\.stringValue) == [Self.hostile, Self.hostile])
        #expect(try elements("desc", in: root).first?.stringValue == "\"quoted\" & <b>bold</b>")
        #expect(try elements("a", in: root).first?.value(of: "href") == "https://example.org/?q=\"><script>")
    }

    @Test func dropsCharactersXMLCannotHold() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.text("bell\u{07}null\u{00}tab\tend", at: Point(x: 10, y: 20), font: Font(size: 9))
            canvas.group(title: "line one\nline two\u{1B}", link: nil) {}
        }
        let root = try parse(svg)
        #expect(try elements("text", in: root).first?.stringValue == "bellnulltab end")
        #expect(try elements("title", in: root).last?.stringValue == "line one\nline two")
    }

    @Test func groupsCarryHoverTitlesAndSafeLinksOnly() throws {
        let links = ["https://example.org/a", "http://example.org", "mailto:someone@example.org", "#prisma-box-1",
                     "../report.html#results", "javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                     "data:text/html,<b>x</b>", "vbscript:msgbox", "file:///etc/passwd"]
        let svg = try TestSupport.svg { canvas in
            for (index, link) in links.enumerated() {
                canvas.group(title: "Box \(index)", link: link) {
                    canvas.rectangle(Rect(x: 10, y: Double(index) * 10, width: 5, height: 5), fill: .black, stroke: nil)
                }
            }
        }
        let root = try parse(svg)
        let hrefs = try elements("a", in: root).compactMap { $0.value(of: "href") }
        #expect(hrefs == Array(links.prefix(5)))
        // Every group keeps its tooltip, linked or not.
        let groupTitles = try elements("title", in: root).filter { ($0.parent as? XMLElement)?.localName == "g" }
        #expect(groupTitles.count == links.count)
        #expect(!svg.lowercased().contains("javascript"))
    }

    @Test func linksDoNotNest() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.group(title: nil, link: "https://outer.example") {
                canvas.group(title: nil, link: "https://inner.example") {
                    canvas.circle(center: Point(x: 5, y: 5), radius: 2, fill: .black, stroke: nil)
                }
            }
        }
        #expect(svg.components(separatedBy: "<a ").count == 2)
        #expect(!svg.contains("inner.example"))
    }

    @Test func numbersAreFixedPrecisionWithoutNegativeZero() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.line(from: Point(x: -0.0001, y: 1.0 / 3), to: Point(x: 1e-9, y: -0.0), stroke: .solid(0.333333))
            canvas.circle(center: Point(x: 123456.789, y: 2.005), radius: 0.5, fill: .black, stroke: nil)
        }
        #expect(svg.contains(#"<line x1="0" y1="0.33" x2="0" y2="0""#))
        #expect(svg.contains(#"stroke-width="0.33""#))
        #expect(svg.contains(#"cx="123456.79""#))
        #expect(!svg.contains("-0\""))
        #expect(!svg.contains("-0 "))
        #expect(svg.range(of: #"[0-9]e[-+]?[0-9]"#, options: .regularExpression) == nil)   // no exponents
    }

    @Test func isLocaleIndependent() throws {
        let baseline = try TestSupport.render(.svg)
        let pdfBaseline = try TestSupport.render(.pdf)
        // A German numeric locale for this thread only (other suites run concurrently). Cairo
        // writes PDF numbers with printf-style code, so this checks it too.
        try TestSupport.withGermanLocale {
            #expect(String(cString: localeconv().pointee.decimal_point) == ",")
            let svg = try TestSupport.render(.svg)
            #expect(svg == baseline)
            #expect(try TestSupport.render(.pdf) == pdfBaseline)
            #expect(!String(decoding: svg, as: UTF8.self).contains("0,5"))
        }
    }

    @Test func isByteIdenticalTwice() throws {
        #expect(try TestSupport.render(.svg) == TestSupport.render(.svg))
    }

    @Test func preservesSpacesOnlyWhereNeeded() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.text("  indented", at: Point(x: 1, y: 10), font: Font(size: 9))
            canvas.text("plain words", at: Point(x: 1, y: 20), font: Font(size: 9))
        }
        #expect(svg.contains(#"xml:space="preserve">  indented</text>"#))
        #expect(svg.contains(##"fill="#000000">plain words</text>"##))
    }

    @Test func clipsTranslatesAndRotates() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.clip(to: Rect(x: 0, y: 0, width: 50, height: 40)) {
                canvas.translated(dx: 10, dy: 5) {
                    canvas.text("Axis", at: Point(x: 20, y: 30), font: Font(size: 9), color: .black, anchor: .middle, rotation: -90)
                }
            }
        }
        let root = try parse(svg)
        let clip = try #require(try elements("clipPath", in: root).first)
        let id = try #require(clip.value(of: "id"))
        #expect(svg.contains("clip-path=\"url(#\(id))\""))
        #expect(svg.contains(#"<g transform="translate(10 5)">"#))
        #expect(svg.contains(#"transform="rotate(-90 20 30)""#))
    }

    @Test func translucentColoursUseOpacity() throws {
        let svg = try TestSupport.svg { canvas in
            canvas.rectangle(Rect(x: 0, y: 0, width: 10, height: 10), fill: Color(hex: "#2ca02c80"),
                             stroke: StrokeStyle(color: Color(r: 1, g: 0, b: 0, a: 0.25), width: 2, dash: [3, 1.5], cap: .round, join: .bevel))
        }
        #expect(svg.contains(##"fill="#2ca02c" fill-opacity="0.502" stroke="#ff0000" stroke-opacity="0.25" stroke-width="2" stroke-dasharray="3 1.5" stroke-linecap="round" stroke-linejoin="bevel""##))
    }

    @Test func idsAreStableAndDistinctPerFigure() throws {
        let a = Renderer.idPrefix(for: FigureMetadata(title: "Forest plot A"))
        let b = Renderer.idPrefix(for: FigureMetadata(title: "Forest plot B"))
        #expect(a != b)
        #expect(a == Renderer.idPrefix(for: FigureMetadata(title: "Forest plot A")))
        #expect(Renderer.idPrefix(for: FigureMetadata(title: "x", identifier: "forest <1>")) == "forest1")
        #expect(Renderer.idPrefix(for: FigureMetadata(title: "x", identifier: "1-forest")) == "f-1-forest")
    }

    @Test func omitsDescriptionWhenEmpty() throws {
        let svg = try TestSupport.svg(metadata: FigureMetadata(title: "Only a title")) { _ in }
        #expect(!svg.contains("<desc"))
        #expect(!svg.contains("aria-describedby"))
        _ = try parse(svg)
    }
}

extension XMLElement {
    /// The attribute's value. (`attribute(forName:)` misses attributes of elements in a default
    /// namespace in swift-corelibs-foundation, so look them up by hand.)
    func value(of name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }
}
