import Testing
@testable import Graphics

@Suite struct LinkPolicyTests {
    @Test(arguments: ["https://example.org/x?a=1", "HTTP://EXAMPLE.ORG", "mailto:a@b.org", "#box-1",
                      "report.html", "../a/b.html#c", "//cdn.example.org/x", "javascript-guide.html"])
    func allows(link: String) {
        #expect(LinkPolicy.svgLink(link) == link)
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "  javascript:alert(1)", "java\tscript:alert(1)",
                      "java\nscript:alert(1)", "\u{0}javascript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
                      "vbscript:x", "file:///etc/passwd", "ftp://example.org", "", "   "])
    func rejects(link: String) {
        #expect(LinkPolicy.svgLink(link) == nil)
    }

    @Test func encodesSpacesAndTrims() {
        #expect(LinkPolicy.svgLink(" my report.html ") == "my%20report.html")
        #expect(LinkPolicy.svgLink(nil) == nil)
    }

    @Test func pdfAcceptsOnlyAbsoluteLinks() {
        #expect(LinkPolicy.pdfLink("https://example.org") == "https://example.org")
        #expect(LinkPolicy.pdfLink("mailto:a@b.org") == "mailto:a@b.org")
        #expect(LinkPolicy.pdfLink("#box") == nil)
        #expect(LinkPolicy.pdfLink("report.html") == nil)
    }
}
