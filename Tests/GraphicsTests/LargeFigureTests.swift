import Foundation
import Testing
@testable import Graphics

/// A forest plot with 10,000 rows must lay out and render in reasonable time.
@Suite struct LargeFigureTests {
    static let rows = 10_000
    static let size = Size(width: 400, height: Double(rows) * 12 + 20)

    static func draw(_ canvas: any Canvas) {
        let font = Font(size: 9)
        let x = LinearScale(domain: -2...2, rangeStart: 180, rangeEnd: 300)
        for row in 0..<rows {
            let y = 20 + Double(row) * 12
            let label = "Study \(row) (\(1990 + row % 30))"
            let lines = canvas.measure(label, font: font).width > 150
                ? TextWrapper.wrap(label, font: font, maxWidth: 150, measurer: CairoTextMeasurer.shared) : [label]
            canvas.group(title: label, link: nil) {
                canvas.text(lines[0], at: Point(x: 10, y: y), font: font)
                let estimate = sin(Double(row))
                canvas.line(from: Point(x: x(estimate - 0.5), y: y - 3), to: Point(x: x(estimate + 0.5), y: y - 3), stroke: .solid(1))
                canvas.rectangle(Rect(x: x(estimate) - 2, y: y - 5, width: 4, height: 4), fill: .black, stroke: nil)
                canvas.text(NumberFormat(fractionDigits: 2).string(estimate), at: Point(x: 390, y: y), font: font, anchor: .end)
            }
        }
    }

    @Test(arguments: [ImageFormat.svg, .pdf, .png(dpi: 18)])
    func rendersTenThousandRowsQuickly(format: ImageFormat) throws {
        let clock = ContinuousClock()
        var data = Data()
        let elapsed = try clock.measure {
            data = try Renderer.render(size: Self.size, format: format, metadata: FigureMetadata(title: "Large"), draw: Self.draw)
        }
        #expect(data.count > 10_000)
        // Generous for debug builds on a slow machine; a regression to per-call font loading
        // or quadratic string building would blow well past it.
        #expect(elapsed < .seconds(30), "\(format): \(elapsed)")
        print("large \(format): \(elapsed), \(data.count) bytes")
    }

    @Test func tooTallForPNGAtPrintResolution() {
        #expect(throws: GraphicsError.self) {
            try Renderer.render(size: Self.size, format: .png(dpi: 300), metadata: FigureMetadata(title: "Large")) { _ in }
        }
    }
}
