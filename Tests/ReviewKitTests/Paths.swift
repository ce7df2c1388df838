import Foundation

/// Places in the source tree the tests read from.
enum Paths {
    /// The package root (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("Tests/Fixtures")
    static let examples = root.appendingPathComponent("examples")

    /// The example folders that hold a review file (others hold a theme or a Swift package).
    static var exampleReviews: [URL] {
        folders(in: examples).filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("review.yaml").path) }
    }

    /// The sub-folders of a folder, sorted.
    static func folders(in url: URL) -> [URL] {
        let items = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isDirectoryKey])) ?? []
        return items.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
