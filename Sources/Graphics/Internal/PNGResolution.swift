import Foundation

/// Records a resolution in a PNG by inserting a `pHYs` chunk, which Cairo does not write.
/// Without it, word processors and LaTeX assume 72 or 96 dpi and place a 300 dpi figure
/// several times too large.
enum PNGResolution {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG with a `pHYs` chunk for `dpi` right after `IHDR` (any existing one is replaced).
    /// Returns the input unchanged if it is not a well-formed PNG.
    static func settingDPI(_ dpi: Double, in png: Data) -> Data {
        let bytes = [UInt8](png)
        guard let chunks = chunks(of: bytes), chunks.first?.type == "IHDR" else { return png }
        var output = signature
        for (index, chunk) in chunks.enumerated() where chunk.type != "pHYs" {
            output += bytes[chunk.range]
            if index == 0 { output += physChunk(dpi: dpi) }
        }
        return Data(output)
    }

    /// Pixels per metre, as the chunk stores it.
    static func pixelsPerMetre(dpi: Double) -> UInt32 {
        UInt32(min(Double(UInt32.max), (dpi / 0.0254).rounded()))
    }

    /// A complete `pHYs` chunk: length, type, the same density for x and y, unit = metre, CRC.
    static func physChunk(dpi: Double) -> [UInt8] {
        let ppm = pixelsPerMetre(dpi: dpi)
        let body = Array("pHYs".utf8) + bigEndian(ppm) + bigEndian(ppm) + [1]
        return bigEndian(9) + body + bigEndian(CRC32.checksum(body))
    }

    /// Each chunk's type and byte range (length through CRC), or nil if the stream is malformed.
    static func chunks(of bytes: [UInt8]) -> [(type: String, range: Range<Int>)]? {
        guard bytes.starts(with: signature) else { return nil }
        var result: [(type: String, range: Range<Int>)] = []
        var offset = signature.count
        while offset < bytes.count {
            guard offset + 12 <= bytes.count else { return nil }
            let length = Int(bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let end = offset + 12 + length
            guard end <= bytes.count else { return nil }
            let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
            result.append((type, offset..<end))
            offset = end
        }
        return result
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
