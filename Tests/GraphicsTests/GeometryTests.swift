import Testing
@testable import Graphics

@Suite struct GeometryTests {
    @Test func rectAccessorsAndRelations() {
        let rect = Rect(x: 10, y: 20, width: 30, height: 40)
        #expect(rect.maxX == 40 && rect.maxY == 60 && rect.midX == 25 && rect.midY == 40)
        #expect(rect.contains(Point(x: 10, y: 60)))
        #expect(!rect.contains(Point(x: 9.9, y: 30)))
        #expect(rect.contains(Rect(x: 15, y: 25, width: 5, height: 5)))
        #expect(rect.intersects(Rect(x: 39, y: 59, width: 5, height: 5)))
        #expect(!rect.intersects(Rect(x: 40, y: 20, width: 5, height: 5)))   // touching edges
        #expect(rect.union(Rect(x: 0, y: 0, width: 1, height: 1)) == Rect(x: 0, y: 0, width: 40, height: 60))
        #expect(rect.insetBy(dx: 5, dy: 10) == Rect(x: 15, y: 30, width: 20, height: 20))
        #expect(rect.insetBy(dx: 20, dy: 0).width == 0)
        #expect(Rect(x: 10, y: 10, width: -5, height: -5).standardized == Rect(x: 5, y: 5, width: 5, height: 5))
    }

    @Test func colorsParseHex() throws {
        let orange = try #require(Color(hex: "#FF8000"))
        #expect(orange.r == 1 && orange.b == 0 && orange.a == 1)
        #expect(abs(orange.g - 128.0 / 255) < 1e-12)
        #expect(Color(hex: "1f77b480")?.hexRGBA == "#1f77b480")
        #expect(Color(hex: "#12345") == nil)
        #expect(Color(hex: "#12345G") == nil)
        #expect(Color(hex: "#+12345") == nil)
        #expect(Color(hex: "") == nil)
        #expect(Color.white.hexRGB == "#ffffff")
        #expect(Color(r: 2, g: -1, b: .nan).hexRGB == "#ff0000")
    }

    @Test func imageFormatsFromExtensions() {
        #expect(ImageFormat(fileExtension: "PNG") == .png(dpi: 300))
        #expect(ImageFormat(fileExtension: ".svg") == .svg)
        #expect(ImageFormat(fileExtension: "pdf", dpi: 600) == .pdf)
        #expect(ImageFormat(fileExtension: "png", dpi: 150) == .png(dpi: 150))
        #expect(ImageFormat(fileExtension: "jpeg") == nil)
        #expect(ImageFormat.svg.mimeType == "image/svg+xml")
    }

    @Test func fontHelpers() {
        let font = Font(size: 9)
        #expect(font.family == "DejaVu Sans")
        #expect(font.bold.weight == .bold && font.italic.style == .italic && font.withSize(12).size == 12)
    }
}
