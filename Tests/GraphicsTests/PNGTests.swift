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
