import Foundation
import PackagePlugin

/// Compiles the package's `themes/*.yaml` into the target as Swift string constants, so the
/// built-in themes travel inside the binary and work from an installed copy anywhere.
@main
struct EmbedThemes: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "themes")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedThemes.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) themes",
            executable: try context.tool(named: "embed-files").url,
            arguments: [output.path(percentEncoded: false)] + files.map { $0.path(percentEncoded: false) },
            inputFiles: files,
            outputFiles: [output]
        )]
    }
}
