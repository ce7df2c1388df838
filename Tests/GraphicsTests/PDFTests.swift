import Foundation
import Testing
@testable import Graphics

@Suite struct PDFTests {
    @Test func startsWithPDFHeader() throws {
        let pdf = try TestSupport.render(.pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        #expect(String(decoding: pdf.suffix(6), as: UTF8.self).contains("%%EOF"))
    }

    @Test(.enabled(if: TestSupport.toolExists("/usr/bin/pdftotext")))
    func textIsSelectable() throws {
        let pdf = try TestSupport.render(.pdf)
        let result = try TestSupport.run("/usr/bin/pdftotext", input: pdf, fileExtension: "pdf", arguments: ["-"])
        #expect(result.status == 0)
        for expected in ["Mortality at 30 days", "Müller-Lüdenscheidt 2021", "Jones & Li 2020 <cluster>",
                         "0.85 [0.15, 12.00]", "Favours control", "Liberation Sans label"] {
            #expect(result.output.contains(expected), "\(expected)")
        }
    }

    @Test func isByteIdenticalTwiceWithoutDates() throws {
        let first = try TestSupport.render(.pdf)
        let second = try TestSupport.render(.pdf)
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(!text.contains("CreationDate"))
        #expect(!text.contains("ModDate"))
    }

    @Test(.enabled(if: TestSupport.toolExists("/usr/bin/pdfinfo")))
    func carriesTitleAndSubject() throws {
        let metadata = FigureMetadata(title: "Funnel plot: Müller (2021)", description: "Standard error against log OR.")
        let pdf = try TestSupport.render(.pdf, metadata: metadata)
        let info = try TestSupport.run("/usr/bin/pdfinfo", input: pdf, fileExtension: "pdf")
        #expect(info.status == 0)
        #expect(info.output.contains("Funnel plot: Müller (2021)"))
        #expect(info.output.contains("Standard error against log OR."))
        #expect(info.output.contains("420 x 205 pts"))
        #expect(!info.output.contains("CreationDate"))
    }

    @Test(.enabled(if: TestSupport.toolExists("/usr/bin/pdfinfo")))
    func metadataCannotBreakOutOfItsString() throws {
        let metadata = FigureMetadata(title: "a(b \\ c) /Author (x", description: "unbalanced ) paren")
        let pdf = try TestSupport.render(.pdf, metadata: metadata)
        let info = try TestSupport.run("/usr/bin/pdfinfo", input: pdf, fileExtension: "pdf")
        #expect(info.output.contains("Title:           a(b \\ c) /Author (x"))
        #expect(info.output.contains("Subject:         unbalanced ) paren"))
        #expect(!info.output.contains("Author:"))
    }

    @Test func safeLinksBecomeAnnotationsOthersDoNot() throws {
        let pdf = try TestSupport.render(.pdf, size: Size(width: 200, height: 100)) { canvas in
            let box = Rect(x: 10, y: 10, width: 50, height: 20)
            canvas.group(title: "ok", link: "https://example.org/it's") { canvas.rectangle(box, fill: .black, stroke: nil) }
            canvas.group(title: nil, link: "javascript:alert(1)") { canvas.rectangle(box, fill: .black, stroke: nil) }
            canvas.group(title: nil, link: "#fragment") { canvas.rectangle(box, fill: .black, stroke: nil) }
        }
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/URI (https://example.org/it%27s)"))
        #expect(!text.contains("javascript"))
        #expect(!text.contains("fragment"))
    }

    @Test func linksAreEncodedSoTheyCannotBreakThePDFString() throws {
        let pdf = try TestSupport.render(.pdf, size: Size(width: 100, height: 100)) { canvas in
            for link in ["https://example.org/Müller", "https://example.org/a(b", "https://example.org/a\\b)"] {
                canvas.group(title: nil, link: link) {
                    canvas.rectangle(Rect(x: 1, y: 1, width: 5, height: 5), fill: .black, stroke: nil)
                }
            }
        }
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("/URI (https://example.org/M%C3%BCller)"))
        #expect(text.contains("/URI (https://example.org/a%28b)"))
        #expect(text.contains("/URI (https://example.org/a%5Cb%29)"))
    }

    @Test(.enabled(if: TestSupport.toolExists("/usr/bin/pdftoppm")))
    func rastersWithPoppler() throws {
        let pdf = try TestSupport.render(.pdf)
        let result = try TestSupport.run("/usr/bin/pdftoppm", input: pdf, fileExtension: "pdf",
                                         arguments: ["-r", "10", "-png"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("\u{89}PNG") || result.output.contains("PNG"))
    }
}
