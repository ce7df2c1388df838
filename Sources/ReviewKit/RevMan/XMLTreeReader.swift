import Foundation

/// A small, strict XML reader for RevMan files: elements, attributes, text, CDATA, comments and
/// processing instructions, in UTF-8, UTF-16 (with a byte-order mark), ISO-8859-1 or Windows-1252
/// as the XML declaration says.
///
/// It never resolves anything: a document type declaration is skipped unread, and only XML's five
/// predefined entities (`&lt;` …) and character references are decoded. A reference to any other
/// entity — an external one (`SYSTEM "file:…"`) or an internal one, as in the "billion laughs"
/// attack — is an error, so no file or network is ever read and nothing is ever expanded.
enum XMLTreeReader {
    /// The deepest nesting accepted (RevMan files nest about a dozen levels).
    static let maximumDepth = 256

    /// Decodes `data` by its byte-order mark or XML declaration and reads the root element.
    static func read(_ data: Data) throws(XMLReadError) -> XMLTreeElement {
        let (root, truncation) = try readAllowingTruncation(data)
        if let truncation { throw truncation }
        return root
    }

    /// As `read`, but a file that simply ends too soon still gives what was read: the elements
    /// open at the end are marked incomplete (`complete == false`) and the error is returned
    /// beside them. Any other fault in the XML is still thrown.
    static func readAllowingTruncation(_ data: Data) throws(XMLReadError) -> (root: XMLTreeElement, truncation: XMLReadError?) {
        var parser = Parser(bytes: Array(try decode(data).utf8))
        let root = try parser.document()
        return (root, parser.truncation)
    }

    // MARK: - Encodings

