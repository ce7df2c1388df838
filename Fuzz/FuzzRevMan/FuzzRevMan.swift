// Fuzz target for the RevMan 5 (.rm5) reader: XML, encodings, outcomes, stored results.
// Built with `make fuzz` (libFuzzer); in an ordinary build it replays the files it is given.
import Foundation
import FuzzSupport
import ReviewKit

func fuzzOne(_ data: Data) {
    guard case .success(let imported) = RevManImport.read(data: data, file: "fuzz.rm5") else { return }
    _ = RevManCheck.run(imported)
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzOne) }
}
