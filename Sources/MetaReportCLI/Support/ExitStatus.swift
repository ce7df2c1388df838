import Foundation

/// metareport's exit codes, as documented in `metareport --help` and docs/cli.md.
public enum ExitStatus: Error, Equatable {
    /// Everything asked for was done.
    case success
    /// Something failed that is not the input's fault (a file could not be written…).
    case failure
    /// The command line was wrong.
    case usage
    /// The input data is invalid; the diagnostics say where and why.
    case invalidInput

    public var code: Int32 {
        switch self {
        case .success: return 0
        case .failure: return 1
        case .usage: return 2
        case .invalidInput: return 3
        }
    }
}
