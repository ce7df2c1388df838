import ArgumentParser
import ReviewKit

/// `metareport themes`: the built-in themes.
struct ThemesList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "themes",
        abstract: "List the built-in themes.",
        discussion: """
            Use one with --theme NAME or 'theme: NAME' in a review file. A theme file (YAML) can \
            'extends: NAME' and change a few keys; see docs/themes.md.

            Examples:
              metareport themes
              metareport themes -v         # with each theme's colours
            """
    )

    @Flag(name: .shortAndLong, help: "Print only the theme names, one per line.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Also print each theme's colours.")
    var verbose = false

    func run() throws {
        for theme in ThemeLibrary.builtIn {
            if quiet {
                Console.out(theme.name)
                continue
            }
            Console.out("\(theme.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(theme.description) (\(theme.fontFamily) \(Wording().plain(theme.fontSize)) pt; columns \(Wording().plain(theme.singleColumnWidth)) and \(Wording().plain(theme.doubleColumnWidth)) mm)")
            if verbose {
                let c = theme.colors, rob = theme.riskOfBias
                Console.out("             studies \(c.study), diamonds \(c.diamond), CI lines \(c.ciLine), reference line \(c.referenceLine); risk of bias: low \(rob.low), moderate \(rob.moderate), high \(rob.high)")
            }
        }
    }
}
