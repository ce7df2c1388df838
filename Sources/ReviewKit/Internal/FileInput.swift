import Foundation

/// Reading user files with messages that say which file and what to do.
enum FileInput {
    static func readData(_ url: URL, shownAs shown: String, limit: Int, kind: String,
                         referencedFrom: SourceLocation? = nil) -> Result<Data, InputError> {
        let place = SourceLocation(file: shown)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            let message = "the \(kind) '\(shown)' does not exist"
            return .failure(InputError(.error(referencedFrom ?? place, message,
                                              hint: referencedFrom == nil ? "Check the path." : "Paths in a review file are relative to the review file's folder.")))
        }
        if isDirectory.boolValue {
            return .failure(InputError(.error(referencedFrom ?? place, "'\(shown)' is a folder, not a \(kind)")))
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            // A device (/dev/zero) or a pipe would be read forever or block.
            return .failure(InputError(.error(referencedFrom ?? place, "'\(shown)' is not a regular file (it is a device, a pipe or a socket)",
                                              hint: "Give the path of a \(kind) saved on disk.")))
        }
        if let size = attributes?[.size] as? Int, size > limit {
            return .failure(InputError(.error(place, "the \(kind) is \(size >> 20) MB, more than the \(limit >> 20) MB metareport reads",
                                              hint: "Check that this is the intended file.")))
        }
        do {
            return .success(try Data(contentsOf: url))
        } catch {
            return .failure(InputError(.error(place, "the \(kind) cannot be read: \(error.localizedDescription)",
                                              hint: "Check that the file is readable.")))
        }
    }

    /// Reads a UTF-8 text file (a byte-order mark is dropped).
    static func read(_ url: URL, shownAs shown: String, limit: Int, kind: String) -> Result<String, InputError> {
        switch readData(url, shownAs: shown, limit: limit, kind: kind) {
        case .failure(let error): return .failure(error)
        case .success(let data): return decode(data, shownAs: shown, kind: kind)
        }
    }

    /// Decodes UTF-8 text, refusing NUL bytes and invalid UTF-8 with the line they are on.
    static func decode(_ data: Data, shownAs shown: String, kind: String) -> Result<String, InputError> {
        var data = data
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        if let nul = data.firstIndex(of: 0) {
            let line = data[..<nul].filter { $0 == 0x0A }.count + 1
            return .failure(InputError(.error(SourceLocation(file: shown, line: line),
                                              "the \(kind) contains a NUL byte: it looks like a binary file",
                                              hint: "Point metareport at the YAML review file.")))
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            var line = 1
            var start = data.startIndex
            for index in data.indices where data[index] == 0x0A {
                if String(validating: data[start..<index], as: UTF8.self) == nil { break }
                line += 1
                start = data.index(after: index)
            }
            return .failure(InputError(.error(SourceLocation(file: shown, line: line),
                                              "the \(kind) is not valid UTF-8 text",
                                              hint: "Save it as UTF-8 (most editors offer it under 'Save with encoding').")))
        }
        return .success(text)
    }
}
