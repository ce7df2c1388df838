// Fuzz target for the CSV reader and the study checks behind it.
// Built with `make fuzz` (libFuzzer); in an ordinary build it replays the files it is given.
import Foundation
import FuzzSupport
import MetaAnalysis
import ReviewKit

func fuzzOne(_ data: Data) {
    guard let table = try? DataTable.read(csv: data, file: "fuzz.csv") else { return }
    for measure in EffectMeasure.allCases {
        _ = StudyTable.read(table, measure: measure, logScale: measure == .GEN, subgroupColumn: table.columns.last)
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzOne) }
}
