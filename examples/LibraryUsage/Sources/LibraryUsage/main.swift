// A forest plot from study data built in code, in about ten lines of Swift.
// Run it from the repository root with `make library-check`, or:
//   swift run --package-path examples/LibraryUsage --scratch-path .build/library-check LibraryUsage forest.svg
// The argument is the file to write (default: forest.svg in the current folder).
import Figures
import Foundation
import Graphics
import MetaAnalysis
import ReviewKit

let studies = [  // events and totals, vaccinated then not vaccinated (three of the BCG trials)
    Study(label: "Aronson, 1948", data: .binary(expEvents: 4, expTotal: 123, ctrlEvents: 11, ctrlTotal: 139)),
    Study(label: "Ferguson & Simes, 1949", data: .binary(expEvents: 6, expTotal: 306, ctrlEvents: 29, ctrlTotal: 303)),
    Study(label: "Rosenthal et al, 1960", data: .binary(expEvents: 3, expTotal: 231, ctrlEvents: 11, ctrlTotal: 220)),
]
let analysis = Analysis(id: "tb", title: "Tuberculosis", outcome: "Tuberculosis", measure: .RR, logScale: false,
                        method: .REML, hksj: false, includeDoubleZeroStudies: false,
                        arms: Arms(experimental: "Vaccinated", control: "Not vaccinated"),
                        favours: Favours(left: "Favours vaccine", right: "Favours control"),
                        figures: [], content: .studies(studies), location: SourceLocation(file: "main.swift"))
let input = FigureInput(review: Review(title: "BCG vaccine", analyses: [analysis]), outcome: try analysis.run())
let svg = try FigureRenderer.render(ForestPlot(), input: input, options: .defaults(ForestPlot().options),
                                    style: FigureStyle(), format: .svg)
let path = CommandLine.arguments.dropFirst().first ?? "forest.svg"
try svg.write(to: URL(fileURLWithPath: path))
print("wrote \(path)")
