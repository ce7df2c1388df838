import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory render-report [paths…] [-o DIR] [render options]`
///
/// Renders review files with metareport: the paths given, or every `review.yaml` in the package
/// (outside `.build`). Other arguments are passed on to `metareport render`.
@main
struct RenderReport: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let tool = try context.tool(named: "metareport")
        let root = context.package.directoryURL
        var reviews: [String] = []
        var passOn: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("-") {
                passOn.append(argument)
                // Options that take a value keep it with them.
                if ["-o", "--output", "--theme", "--format", "--dpi"].contains(argument), index + 1 < arguments.count {
                    passOn.append(absolute(arguments[index + 1], root: root, isOutput: argument == "-o" || argument == "--output"))
                    index += 1
                }
            } else {
                reviews.append(absolute(argument, root: root, isOutput: false))
            }
            index += 1
        }
        if reviews.isEmpty { reviews = findReviews(under: root) }
        guard !reviews.isEmpty else {
            Diagnostics.error("no review files found: pass their paths, e.g. render-report examples/bcg-vaccine/review.yaml")
            return
        }
        let process = Process()
        process.executableURL = tool.url
        process.arguments = ["render"] + reviews + passOn
        process.currentDirectoryURL = root
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("metareport render exited with status \(process.terminationStatus)")
        }
    }

    func absolute(_ path: String, root: URL, isOutput: Bool) -> String {
        guard !path.hasPrefix("/") else { return path }
        // Themes are names unless they look like files.
        return path.contains("/") || path.hasSuffix(".yaml") || path.hasSuffix(".yml") || isOutput
            ? root.appending(path: path).path(percentEncoded: false) : path
    }

    /// Every review.yaml in the package, outside build folders and hidden folders.
    func findReviews(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var found: [String] = []
        for case let url as URL in enumerator {
            if url.lastPathComponent.hasPrefix(".build") || url.lastPathComponent == "Tests" {
                enumerator.skipDescendants()
                continue
            }
            if url.lastPathComponent == "review.yaml" { found.append(url.path(percentEncoded: false)) }
        }
        return found.sorted()
    }
}
