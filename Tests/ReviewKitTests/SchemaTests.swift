import Foundation
import Testing
@testable import ReviewKit

/// The JSON Schema in docs/ must describe what the loader reads, and accept the examples.
@Suite struct SchemaTests {
    static let schemaURL = Paths.root.appendingPathComponent("docs/review.schema.json")

    func schema() throws -> [String: Any] {
        let data = try Data(contentsOf: Self.schemaURL)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func properties(_ object: [String: Any]?) -> Set<String> {
        Set(((object?["properties"] as? [String: Any]) ?? [:]).keys)
    }

    @Test func schemaKeysMatchTheLoader() throws {
        let root = try schema()
        #expect(properties(root) == Set(ReviewParser.reviewKeys))
        let rootProperties = root["properties"] as? [String: Any]
        let analysis = (rootProperties?["analyses"] as? [String: Any])?["items"] as? [String: Any]
        #expect(properties(analysis) == Set(ReviewParser.analysisKeys))
        let prisma = rootProperties?["prisma"] as? [String: Any]
        #expect(properties(prisma) == Set(ReviewParser.prismaKeys))
        let sof = rootProperties?["summary_of_findings"] as? [String: Any]
        #expect(properties(sof) == Set(ReviewParser.sofKeys))
    }

    /// Validates every example with an independent validator (Python's jsonschema, installed by
    /// `make deps` from Debian's python3-jsonschema).
    @Test func examplesConformToTheSchema() throws {
        let script = """
            import json, sys, yaml, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            for path in sys.argv[2:]:
                jsonschema.validate(yaml.safe_load(open(path)), schema)
                print("ok", path)
            """
        let examples = Paths.exampleReviews.map { $0.appendingPathComponent("review.yaml").path }
        #expect(!examples.isEmpty)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, Self.schemaURL.path] + examples
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("ok ") }.count == examples.count)
    }
}
