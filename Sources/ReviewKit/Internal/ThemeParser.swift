import Foundation
import Yams

/// Reads a theme file. Every key is optional over the base theme (a user theme changes a few
/// keys of the theme it extends); a built-in theme is read without a base and must be complete.
struct ThemeParser {
    let sink: DiagnosticSink
    let file: String

    static let keys = ["name", "description", "extends", "font", "colors", "risk_of_bias", "line_width",
                       "decimals", "true_minus", "compact", "width_mm"]
    static let colorKeys = ["text", "muted", "study", "ci_line", "diamond", "prediction", "reference_line",
                            "axis", "heading", "background", "accent", "contours", "palette"]
    static let riskOfBiasKeys = ["low", "moderate", "high", "critical", "no_information", "not_applicable"]

    func parse(text: String, base: Theme?) -> Theme? {
        let root: Node?
        if let problem = YAMLSafety.nestingProblem(in: text, file: file) ?? YAMLSafety.aliasKeyProblem(in: text, file: file) {
            sink.add(problem)
            return nil
        }
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            sink.add(YAMLSafety.diagnostic(for: error, file: file))
            return nil
        } catch {
            sink.error(SourceLocation(file: file), "the theme could not be read as YAML: \(error)")
            return nil
        }
        guard let root, let map = YAMLValue(node: root, file: file, sink: sink).mapping("the theme", allowed: Self.keys) else {
            sink.error(SourceLocation(file: file), "the theme file is empty")
            return nil
        }
        var start = base
        if let extends = map.optional("extends"), let name = extends.string("'extends'") {
            if let named = ThemeLibrary.named(name) {
                start = named
            } else {
                sink.error(extends.location, "there is no built-in theme '\(name.truncatedForMessage)' to extend",
                           hint: "Built-in themes: \(ThemeLibrary.names.joined(separator: ", ")).")
                return nil
            }
        }
        let font = map.optional("font")?.mapping("'font'", allowed: ["family", "size", "title_size", "small_size"])
        let colors = map.optional("colors")?.mapping("'colors'", allowed: Self.colorKeys)
        let rob = map.optional("risk_of_bias")?.mapping("'risk_of_bias'", allowed: Self.riskOfBiasKeys)
        let widths = map.optional("width_mm")?.mapping("'width_mm'", allowed: ["single", "double"])

        func value<T>(_ read: T?, _ fallback: T?, _ key: String) -> T? {
            if let read { return read }
            if let fallback { return fallback }
            sink.error(map.location, "the theme is missing '\(key)'", hint: "Give it, or 'extends' a built-in theme.")
            return nil
        }
        func size(_ m: YAMLMapping?, _ key: String) -> Double? {
            guard let v = m?.number(key) else { return nil }
            guard v > 0, v <= 200 else { sink.error(m?[key]?.location ?? map.location, "'\(key)' must be between 0 and 200"); return nil }
            return v
        }
        func color(_ m: YAMLMapping?, _ key: String) -> String? {
            guard let entry = m?.optional(key), let text = entry.string("'\(key)'") else { return nil }
            return Self.isHexColor(text) ? text.uppercased() : invalidColor(text, at: entry.location)
        }
        func colorList(_ m: YAMLMapping?, _ key: String, count: Int?) -> [String]? {
            guard let entry = m?.optional(key), let list = entry.strings("'\(key)'") else { return nil }
            if let count, list.count != count {
                sink.error(entry.location, "'\(key)' needs \(count) colours, not \(list.count)")
                return nil
            }
            let checked = list.compactMap { Self.isHexColor($0) ? $0.uppercased() : invalidColor($0, at: entry.location) }
            return checked.count == list.count && !checked.isEmpty ? checked : nil
        }

