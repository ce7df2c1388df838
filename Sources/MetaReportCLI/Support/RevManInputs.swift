import Foundation
import ReviewKit

/// Reading RevMan 5 files (.rm5) for the commands, with their problems reported as for review files.
extension Inputs {
    static func isRevManFile(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".rm5")
    }

    /// Imports a RevMan file; prints its diagnostics (notes only unless `quiet` is off) and stops on errors.
    static func importRevMan(_ path: String, strict: Bool = false, quiet: Bool = false) throws -> RevManImport {
        switch RevManImport.read(URL(fileURLWithPath: path), shownAs: path) {
        case .failure(let error):
            Console.report(error.diagnostics)
            throw ExitStatus.invalidInput
        case .success(let imported):
            var diagnostics = imported.diagnostics
            if strict { diagnostics = diagnostics.strict }
            let shown = quiet ? diagnostics.filter { $0.severity == .error } : diagnostics
            Console.report(shown)
            if diagnostics.hasErrors && strict { throw ExitStatus.invalidInput }
            return imported
        }
    }
}