    /// The document as text, decoded as its byte-order mark or XML declaration says (UTF-8 if neither).
    static func decode(_ data: Data) throws(XMLReadError) -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) {
            guard let text = String(data: data, encoding: .utf16) else {
                throw XMLReadError(line: 1, message: "the file starts with a UTF-16 byte-order mark but is not valid UTF-16")
            }
            return text
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let declared = declaredEncoding(body)?.lowercased()
        let encoding = declared ?? "utf-8"
        switch encoding {
        case "utf-8", "utf8", "us-ascii", "ascii":
            guard let text = String(validating: body, as: UTF8.self) else {
                let why = declared.map { "although its XML declaration says \($0.uppercased())" }
                    ?? "which XML assumes when there is no declaration: it may not be a RevMan file at all"
                throw XMLReadError(line: firstInvalidUTF8Line(body), message: "the file is not valid UTF-8, \(why)",
                                   hint: "Open it in RevMan and save it again, or convert it to UTF-8.")
            }
            return text
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1":
            // Every byte is the code point of the same number.
            var text = String.UnicodeScalarView()
            text.append(contentsOf: body.map { Unicode.Scalar($0) })
            return String(text)
        case "windows-1252", "cp1252":
            guard let text = String(data: Data(body), encoding: .windowsCP1252) else {
                throw XMLReadError(line: 1, message: "the file is not valid Windows-1252 text")
            }
            return text
        default:
            throw XMLReadError(line: 1, message: "the file's encoding '\(encoding)' is not supported",
                               hint: "RevMan writes UTF-8 or ISO-8859-1; save the file again in RevMan.")
        }
    }

    /// The `encoding` pseudo-attribute of a leading `<?xml … ?>` declaration, if any.
    private static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(512)
        guard let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let range = declaration.range(of: "encoding") else { return nil }
        let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        return String(rest.dropFirst().prefix { $0 != quote })
    }

    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }

    // MARK: - Parsing

    /// A recursive-descent reader over UTF-8 bytes. Markup is ASCII, so text is sliced by byte.
    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        /// Where the file ended inside an element, when it did.
        var truncation: XMLReadError?

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func document() throws(XMLReadError) -> XMLTreeElement {
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            try skipMisc(allowDoctype: true)
            guard index < bytes.count else {
                throw XMLReadError(line: line, message: "the file has no XML element",
                                   hint: "A RevMan file starts with <?xml …?> and <COCHRANE_REVIEW …>.")
            }
            guard peek(0) == UInt8(ascii: "<") else {
                throw XMLReadError(line: line, message: "the file does not start with an XML element",
                                   hint: "Is this a RevMan 5 file (.rm5)? It should start with <?xml …?>.")
            }
            let root = try element(depth: 1)
            if truncation != nil { return root }
            try skipMisc(allowDoctype: false)
            if index < bytes.count {
                throw XMLReadError(line: line, message: "there is text after the end of the root element <\(root.name)>")
            }
            return root
        }

        // MARK: Elements

        mutating func element(depth: Int) throws(XMLReadError) -> XMLTreeElement {
            guard depth <= XMLTreeReader.maximumDepth else {
                throw XMLReadError(line: line, message: "elements are nested more than \(XMLTreeReader.maximumDepth) levels deep",
                                   hint: "RevMan files nest a dozen levels; this file is not one.")
            }
            let startLine = line
            index += 1   // "<"
            let name = try self.name("an element name")
            var element = XMLTreeElement(name: name, attributes: [:], children: [], text: "", line: startLine)
            // Attributes, then ">" or "/>".
            while true {
                let hadSpace = skipSpace()
                guard let byte = peek(0) else { throw truncated(inside: name, openedAt: startLine) }
                if byte == UInt8(ascii: "/") {
                    guard peek(1) == UInt8(ascii: ">") else {
                        throw XMLReadError(line: line, message: "'/' in the start tag of <\(name)> is not followed by '>'")
                    }
                    index += 2
                    return element
                }
                if byte == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                guard hadSpace else {
                    throw XMLReadError(line: line, message: "unexpected '\(character(byte))' in the start tag of <\(name)>")
                }
                let attributeLine = line
                let attribute = try self.name("an attribute name in <\(name)>")
                skipSpace()
                guard peek(0) == UInt8(ascii: "=") else {
                    throw XMLReadError(line: line, message: "the attribute \(attribute) of <\(name)> has no '=' and value")
                }
                index += 1
                skipSpace()
                let value = try attributeValue(of: attribute, in: name)
                if element.attributes[attribute] != nil {
                    throw XMLReadError(line: attributeLine, message: "the attribute \(attribute) appears twice in <\(name)>")
                }
                element.attributes[attribute] = value
            }
            // Content until the matching end tag. If the file ends first, what was read is kept,
            // marked incomplete, and the first such place is remembered (a truncated file).
            var text = ""
            while true {
                guard let byte = peek(0) else {
                    if truncation == nil { truncation = truncated(inside: name, openedAt: startLine) }
                    element.text = text
                    element.complete = false
                    return element
                }
                do throws(XMLReadError) {
                    if byte == UInt8(ascii: "<") {
                        if peek(1) == UInt8(ascii: "/") {
                            index += 2
                            let endName = try self.name("the name in an end tag")
                            skipSpace()
                            guard peek(0) == UInt8(ascii: ">") else {
                                throw XMLReadError(line: line, message: "the end tag </\(endName)> is not closed with '>'")
                            }
                            guard endName == name else {
                                throw XMLReadError(line: line, message: "the end tag </\(endName)> does not match <\(name)> (line \(startLine))",
                                                   hint: "The XML is malformed: an element was not closed or was closed twice.")
                            }
                            index += 1
                            element.text = text
                            return element
                        } else if starts(with: "<!--") {
                            try skipComment()
                        } else if starts(with: "<![CDATA[") {
                            text += try cdata()
                        } else if peek(1) == UInt8(ascii: "?") {
                            try skipProcessingInstruction()
                        } else if peek(1) == UInt8(ascii: "!") {
                            throw XMLReadError(line: line, message: "a declaration '<!' is not allowed inside <\(name)>")
                        } else {
                            element.children.append(try self.element(depth: depth + 1))
                        }
                    } else {
                        text += try characterData()
                    }
                } catch {
                    // Only the end of the file is forgiven (the part read so far is dropped); any
                    // other fault is malformed XML.
                    guard index >= bytes.count else { throw error }
                    if truncation == nil { truncation = error }
                }
            }
        }

        mutating func attributeValue(of attribute: String, in element: String) throws(XMLReadError) -> String {
            guard let quote = peek(0), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw XMLReadError(line: line, message: "the value of \(attribute) in <\(element)> is not in quotes")
            }
            let startLine = line
            index += 1
            var value = ""
            var run = index
            while true {
                guard let byte = peek(0) else {
                    throw XMLReadError(line: startLine, message: "the value of \(attribute) in <\(element)> is not closed: the file ends inside it",
                                       hint: "The file looks truncated.")
                }
                switch byte {
                case quote:
                    value += string(run, index)
                    index += 1
                    return value
                case UInt8(ascii: "<"):
                    throw XMLReadError(line: line, message: "'<' inside the value of \(attribute) in <\(element)>")
                case UInt8(ascii: "&"):
                    value += string(run, index)
                    value += try reference()
                    run = index
                case 0x0A, 0x0D, 0x09:
                    // Attribute-value normalization: a line break (CRLF, CR or LF) or a tab is one space.
                    value += string(run, index) + " "
                    if byte != 0x09 { line += 1 }
                    index += (byte == 0x0D && peek(1) == 0x0A) ? 2 : 1
                    run = index
                default:
                    index += 1
                }
            }
        }

        /// Text up to the next "<", with references decoded and line breaks normalized to "\n".
        mutating func characterData() throws(XMLReadError) -> String {
            var text = ""
            var run = index
            while let byte = peek(0), byte != UInt8(ascii: "<") {
                switch byte {
                case UInt8(ascii: "&"):
                    text += string(run, index)
                    text += try reference()
                    run = index
                case 0x0D:
                    text += string(run, index) + "\n"
                    line += 1
                    index += peek(1) == 0x0A ? 2 : 1
                    run = index
                case 0x0A:
                    line += 1
                    index += 1
                default:
                    index += 1
                }
            }
            return text + string(run, index)
        }

        /// A reference at "&": one of the five predefined entities or a character reference.
        mutating func reference() throws(XMLReadError) -> String {
            let start = index
            index += 1
            while let byte = peek(0), byte != UInt8(ascii: ";") {
                guard index - start < 40, byte != UInt8(ascii: "<"), byte != UInt8(ascii: "&"), byte > 0x20 else {
                    throw XMLReadError(line: line, message: "a '&' that does not start a reference such as &amp;",
                                       hint: "In XML a literal '&' is written &amp;.")
                }
                index += 1
            }
            guard peek(0) == UInt8(ascii: ";") else {
                throw XMLReadError(line: line, message: "a reference '&…' is not closed with ';'", hint: "The file looks truncated.")
            }
            let name = string(start + 1, index)
            index += 1
            switch name {
            case "lt": return "<"
            case "gt": return ">"
            case "amp": return "&"
            case "quot": return "\""
            case "apos": return "'"
            default:
                if name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    guard let value, value != 0, let scalar = Unicode.Scalar(value) else {
                        throw XMLReadError(line: line, message: "'&\(name);' is not a valid character reference")
                    }
                    return String(Character(scalar))
                }
                throw XMLReadError(line: line, message: "the entity '&\(name);' is not one of XML's predefined entities",
                                   hint: "metareport never expands entities declared in a document type (DTD), so external or recursive entities cannot be used; RevMan files do not contain any.")
            }
        }

        mutating func cdata() throws(XMLReadError) -> String {
            let startLine = line
            index += 9   // "<![CDATA["
            let start = index
            while index < bytes.count {
                if starts(with: "]]>") {
                    let text = string(start, index).replacingOccurrences(of: "\r\n", with: "\n")
                    index += 3
                    return text
                }
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            throw XMLReadError(line: startLine, message: "a CDATA section is not closed: the file ends inside it", hint: "The file looks truncated.")
        }

        // MARK: Prolog and misc

        /// Whitespace, comments and processing instructions; a document type declaration too when allowed.
        mutating func skipMisc(allowDoctype: Bool) throws(XMLReadError) {
            while true {
                skipSpace()
                if starts(with: "<!--") {
                    try skipComment()
                } else if starts(with: "<?") {
                    try skipProcessingInstruction()
                } else if allowDoctype && starts(with: "<!DOCTYPE") {
                    try skipDoctype()
                } else {
                    return
                }
            }
        }

        mutating func skipComment() throws(XMLReadError) {
            let startLine = line
            index += 4
            while index < bytes.count {
                if starts(with: "-->") { index += 3; return }
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            throw XMLReadError(line: startLine, message: "a comment <!-- is not closed: the file ends inside it", hint: "The file looks truncated.")
        }

        mutating func skipProcessingInstruction() throws(XMLReadError) {
            let startLine = line
            index += 2
            while index < bytes.count {
                if starts(with: "?>") { index += 2; return }
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            throw XMLReadError(line: startLine, message: "a processing instruction <? is not closed", hint: "The file looks truncated.")
        }

        /// Skips `<!DOCTYPE …>` with any internal subset, unread: its declarations (entities
        /// included) are never used.
        mutating func skipDoctype() throws(XMLReadError) {
            let startLine = line
            index += 9
            var bracketDepth = 0
            var quote: UInt8?
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A { line += 1 }
                if let q = quote {
                    if byte == q { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "[") {
                    bracketDepth += 1
                } else if byte == UInt8(ascii: "]") {
                    bracketDepth -= 1
                } else if byte == UInt8(ascii: ">") && bracketDepth <= 0 {
                    index += 1
                    return
                }
                index += 1
            }
            throw XMLReadError(line: startLine, message: "the document type declaration is not closed", hint: "The file looks truncated.")
        }

        // MARK: Helpers

        mutating func name(_ what: String) throws(XMLReadError) -> String {
            let start = index
            while let byte = peek(0), Self.isNameByte(byte) { index += 1 }
            guard index > start else {
                if index >= bytes.count {
                    throw XMLReadError(line: line, message: "the file ends where \(what) was expected", hint: "The file looks truncated.")
                }
                throw XMLReadError(line: line, message: "expected \(what), found '\(character(bytes[index]))'")
            }
            return string(start, index)
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
                 UInt8(ascii: "."), UInt8(ascii: ":"), 0x80...0xFF:
                return true
            default:
                return false
            }
        }

        @discardableResult
        mutating func skipSpace() -> Bool {
            let start = index
            while let byte = peek(0), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if byte == 0x0A { line += 1 }
                index += 1
            }
            return index > start
        }

        func peek(_ offset: Int) -> UInt8? {
            let position = index + offset
            return position < bytes.count ? bytes[position] : nil
        }

        func starts(with text: String) -> Bool {
            let pattern = Array(text.utf8)
            guard index + pattern.count <= bytes.count else { return false }
            return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
        }

        func string(_ start: Int, _ end: Int) -> String {
            String(decoding: bytes[start..<end], as: UTF8.self)
        }

        func character(_ byte: UInt8) -> String {
            byte < 0x80 && byte >= 0x20 ? String(UnicodeScalar(byte)) : String(format: "0x%02X", byte)
        }

        func truncated(inside name: String, openedAt line: Int) -> XMLReadError {
            XMLReadError(line: self.line, message: "the file ends before <\(name)> (line \(line)) is closed",
                         hint: "The file looks truncated: was it copied completely?")
        }
    }
}
