import Foundation
@testable import Graphics

/// A small forest-plot-like drawing that exercises every canvas primitive; the tests render it
/// in each format, and `SampleRenderTests` writes it to /tmp for a look.
enum SampleFigure {
    static let size = Size(width: 420, height: 205)
    static let metadata = FigureMetadata(
        title: "Sample forest plot",
        description: "Three studies and a pooled estimate on a log odds-ratio axis.")
    static let regular = Font(size: 9)
    static let studies: [(label: String, estimate: Double, lower: Double, upper: Double)] = [
        ("Smith 2019", 0.62, 0.41, 0.93),
        ("Jones & Li 2020 <cluster>", 1.10, 0.70, 1.74),
        ("Müller-Lüdenscheidt 2021", 0.85, 0.15, 12.0),
    ]

    static func draw(on canvas: any Canvas) {
        let measurer = CairoTextMeasurer.shared
        let title = Font(size: 12).bold
        canvas.text("Mortality at 30 days", at: Point(x: 12, y: 22), font: title)
        canvas.text("Study", at: Point(x: 12, y: 44), font: regular.bold)
        canvas.text("Odds ratio [95% CI]", at: Point(x: 408, y: 44), font: regular.bold, anchor: .end)
        canvas.line(from: Point(x: 12, y: 49), to: Point(x: 408, y: 49), stroke: .solid(0.75))

        let ticks = AxisTicks.logarithmic(lower: 0.3, upper: 3)   // 0.2 0.5 1 2 5
        let x = LogScale(domain: ticks.domain, rangeStart: 170, rangeEnd: 300)!
        let format = NumberFormat(fractionDigits: 2)
        let labelWidth = 150.0
        var y = 66.0
        for study in studies {
            let lines = measurer.wrap(study.label, font: regular, maxWidth: labelWidth)
            canvas.group(title: "\(study.label): \(format.string(study.estimate))", link: nil) {
                for (index, line) in lines.enumerated() {
                    canvas.text(line, at: Point(x: 12, y: y + Double(index) * 11), font: regular)
                }
                let ciStart = x(x.clamp(study.lower)), ciEnd = x(x.clamp(study.upper))
                canvas.line(from: Point(x: ciStart, y: y - 3), to: Point(x: ciEnd, y: y - 3), stroke: .solid(1))
                if study.upper > x.domain.upperBound {   // arrow where the CI runs past the axis
                    canvas.polygon([Point(x: ciEnd + 4, y: y - 3), Point(x: ciEnd - 1, y: y - 6), Point(x: ciEnd - 1, y: y)],
                                   fill: .black, stroke: nil)
                }
                canvas.rectangle(Rect(x: x(study.estimate) - 3, y: y - 6, width: 6, height: 6),
                                 fill: Color(hex: "#1f77b4"), stroke: nil)
                let ci = "\(format.string(study.estimate)) [\(format.string(study.lower)), \(format.string(study.upper))]"
                canvas.text(ci, at: Point(x: 408, y: y), font: regular, anchor: .end)
            }
            y += Double(lines.count) * 11 + 6
        }
        // The pooled diamond as a general path, in a link group.
        let diamondY = y + 2
        var diamond = Path()
        diamond.move(to: Point(x: x(0.62), y: diamondY))
        diamond.line(to: Point(x: x(0.78), y: diamondY - 5))
        diamond.line(to: Point(x: x(0.98), y: diamondY))
        diamond.line(to: Point(x: x(0.78), y: diamondY + 5))
        diamond.close()
        canvas.group(title: "Pooled estimate", link: "https://example.org/pooled?a=1&b=2") {
            canvas.path(diamond, fill: Color(hex: "#d62728"), stroke: .solid(0.5))
            canvas.text("Total (random effects)", at: Point(x: 12, y: diamondY + 3), font: regular.bold)
        }
        // Axis: null line, ticks, labels, italic caption, dashed pooled line.
        let axisY = diamondY + 16
        canvas.line(from: Point(x: x(1), y: 54), to: Point(x: x(1), y: axisY), stroke: .solid(0.5))
        canvas.line(from: Point(x: x(0.78), y: 54), to: Point(x: x(0.78), y: axisY),
                    stroke: .dashed(0.5, color: Color(white: 0.4)))
        canvas.line(from: Point(x: x.rangeStart, y: axisY), to: Point(x: x.rangeEnd, y: axisY), stroke: .solid(0.75))
        for (value, label) in zip(ticks.values, ticks.labels()) {
            canvas.line(from: Point(x: x(value), y: axisY), to: Point(x: x(value), y: axisY + 3), stroke: .solid(0.75))
            canvas.text(label, at: Point(x: x(value), y: axisY + 13), font: regular.withSize(8), anchor: .middle)
        }
        canvas.text("Favours treatment", at: Point(x: x(1) - 4, y: axisY + 26), font: regular.italic, anchor: .end)
        canvas.text("Favours control", at: Point(x: x(1) + 4, y: axisY + 26), font: regular.italic)
        // Rotated text, translucency, clipping, a curve and a Liberation Sans label.
        canvas.text("log scale", at: Point(x: 150, y: axisY - 12), font: regular.withSize(7), color: Color(white: 0.3),
                    anchor: .middle, rotation: -90)
        canvas.clip(to: Rect(x: 330, y: 170, width: 40, height: 25)) {
            canvas.circle(center: Point(x: 350, y: 195), radius: 18, fill: Color(hex: "#2ca02c80"), stroke: .solid(1))
        }
        var curve = Path()
        curve.move(to: Point(x: 380, y: 195))
        curve.curve(to: Point(x: 410, y: 175), control1: Point(x: 390, y: 165), control2: Point(x: 400, y: 205))
        canvas.path(curve, fill: nil, stroke: StrokeStyle(color: .black, width: 1.5, cap: .round, join: .round))
        canvas.text("Liberation Sans label", at: Point(x: 12, y: 192), font: Font(family: "Liberation Sans", size: 9))
    }
}
