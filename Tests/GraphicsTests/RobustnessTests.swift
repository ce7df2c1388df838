import Foundation
import Testing
@testable import Graphics

@Suite struct RobustnessTests {
    @Test func pngBeyondCairoLimitThrowsAClearError() throws {
        // 200 inches at 300 dpi is 60,000 pixels.
        let size = Size(width: 14_400, height: 10)
        let error = try #require(throws: GraphicsError.self) {
            try TestSupport.render(.png(dpi: 300), size: size) { _ in }
        }
        #expect(error.code == .imageTooLarge)
        #expect(error.description.contains("60000 × 42 pixels"))
        #expect(error.description.contains("300 dpi"))
        #expect(error.description.contains("32767"))
        #expect(error.description.contains("--dpi"))
        #expect(error.description.contains("PDF or SVG"))
        // The same figure is fine at a lower resolution, or as vectors.
        #expect(try TestSupport.render(.png(dpi: 72), size: size) { _ in }.count > 0)
        #expect(try TestSupport.render(.pdf, size: size) { _ in }.count > 0)
        #expect(try TestSupport.render(.svg, size: size) { _ in }.count > 0)
    }

    @Test func pngWithTooManyPixelsInAllThrows() throws {
        // 20,000 × 20,000 pixels: each side is allowed, the total (400 megapixels) is not.
        let error = try #require(throws: GraphicsError.self) {
            try TestSupport.render(.png(dpi: 72), size: Size(width: 20_000, height: 20_000)) { _ in }
        }
        #expect(error.code == .imageTooLarge)
        #expect(error.description.contains("400 megapixels"))
        #expect(error.description.contains("--dpi"))
    }

    @Test func exactlyAtTheLimitWorks() throws {
        let png = [UInt8](try TestSupport.render(.png(dpi: 72), size: Size(width: 32_767, height: 1)) { _ in })
        #expect(TestSupport.uint32(png, at: 16) == 32_767)
        #expect(throws: GraphicsError.self) {
            try TestSupport.render(.png(dpi: 72), size: Size(width: 32_767.5, height: 1)) { _ in }
        }
    }

    @Test(arguments: [Size(width: .nan, height: 10), Size(width: 10, height: 0), Size(width: -5, height: 10),
                      Size(width: .infinity, height: 10)])
    func invalidSizesThrow(size: Size) {
        for format in [ImageFormat.png(dpi: 300), .pdf, .svg] {
            #expect(throws: GraphicsError(.invalidSize, GraphicsError.invalidSize(size).description)) {
                try TestSupport.render(format, size: size) { _ in }
            }
        }
    }

    /// A finite size beyond the limit is not "invalid": the message says how large and what to do.
    @Test(arguments: [Size(width: 10, height: 1e12), Size(width: 535, height: 1_160_104)])
    func figuresBeyondTheSizeLimitSaySo(size: Size) {
        for format in [ImageFormat.png(dpi: 300), .pdf, .svg] {
            #expect(throws: GraphicsError(.figureTooLarge, GraphicsError.figureTooLarge(size).description)) {
                try TestSupport.render(format, size: size) { _ in }
            }
        }
        #expect(GraphicsError.figureTooLarge(Size(width: 535, height: 1_160_104)).description
                == "the figure would be 535 × 1160104 pt (409 m on its longest side), beyond the 1000000 pt a side that metareport draws in any format. Draw fewer rows: a subset of the studies, or one figure per subgroup.")
    }

    @Test(arguments: [0.0, -72, .nan, .infinity])
    func invalidResolutionsThrow(dpi: Double) throws {
        let error = try #require(throws: GraphicsError.self) {
            try TestSupport.render(.png(dpi: dpi), size: Size(width: 10, height: 10)) { _ in }
        }
        #expect(error.code == .invalidResolution)
    }

    /// Shapes with NaN or infinite values are skipped whole: the output is byte-identical to a
    /// drawing without them.
    @Test(arguments: [ImageFormat.png(dpi: 100), .pdf, .svg])
    func nonFiniteValuesNeverReachTheOutput(format: ImageFormat) throws {
        let size = Size(width: 100, height: 80)
        let good: (any Canvas) -> Void = { canvas in
            canvas.line(from: Point(x: 5, y: 5), to: Point(x: 95, y: 75), stroke: .solid(1))
            canvas.text("ok", at: Point(x: 10, y: 40), font: Font(size: 9))
        }
        let reference = try TestSupport.render(format, size: size, draw: good)
        let withBadValues = try TestSupport.render(format, size: size) { canvas in
            good(canvas)
            let nan = Double.nan, inf = Double.infinity
            canvas.line(from: Point(x: nan, y: 0), to: Point(x: 10, y: 10), stroke: .solid(1))
            canvas.line(from: Point(x: 0, y: 0), to: Point(x: 10, y: 10), stroke: .solid(nan))
            canvas.line(from: Point(x: 0, y: 0), to: Point(x: 10, y: 10), stroke: .solid(-1))
            canvas.line(from: Point(x: 0, y: 0), to: Point(x: 10, y: 10), stroke: StrokeStyle(dash: [0, 0]))
            canvas.line(from: Point(x: 0, y: 0), to: Point(x: 10, y: 10), stroke: StrokeStyle(dash: [nan, 2]))
            canvas.polyline([Point(x: 0, y: 0), Point(x: inf, y: 3), Point(x: 4, y: 4)], stroke: .solid(1))
            canvas.polyline([Point(x: 0, y: 0)], stroke: .solid(1))
            canvas.rectangle(Rect(x: 0, y: 0, width: -inf, height: 3), fill: .black, stroke: nil)
            canvas.rectangle(Rect(x: 0, y: 0, width: 10, height: 3), fill: nil, stroke: nil)
            canvas.rectangle(Rect(x: 0, y: 0, width: 10, height: 3), fill: .clear, stroke: nil)
            canvas.polygon([Point(x: 0, y: 0), Point(x: 1, y: nan), Point(x: 4, y: 4)], fill: .black, stroke: nil)
            canvas.circle(center: Point(x: 5, y: 5), radius: nan, fill: .black, stroke: nil)
            canvas.circle(center: Point(x: -inf, y: 5), radius: 3, fill: .black, stroke: nil)
            var path = Path()
            path.move(to: Point(x: 0, y: 0))
            path.curve(to: Point(x: 5, y: 5), control1: Point(x: nan, y: 1), control2: Point(x: 2, y: 2))
            canvas.path(path, fill: .black, stroke: .solid(1))
            canvas.path(Path([.line(to: Point(x: 3, y: 3))]), fill: .black, stroke: .solid(1))   // no move
            canvas.text("bad", at: Point(x: nan, y: 10), font: Font(size: 9))
            canvas.text("bad", at: Point(x: 10, y: 10), font: Font(size: .infinity))
            canvas.text("bad", at: Point(x: 10, y: 10), font: Font(size: 9), color: .black, anchor: .start, rotation: nan)
            canvas.text("", at: Point(x: 10, y: 10), font: Font(size: 9))
            canvas.translated(dx: nan, dy: 0) { canvas.circle(center: Point(x: 5, y: 5), radius: 3, fill: .black, stroke: nil) }
        }
        #expect(withBadValues == reference)
    }

    @Test(arguments: [ImageFormat.png(dpi: 72), .pdf, .svg])
    func hugeFiniteValuesAreClampedNotFatal(format: ImageFormat) throws {
        let data = try TestSupport.render(format, size: Size(width: 100, height: 100)) { canvas in
            canvas.line(from: Point(x: -1e300, y: 50), to: Point(x: 1e300, y: 50), stroke: .solid(1e300))
            canvas.circle(center: Point(x: 50, y: 50), radius: .greatestFiniteMagnitude, fill: .black, stroke: nil)
            canvas.text("far", at: Point(x: 1e200, y: 50), font: Font(size: 9))
        }
        #expect(data.count > 0)
        if format == .svg {
            let svg = String(decoding: data, as: UTF8.self)
            #expect(svg.contains(#"x1="-1000000""#))
            #expect(svg.range(of: #"[0-9]e[-+]?[0-9]"#, options: .regularExpression) == nil)
        }
    }

    @Test func errorsFromTheDrawingPropagate() {
        struct Boom: Error {}
        for format in [ImageFormat.png(dpi: 72), .pdf, .svg] {
            #expect(throws: Boom.self) {
                try TestSupport.render(format, size: Size(width: 10, height: 10)) { canvas in
                    try canvas.clip(to: canvas.bounds) {
                        try canvas.group(title: "t", link: "https://example.org") { throw Boom() }
                    }
                }
            }
        }
    }

    @Test func transparentBackgroundIsOptional() throws {
        let svg = String(decoding: try Renderer.render(size: Size(width: 10, height: 10), format: .svg,
                                                       metadata: FigureMetadata(title: "t"), background: nil) { _ in },
                         as: UTF8.self)
        #expect(!svg.contains("<rect"))
    }
}

