import Foundation

/// Puts a rendered report in its folder whole or not at all: everything is first written to a
/// sibling staging folder; only then are the files moved into place (each move atomic), and the
/// old `figures/` is swapped out in one rename. A render that fails leaves the previous report as it was.
enum ReportOutput {
    static func write(_ files: [(path: String, data: Data)], to directory: URL, inputs: [URL]) throws {
        let fm = FileManager.default
        let target = directory.standardizedFileURL
        let inputPaths = Set(inputs.map { $0.standardizedFileURL.resolvingSymlinksInPath().path })
        for file in files where inputPaths.contains(target.appendingPathComponent(file.path).resolvingSymlinksInPath().path) {
            Console.error("error: refusing to overwrite the input file '\(file.path)' in \(target.path); choose another output folder with -o.")
            throw ExitStatus.usage
        }
        // The old figures/ folder is replaced whole, so nothing the review reads may live in it.
        let figuresPrefix = target.appendingPathComponent("figures").resolvingSymlinksInPath().path + "/"
        if let inside = inputPaths.sorted().first(where: { $0.hasPrefix(figuresPrefix) }) {
            Console.error("error: refusing to write the report to \(target.path): its figures/ folder is replaced on every render, and it holds the input file '\(inside)'. Choose another output folder with -o, or move the file out of figures/.")
            throw ExitStatus.usage
        }
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging.appendingPathComponent("figures"), withIntermediateDirectories: true)
            for file in files {
                try file.data.write(to: staging.appendingPathComponent(file.path))
            }
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            // figures/: swap the whole folder so no stale figure of an earlier render remains.
            let oldFigures = target.appendingPathComponent("figures")
            let retired = parent.appendingPathComponent(".\(target.lastPathComponent).old-figures-\(ProcessInfo.processInfo.processIdentifier)")
            if fm.fileExists(atPath: oldFigures.path) { try move(oldFigures, to: retired) }
            try move(staging.appendingPathComponent("figures"), to: oldFigures)
            for file in files where !file.path.hasPrefix("figures/") {
                try move(staging.appendingPathComponent(file.path), to: target.appendingPathComponent(file.path))
            }
            try? fm.removeItem(at: retired)
            try? fm.removeItem(at: staging)
        } catch let status as ExitStatus {
            throw status
        } catch {
            try? fm.removeItem(at: staging)
            Console.error("error: cannot write the report to '\(target.path)': \(error.localizedDescription)")
            throw ExitStatus.failure
        }
    }

    /// rename(2): replaces the target in one step.
    private static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(destination.lastPathComponent): \(String(cString: strerror(errno)))"])
        }
    }
}
