import ArgumentParser
import Foundation

/// The `metareport` command and its subcommands.
public struct MetaReport: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "metareport",
        abstract: "Publication figures and evidence reports for systematic reviews and meta-analyses.",
        discussion: """
            Exit codes: 0 success, 1 failure, 2 usage error, 3 invalid input data.

            Start with:  metareport validate examples/bcg-vaccine/review.yaml
            """,
        version: version,
        subcommands: [Render.self, Analyze.self, Figure.self, Validate.self, ImportRevMan.self, FiguresList.self, ThemesList.self]
    )

    public init() {}

    /// Runs the command line and exits with metareport's documented codes
    /// (ArgumentParser's own usage code, 64, becomes 2).
    public static func runAndExit(_ arguments: [String]? = nil) -> Never {
        honourInterrupts()
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            // Usage errors exit 2, not ArgumentParser's 64; help and --version exit 0 as usual.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitStatus.usage.code)
            }
            exit(withError: error)
        }
        do {
            try command.run()
            Foundation.exit(ExitStatus.success.code)
        } catch let status as ExitStatus {
            Foundation.exit(status.code)
        } catch let error as ValidationError {
            // Raised while running: name the subcommand, not the root's usage.
            let type = type(of: command)
            let name = type.configuration.commandName ?? String(describing: type).lowercased()
            FileHandle.standardError.write(Data("error: \(error.message)\nSee 'metareport \(name) --help'.\n".utf8))
            Foundation.exit(ExitStatus.usage.code)
        } catch {
            // Help, --version and anything else ArgumentParser knows (a clean exit is status 0).
            exit(withError: error)
        }
    }

    /// Ctrl-C and TERM stop metareport even when the parent process ignored or blocked them
    /// (test runners and some shells pass that on), so `--watch` can always be stopped.
    static func honourInterrupts() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        sigaddset(&unblocked, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
    }
}
