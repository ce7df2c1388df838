import Foundation

/// The built-in themes (compiled in from `themes/*.yaml`) and user theme files.
public enum ThemeLibrary {
    /// The theme used when a review names none.
    public static let defaultName = "cochrane"

    /// Built-in themes by name, in a stable order.
    public static let builtIn: [Theme] = {
        EmbeddedThemes.files.compactMap { file in
            let sink = DiagnosticSink()
            let theme = ThemeParser(sink: sink, file: "themes/\(file.name).yaml").parse(text: file.text, base: nil)
            // A broken built-in theme is a build defect; ThemeTests loads each one strictly.
            return sink.items.hasErrors ? nil : theme
        }
    }()

    /// The names of the built-in themes.
    public static var names: [String] { builtIn.map(\.name) }

    /// The built-in theme with this name.
    public static func named(_ name: String) -> Theme? {
        builtIn.first { $0.name == name.lowercased() }
    }

    /// The default theme.
    public static var standard: Theme {
        guard let theme = named(defaultName) ?? builtIn.first else {
            preconditionFailure("the built-in themes are compiled in; their tests guarantee cochrane exists")
        }
        return theme
    }

    /// A theme by built-in name, or from a YAML file (a path ending in .yaml or .yml, or any
    /// existing file). A file theme extends `cochrane` unless its `extends` names another.
    /// Relative paths are resolved against `directory`.
    public static func resolve(_ reference: String, relativeTo directory: URL? = nil,
                               shownAs shown: String? = nil) -> Result<Theme, InputError> {
        if let theme = named(reference) { return .success(theme) }
        var url = URL(fileURLWithPath: reference)
        if let directory, !reference.hasPrefix("/") { url = directory.appendingPathComponent(reference) }
        let looksLikeFile = reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") || reference.contains("/")
        guard looksLikeFile || FileManager.default.fileExists(atPath: url.path) else {
            return .failure(InputError(.error(SourceLocation(file: shown ?? reference),
                                              "there is no theme called '\(reference.truncatedForMessage)'",
                                              hint: "Built-in themes: \(names.joined(separator: ", ")); or give the path of a theme file (.yaml).")))
        }
        let file = shown ?? reference
        switch FileInput.read(url, shownAs: file, limit: 1 << 20, kind: "theme file") {
        case .failure(let error): return .failure(error)
        case .success(let text):
            let sink = DiagnosticSink()
            let theme = ThemeParser(sink: sink, file: file).parse(text: text, base: standard)
            if sink.items.hasErrors || theme == nil { return .failure(InputError(sink.items.filter { $0.severity == .error })) }
            return theme.map { .success($0) } ?? .failure(InputError(sink.items))
        }
    }
}
