import Foundation
import Testing
@testable import ReviewKit

/// The XML reader behind the RevMan import: encodings, line numbers, and what it refuses.
@Suite("RevMan XML reader")
struct RevManXMLReaderTests {
    static func read(_ text: String) throws(XMLReadError) -> XMLTreeElement {
        try XMLTreeReader.read(Data(text.utf8))
    }

    /// The error `body` throws, or nil.
    static func failure(_ body: () throws -> Void) -> XMLReadError? {
        do {
            try body()
        } catch let error as XMLReadError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test("UTF-8 with CRLF line ends: text, attributes and line numbers")
    func utf8CRLF() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<R A=\"x\r\ny\">\r\n<S NAME=\"Sønju Clasen 1995\"/>\r\n<T>one\r\ntwo &amp; &lt;3&gt; &#248;&#xF8;</T>\r\n</R>\r\n"
        let root = try Self.read(xml)
        #expect(root.name == "R" && root.line == 2)
        #expect(root["A"] == "x y")   // attribute-value normalization
        #expect(root.child("S")?["NAME"] == "Sønju Clasen 1995")
        #expect(root.child("S")?.line == 4)   // the attribute value spans a line
        #expect(root.child("T")?.text == "one\ntwo & <3> øø")
        #expect(root.child("T")?.line == 5)
    }

    @Test("ISO-8859-1, as older RevMan files declare, is decoded byte for byte")
    func latin1() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><R><N>S".utf8)
        data.append(0xF8)   // ø
        data.append(contentsOf: Array("rensen caf".utf8) + [0xE9] + Array("</N></R>".utf8))
        let root = try XMLTreeReader.read(data)
        #expect(root.child("N")?.text == "Sørensen café")
    }

    @Test("bytes that are not UTF-8 in a file declared UTF-8 are an error on their line")
    func invalidUTF8() {
        var data = Data("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R>\n<N>S".utf8)
        data.append(0xF8)
        data.append(contentsOf: Array("</N></R>".utf8))
        let error = Self.failure { _ = try XMLTreeReader.read(data) }
        #expect(error?.line == 3)
        #expect(error?.message.contains("not valid UTF-8") == true)
    }

    @Test("an external entity is refused and nothing is read")
    func externalEntity() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("revman-xxe-\(UUID().uuidString).txt")
        try "SECRET-CONTENT".write(to: marker, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: marker) }
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE R [
            <!ENTITY secret SYSTEM "\(marker.absoluteString)">
            <!ENTITY remote SYSTEM "http://127.0.0.1:9/x.dtd">
            ]>
            <R><T>&secret;</T></R>
            """
        let error = Self.failure { _ = try Self.read(xml) }
        #expect(error?.line == 6)
        #expect(error?.message.contains("'&secret;' is not one of XML's predefined entities") == true)
        #expect(error.map { "\($0)" }?.contains("SECRET-CONTENT") == false)
        // Declared but unused, the entities do nothing: the document type is skipped unread.
        let unused = try Self.read(xml.replacingOccurrences(of: "&secret;", with: "plain"))
        #expect(unused.child("T")?.text == "plain")
    }

    @Test("entity expansion (\"billion laughs\") is refused at once")
    func billionLaughs() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "&lol;" : "&lol\(level - 1);"
            xml += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">\n"
        }
        xml += "]>\n<R>&lol9;</R>\n"
        let clock = ContinuousClock()
        var error: XMLReadError?
        let elapsed = clock.measure { error = Self.failure { _ = try Self.read(xml) } }
        #expect(error?.message.contains("'&lol9;'") == true)
        #expect(elapsed < .seconds(1))
    }

    @Test("malformed XML is an error at its line", arguments: [
        ("<R>\n<A></B>\n</R>", 2, "does not match"),
        ("<R>\n<A x=\"1\" x=\"2\"/>\n</R>", 2, "appears twice"),
        ("<R>\n<A x=1/>\n</R>", 2, "not in quotes"),
        ("<R>\n\n<A>fish & chips</A></R>", 3, "'&'"),
        ("<R></R>\n<S/>", 2, "after the end of the root element"),
        ("just text", 1, "does not start with an XML element"),
        ("", 1, "no XML element"),
    ])
    func malformed(_ xml: String, _ line: Int, _ message: String) {
        let error = Self.failure { _ = try Self.read(xml) }
        #expect(error?.line == line)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test("a truncated file: an error, or with readAllowingTruncation what was read completely")
    func truncated() throws {
        let xml = "<R>\n<A N=\"1\"/>\n<B>\n<C N=\"2\"/>\n<C N=\"3"
        let error = Self.failure { _ = try Self.read(xml) }
        #expect(error?.line == 5)
        let (root, truncation) = try XMLTreeReader.readAllowingTruncation(Data(xml.utf8))
        #expect(truncation?.line == 5)
        #expect(!root.complete)
        #expect(root.child("A")?.complete == true)
        let b = try #require(root.child("B"))
        #expect(!b.complete)
        #expect(b.children("C").map { $0["N"] } == ["2"])   // the cut row is dropped
        // Malformed XML is not forgiven.
        #expect(Self.failure { _ = try XMLTreeReader.readAllowingTruncation(Data("<R><A></B>".utf8)) } != nil)
    }

    @Test("nesting deeper than the limit is refused, not recursed into")
    func depth() {
        let xml = String(repeating: "<a>", count: 1000) + String(repeating: "</a>", count: 1000)
        let error = Self.failure { _ = try Self.read(xml) }
        #expect(error?.message.contains("nested more than") == true)
    }

    @Test("CDATA, comments and processing instructions")
    func other() throws {
        let root = try Self.read("<?xml version=\"1.0\"?><!-- c --><R><?pi x?><T><![CDATA[a < b]]> c</T><!-- d --></R>")
        #expect(root.child("T")?.text == "a < b c")
    }
}
