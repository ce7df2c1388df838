import CCairo
import CZlib
import Foundation

/// Encodes a Cairo image surface as PNG: RGB when every pixel is opaque (figures painted on a
/// background are), RGBA otherwise; no row filter and zlib's fastest level, which encodes several
/// times faster than Cairo's own PNG writer and gives smaller files for figures (flat colours and
/// text compress well without filtering). The resolution is recorded in a `pHYs` chunk. Rows are
/// fed to zlib one at a time, so memory stays bounded for large images.
enum PNGEncoder {
    /// IDAT chunks are cut at this size (any size is valid; smaller ones stream better).
    static let idatChunkSize = 1 << 20

    static func encode(_ surface: OpaquePointer, dpi: Double) throws -> Data {
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard width > 0, height > 0, let base = cairo_image_surface_get_data(surface) else {
            throw GraphicsError.cairo("the image has no pixels", during: "encoding the PNG")
        }
        // ARGB32 pixels are native-endian 32-bit words: alpha in the top byte, colours premultiplied.
        let opaque = (0..<height).allSatisfy { y in
            let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
            return (0..<width).allSatisfy { row[$0] >> 24 == 0xFF }
        }
        let channels = opaque ? 3 : 4

        var output = Data(PNGResolution.signature)
        var header = [UInt8]()
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, opaque ? 2 : 6, 0, 0, 0] // 8 bits, RGB or RGBA, deflate, no filter method, no interlace
        appendChunk("IHDR", header, to: &output)
        output.append(contentsOf: PNGResolution.physChunk(dpi: dpi))

        var stream = z_stream()
        guard deflateInit_(&stream, Z_BEST_SPEED, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw GraphicsError.cairo("zlib could not start", during: "encoding the PNG")
        }
        defer { deflateEnd(&stream) }
        var line = [UInt8](repeating: 0, count: 1 + width * channels) // filter byte 0 (none), then pixels
        var compressed = [UInt8](repeating: 0, count: 1 << 16)
        var pending = [UInt8]()
        pending.reserveCapacity(idatChunkSize + compressed.count)

        func drain(_ flush: Int32) throws {
            repeat {
                let status: Int32 = compressed.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    return deflate(&stream, flush)
                }
                guard status != Z_STREAM_ERROR else { throw GraphicsError.cairo("zlib failed", during: "encoding the PNG") }
                pending += compressed[0..<(compressed.count - Int(stream.avail_out))]
                while pending.count >= idatChunkSize {
                    appendChunk("IDAT", pending[0..<idatChunkSize], to: &output)
                    pending.removeFirst(idatChunkSize)
                }
            } while stream.avail_out == 0
        }

        for y in 0..<height {
            let row = UnsafeRawPointer(base + y * stride).assumingMemoryBound(to: UInt32.self)
            var offset = 1
            for x in 0..<width {
                let pixel = row[x]
                let alpha = pixel >> 24
                var r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF
                if !opaque, alpha != 0xFF {
                    // Undo the premultiplication, rounding to nearest.
                    if alpha == 0 { (r, g, b) = (0, 0, 0) } else {
                        r = (r * 255 + alpha / 2) / alpha
                        g = (g * 255 + alpha / 2) / alpha
                        b = (b * 255 + alpha / 2) / alpha
                    }
                }
                line[offset] = UInt8(r)
                line[offset + 1] = UInt8(g)
                line[offset + 2] = UInt8(b)
                if !opaque { line[offset + 3] = UInt8(alpha) }
                offset += channels
            }
            try line.withUnsafeMutableBufferPointer { input in
                stream.next_in = input.baseAddress
                stream.avail_in = UInt32(input.count)
                try drain(Z_NO_FLUSH)
            }
        }
        stream.next_in = nil
        stream.avail_in = 0
        try drain(Z_FINISH)
        if !pending.isEmpty { appendChunk("IDAT", pending[...], to: &output) }
        appendChunk("IEND", [], to: &output)
        return output
    }

    /// Length, type, data and the CRC of type and data.
    static func appendChunk(_ type: String, _ data: some Collection<UInt8>, to output: inout Data) {
        let typeBytes = Array(type.utf8)
        output.append(contentsOf: bigEndian(UInt32(data.count)))
        output.append(contentsOf: typeBytes)
        output.append(contentsOf: data)
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        crc = Array(data).withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        output.append(contentsOf: bigEndian(UInt32(crc)))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
