// Fuzz target for the risk-of-bias (robvis layout and named columns) reader, for every tool.
// Built with `make fuzz` (libFuzzer); in an ordinary build it replays the files it is given.
import Foundation
import FuzzSupport
import ReviewKit

func fuzzOne(_ data: Data) {
    for tool in RiskOfBiasTool.builtIn + [.generic(domains: ["Selection", "Performance", "Detection"])] {
        _ = RiskOfBiasTable.read(csv: data, file: "fuzz.csv", tool: tool)
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzOne) }
}
