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

            Example:
              metareport themes
            """
    )

    func run() throws {
        for theme in ThemeLibrary.builtIn {
            Console.out("\(theme.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(theme.description) (\(theme.fontFamily) \(Wording().plain(theme.fontSize)) pt; columns \(Wording().plain(theme.singleColumnWidth)) and \(Wording().plain(theme.doubleColumnWidth)) mm)")
        }
    }
}
