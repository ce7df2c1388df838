// Fuzz target for the review-file loader (YAML, keys, values, inline data).
// Built with `make fuzz` (libFuzzer); in an ordinary build it replays the files it is given.
import Foundation
import FuzzSupport
import ReviewKit

/// An empty folder: data paths in fuzzed review files resolve into it and find nothing.
let folder: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("metareport-fuzz-review")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}()

func fuzzOne(_ data: Data) {
    let result = ReviewLoader().load(data: data, file: "fuzz.yaml", directory: folder)
    if let review = result.review {
        for analysis in review.analyses { _ = try? analysis.run() }
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzOne) }
}
