/// One element of an XML document read by `XMLTreeReader`: its name, attributes, text and
/// children, and the line it starts on (for file:line messages).
struct XMLTreeElement: Sendable {
    var name: String
    var attributes: [String: String]
    var children: [XMLTreeElement]
    /// The character data directly inside this element (not its children's), entities decoded.
    var text: String
    /// 1-based line of the element's start tag.
    var line: Int
    /// False when the file ended inside this element (a truncated file read by
    /// `XMLTreeReader.readAllowingTruncation`): its children are only those read completely.
    var complete = true

    /// The value of an attribute, if present.
    subscript(attribute: String) -> String? { attributes[attribute] }

    /// The first child element with this name.
    func child(_ name: String) -> XMLTreeElement? { children.first { $0.name == name } }

    /// Every child element with this name, in document order.
    func children(_ name: String) -> [XMLTreeElement] { children.filter { $0.name == name } }

    /// This element's text and its descendants' text, in document order.
    var allText: String {
        children.isEmpty ? text : text + children.map(\.allText).joined()
    }
}

/// Why a document could not be read as XML, and where.
struct XMLReadError: Error, Sendable, CustomStringConvertible {
    var line: Int
    var message: String
    var hint: String?

    var description: String { "line \(line): \(message)" }
}