        let c = start?.colors, r = start?.riskOfBias
        guard let name = value(map.string("name"), start.map { _ in "custom" }, "name"),
              let family = value(font?.string("family"), start?.fontFamily, "font.family"),
              let fontSize = value(size(font, "size"), start?.fontSize, "font.size"),
              let titleSize = value(size(font, "title_size"), start?.titleSize, "font.title_size"),
              let smallSize = value(size(font, "small_size"), start?.smallSize, "font.small_size"),
              let text = value(color(colors, "text"), c?.text, "colors.text"),
              let muted = value(color(colors, "muted"), c?.muted, "colors.muted"),
              let study = value(color(colors, "study"), c?.study, "colors.study"),
              let ciLine = value(color(colors, "ci_line"), c?.ciLine, "colors.ci_line"),
              let diamond = value(color(colors, "diamond"), c?.diamond, "colors.diamond"),
              let prediction = value(color(colors, "prediction"), c?.prediction, "colors.prediction"),
              let reference = value(color(colors, "reference_line"), c?.referenceLine, "colors.reference_line"),
              let axis = value(color(colors, "axis"), c?.axis, "colors.axis"),
              let heading = value(color(colors, "heading"), c?.heading, "colors.heading"),
              let background = value(color(colors, "background"), c?.background, "colors.background"),
              let accent = value(color(colors, "accent"), c?.accent, "colors.accent"),
              let contours = value(colorList(colors, "contours", count: 4), c?.contours, "colors.contours"),
              let palette = value(colorList(colors, "palette", count: nil), c?.palette, "colors.palette"),
              let low = value(color(rob, "low"), r?.low, "risk_of_bias.low"),
              let moderate = value(color(rob, "moderate"), r?.moderate, "risk_of_bias.moderate"),
              let high = value(color(rob, "high"), r?.high, "risk_of_bias.high"),
              let critical = value(color(rob, "critical"), r?.critical, "risk_of_bias.critical"),
              let noInformation = value(color(rob, "no_information"), r?.noInformation, "risk_of_bias.no_information"),
              let notApplicable = value(color(rob, "not_applicable"), r?.notApplicable, "risk_of_bias.not_applicable"),
              let lineWidth = value(size(map, "line_width"), start?.lineWidth, "line_width"),
              let decimals = value(map.integer("decimals"), start?.decimals, "decimals"),
              let trueMinus = value(map.bool("true_minus"), start?.trueMinus, "true_minus"),
              let single = value(size(widths, "single").map { $0 }, start?.singleColumnWidth, "width_mm.single"),
              let double = value(size(widths, "double").map { $0 }, start?.doubleColumnWidth, "width_mm.double")
        else { return nil }
        if decimals > 6, let place = map["decimals"]?.location {
            sink.error(place, "'decimals' must be between 0 and 6")
            return nil
        }
        return Theme(name: name, description: map.string("description") ?? start?.description ?? "",
                     fontFamily: family, fontSize: fontSize, titleSize: titleSize, smallSize: smallSize,
                     colors: .init(text: text, muted: muted, study: study, ciLine: ciLine, diamond: diamond,
                                   prediction: prediction, referenceLine: reference, axis: axis, heading: heading,
                                   background: background, accent: accent, contours: contours, palette: palette),
                     riskOfBias: .init(low: low, moderate: moderate, high: high, critical: critical,
                                       noInformation: noInformation, notApplicable: notApplicable),
                     lineWidth: lineWidth, decimals: decimals, trueMinus: trueMinus,
                     compact: map.bool("compact") ?? start?.compact ?? false,
                     singleColumnWidth: single, doubleColumnWidth: double)
    }

    private func invalidColor(_ text: String, at location: SourceLocation) -> String? {
        sink.error(location, "'\(text.truncatedForMessage)' is not a colour", hint: "Write colours as #RRGGBB, e.g. #1F4FB4.")
        return nil
    }

    static func isHexColor(_ text: String) -> Bool {
        guard text.hasPrefix("#") else { return false }
        let digits = text.dropFirst()
        return [3, 6, 8].contains(digits.count) && digits.allSatisfy(\.isHexDigit)
    }
}
