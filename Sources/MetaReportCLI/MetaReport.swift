import ArgumentParser

/// The `metareport` command and its subcommands.
public struct MetaReport: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "metareport",
        abstract: "Publication figures and evidence reports for systematic reviews and meta-analyses.",
        version: "0.1.0"
    )

    public init() {}
}
