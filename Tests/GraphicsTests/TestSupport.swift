import Foundation
@testable import Graphics

/// Helpers shared by the Graphics tests.
enum TestSupport {
    /// Renders `draw` (the sample figure by default) and returns the bytes.
    static func render(_ format: ImageFormat, size: Size = SampleFigure.size,
                       metadata: FigureMetadata = SampleFigure.metadata,
                       draw: (any Canvas) throws -> Void = SampleFigure.draw) throws -> Data {
        try Renderer.render(size: size, format: format, metadata: metadata, draw: draw)
    }

    /// The SVG as text.
    static func svg(size: Size = SampleFigure.size, metadata: FigureMetadata = SampleFigure.metadata,
                    draw: (any Canvas) throws -> Void) throws -> String {
        String(decoding: try render(.svg, size: size, metadata: metadata, draw: draw), as: UTF8.self)
    }

    /// Runs a tool with `input` written to a temporary file passed as its first argument;
    /// returns its exit status and standard output.
    static func run(_ tool: String, input: Data, fileExtension: String,
                    arguments: [String] = []) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("graphics-test-\(UUID().uuidString).\(fileExtension)")
        try input.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [file.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    static func toolExists(_ path: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path)
    }

    /// A big-endian 32-bit integer at `offset`.
    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}

extension TestSupport {
    /// Runs `body` with a German C locale (decimal comma) on the current thread only, so other
    /// tests running concurrently are unaffected. Returns false, without running `body`, when
    /// that locale is not installed.
    @discardableResult
    static func withGermanLocale(_ body: () throws -> Void) rethrows -> Bool {
        let mask = Int32(1) << LC_NUMERIC | Int32(1) << LC_CTYPE
        guard let german = newlocale(mask, "de_DE.UTF-8", nil) else { return false }
        defer { freelocale(german) }
        let previous = uselocale(german)
        defer { uselocale(previous) }
        try body()
        return true
    }
}
