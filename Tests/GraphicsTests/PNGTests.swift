import Foundation
import Testing
@testable import Graphics

@Suite struct PNGTests {
    @Test func hasMagicAndPixelSizeAt300DPI() throws {
        let png = [UInt8](try TestSupport.render(.png(dpi: 300), size: Size(width: 72, height: 36)) { _ in })
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        #expect(TestSupport.uint32(png, at: 16) == 300)   // 1 inch at 300 dpi
        #expect(TestSupport.uint32(png, at: 20) == 150)
    }

    @Test func pixelSizeFollowsDPI() throws {
        let png = [UInt8](try TestSupport.render(.png(dpi: 96), size: Size(width: 100.5, height: 10)) { _ in })
        #expect(TestSupport.uint32(png, at: 16) == 134)   // 100.5 × 96/72 = 134
        #expect(TestSupport.uint32(png, at: 20) == 14)    // 13.33 rounds up, nothing is cut off
    }

    @Test(arguments: [(300.0, UInt32(11_811)), (600, 23_622), (72, 2_835), (150, 5_906)])
    func recordsDPIInPHYs(dpi: Double, pixelsPerMetre: UInt32) throws {
        let png = [UInt8](try TestSupport.render(.png(dpi: dpi), size: Size(width: 20, height: 20)) { _ in })
        let chunks = try #require(PNGResolution.chunks(of: png))
        #expect(chunks.map(\.type).prefix(2) == ["IHDR", "pHYs"])
        #expect(chunks.filter { $0.type == "pHYs" }.count == 1)
        #expect(chunks.last?.type == "IEND")
        let phys = chunks[1].range.lowerBound
        #expect(TestSupport.uint32(png, at: phys) == 9)
        #expect(TestSupport.uint32(png, at: phys + 8) == pixelsPerMetre)
        #expect(TestSupport.uint32(png, at: phys + 12) == pixelsPerMetre)
        #expect(png[phys + 16] == 1)   // unit: metre
        // Every chunk's CRC must be right, or strict readers reject the file.
        for chunk in chunks {
            let body = png[(chunk.range.lowerBound + 4)..<(chunk.range.upperBound - 4)]
            #expect(CRC32.checksum(body) == TestSupport.uint32(png, at: chunk.range.upperBound - 4), "\(chunk.type)")
        }
    }

    @Test func crcMatchesPNGReference() {
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test func isByteIdenticalTwice() throws {
        let first = try TestSupport.render(.png(dpi: 300))
        let second = try TestSupport.render(.png(dpi: 300))
        #expect(first == second)
        // A fresh measurer (cold caches) must not change a single byte either.
        let fresh = try Renderer.render(size: SampleFigure.size, format: .png(dpi: 300),
                                        metadata: SampleFigure.metadata, measurer: CairoTextMeasurer(),
                                        draw: SampleFigure.draw)
        #expect(fresh == first)
    }

    @Test func settingDPILeavesOtherDataAlone() {
        let notPNG = Data("hello".utf8)
        #expect(PNGResolution.settingDPI(300, in: notPNG) == notPNG)
    }
}

/// Our PNG encoder: RGB for opaque figures, RGBA (un-premultiplied) for transparent ones, every
/// chunk's CRC right, and the pixels decode back to what was drawn.
@Suite struct PNGEncoderTests {
    /// Chunks and the inflated image data, read with zlib through Python (an independent decoder).
    func decode(_ png: Data) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("enc-\(UUID().uuidString).png")
        try png.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let script = """
            import sys, zlib, struct
            d = open(sys.argv[1], 'rb').read()
            assert d[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            i, idat, types = 8, b'', []
            while i < len(d):
                n = struct.unpack('>I', d[i:i+4])[0]; t = d[i+4:i+8]; body = d[i+8:i+8+n]
                assert zlib.crc32(t + body) & 0xffffffff == struct.unpack('>I', d[i+8+n:i+12+n])[0]
                types.append(t.decode()); idat += body if t == b'IDAT' else b''; i += 12 + n
            w, h = struct.unpack('>II', d[16:24]); ct = d[25]; ch = 3 if ct == 2 else 4
            raw = zlib.decompress(idat)
            assert len(raw) == h * (1 + w * ch)
            first = raw[1:1+ch]
            print(','.join(types), w, h, ct, ' '.join(str(b) for b in first))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func opaqueFiguresAreRGB() throws {
        // 10 × 10 pt at 100 dpi is 13.9 → 14 px: the last row and column are only partly covered
        // by the page, and must still be opaque.
        let png = try Renderer.render(size: Size(width: 10, height: 10), format: .png(dpi: 100),
                                      metadata: FigureMetadata(title: "t"), background: Color(r: 1, g: 0, b: 0)) { _ in }
        #expect(try decode(png) == "IHDR,pHYs,IDAT,IEND 14 14 2 255 0 0")
    }

    @Test func transparentFiguresAreRGBA() throws {
        let png = try Renderer.render(size: Size(width: 10, height: 10), format: .png(dpi: 72),
                                      metadata: FigureMetadata(title: "t"), background: nil) { canvas in
            canvas.rectangle(Rect(x: 0, y: 0, width: 1, height: 1), fill: Color(r: 0, g: 0, b: 1, a: 0.5), stroke: nil)
        }
        // Half-transparent blue: premultiplied (0, 0, 128, 128) in Cairo, (0, 0, 255, 128) in the file.
        #expect(try decode(png) == "IHDR,pHYs,IDAT,IEND 10 10 6 0 0 255 128")
    }
}
