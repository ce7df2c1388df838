import Foundation

/// Writing results: whole or not at all, and never over an input.
enum OutputFiles {
    /// Writes `data` to `path` through a temporary file renamed into place, refusing to replace
    /// any of `inputs`.
    static func write(_ data: Data, to path: String, inputs: [String]) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
            Console.error("error: refusing to write over the input file '\(path)'; choose another output name.")
            throw ExitStatus.usage
        }
        let folder = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            Console.error("error: the folder '\(folder.path)' does not exist; create it first.")
            throw ExitStatus.failure
        }
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temporary)
            // rename(2) replaces the target in one step: readers see the old file or the new one.
            guard rename(temporary.path, target.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            Console.error("error: cannot write '\(path)': \(error.localizedDescription)")
            throw ExitStatus.failure
        }
    }
}
