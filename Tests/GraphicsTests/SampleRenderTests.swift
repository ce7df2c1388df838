import Foundation
import Testing
@testable import Graphics

/// Writes the sample figure to /tmp so a person can look at it (the PNG, the PDF through
/// pdftoppm, the SVG through rsvg-convert); the assertions only check the files are non-empty.
@Suite struct SampleRenderTests {
    @Test(arguments: [ImageFormat.png(dpi: 300), .pdf, .svg])
    func writesSample(format: ImageFormat) throws {
        let data = try Renderer.render(size: SampleFigure.size, format: format, metadata: SampleFigure.metadata,
                                       draw: SampleFigure.draw)
        #expect(data.count > 500)
        try data.write(to: URL(fileURLWithPath: "/tmp/graphics-sample.\(format.fileExtension)"))
    }
}
