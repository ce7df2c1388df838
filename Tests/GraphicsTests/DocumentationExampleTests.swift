import Foundation
import Testing
import Graphics

/// The example in Graphics.docc, compiled and run so it stays true (public API only).
@Suite struct DocumentationExampleTests {
    @Test func overviewExampleWorks() throws {
        let measurer = CairoTextMeasurer.shared
        let font = Font(size: 9)
        let lines = measurer.wrap("Müller-Lüdenscheidt 2021 (cluster randomised)", font: font, maxWidth: 120)

        let svg = try Renderer.render(size: Size(width: 300, height: 80), format: .svg,
                                      metadata: FigureMetadata(title: "Example",
                                                               description: "One wrapped study label.")) { canvas in
            for (index, line) in lines.enumerated() {
                canvas.text(line, at: Point(x: 10, y: 20 + Double(index) * 11), font: font)
            }
        }
        #expect(lines.count == 2)
        #expect(String(decoding: svg, as: UTF8.self).contains(">\(lines[1])</text>"))
    }
}