@Suite struct ConcurrencyTests {
    /// Renderers on several threads share one measurer and still produce the serial bytes.
    @Test func concurrentRendersMatchSerialOnes() async throws {
        let formats = [ImageFormat.png(dpi: 150), .pdf, .svg]
        let serial = try formats.map { try TestSupport.render($0) }
        let parallel = try await withThrowingTaskGroup(of: (Int, Data).self) { group in
            for _ in 0..<4 {
                for (index, format) in formats.enumerated() {
                    group.addTask { (index, try TestSupport.render(format)) }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(parallel.count == 12)
        for (index, data) in parallel {
            #expect(data == serial[index], "\(formats[index])")
        }
    }
}

/// The resolution a too-large PNG can be lowered to (the report uses it; the error names it).
@Suite struct LargestPNGResolutionTests {
    @Test func aFigureThatFitsKeepsItsResolution() {
        #expect(Renderer.largestPNGResolution(for: Size(width: 500, height: 700), upTo: 300) == 300)
    }

    @Test(arguments: [Size(width: 600, height: 11_600), Size(width: 600, height: 116_000), Size(width: 14_400, height: 10),
                      Size(width: 20_000, height: 20_000)])
    func theResultFitsAndOneDotMoreWouldNot(size: Size) {
        let dpi = Renderer.largestPNGResolution(for: size, upTo: 300)
        #expect(dpi < 300 && dpi == dpi.rounded())
        func fits(_ dpi: Double) -> Bool {
            let pixels = Renderer.pixelSize(of: size, dpi: dpi)
            return pixels.width <= 32_767 && pixels.height <= 32_767 && pixels.width * pixels.height <= 268_435_456
        }
        #expect(fits(dpi))
        #expect(!fits(dpi + 1))
    }

    @Test func theErrorNamesTheResolutionThatFits() throws {
        // 11,600 points tall (a 1,000-study forest plot): 48,334 pixels at 300 dpi, 203 dpi fits.
        let error = try #require(throws: GraphicsError.self) {
            try TestSupport.render(.png(dpi: 300), size: Size(width: 100, height: 11_600)) { _ in }
        }
        #expect(error.description.contains("Use --dpi 203 or lower"))
        // So tall that a legible PNG is impossible: only the vector formats are suggested.
        let tooTall = try #require(throws: GraphicsError.self) {
            try TestSupport.render(.png(dpi: 300), size: Size(width: 100, height: 116_000)) { _ in }
        }
        #expect(tooTall.description.contains("Render PDF or SVG"))
    }
}
