import Foundation
import MetaAnalysis

/// Walks a review file's YAML tree into a `Review`, reporting problems to the context's sink.
struct ReviewParser {
    let context: LoadContext
    var sink: DiagnosticSink { context.sink }

    static let reviewKeys = ["title", "authors", "date", "theme", "summary", "arms", "analyses",
                             "risk_of_bias", "summary_of_findings", "prisma", "characteristics", "figures"]
    static let analysisKeys = ["id", "title", "outcome", "unit", "measure", "log_scale", "effect_label", "method",
                               "hksj", "double_zero", "compatibility", "subgroup", "moderator", "order", "arms",
                               "favours", "figures", "data", "results"]

    func review(_ root: YAMLValue) -> Review? {
        guard let map = root.mapping("the review file", allowed: Self.reviewKeys) else { return nil }
        let title = map.string("title", required: true)
        let arms = map.optional("arms").flatMap { parseArms($0, defaults: Arms()) } ?? Arms()
        var analyses: [Analysis] = []
        var seenIDs: [String: SourceLocation] = [:]
        for item in map.optional("analyses")?.sequence("'analyses'") ?? [] {
            guard let analysis = analysis(item, reviewArms: arms) else { continue }
            if let first = seenIDs[analysis.id] {
                sink.error(analysis.location, "the analysis id '\(analysis.id)' is used twice (first at \(first))",
                           hint: "Each analysis needs its own id; ids name the figure files.")
            }
            seenIDs[analysis.id] = analysis.location
            analyses.append(analysis)
        }
        let riskOfBias = map.optional("risk_of_bias").flatMap { parseRiskOfBias($0, analyses: analyses) }
        let summaryOfFindings = map.optional("summary_of_findings").flatMap { parseSummaryOfFindings($0, analyses: analyses) }
        let prisma = map.optional("prisma").flatMap { prismaFlow($0) }
        let characteristics = map.optional("characteristics").flatMap { table($0, what: "'characteristics'", canonicalHeaders: false) }
        let theme = map.string("theme")
        if let theme, let place = map["theme"]?.location { checkTheme(theme, at: place) }
        let reviewFigures = map.optional("figures").map { figureRequests($0) } ?? []
        sink.recordReviewFigures(reviewFigures)
        guard let title else { return nil }
        var review = Review(title: title, authors: map.strings("authors") ?? [], date: map.string("date"),
                      theme: theme, summary: map.string("summary"), arms: arms,
                      analyses: analyses, riskOfBias: riskOfBias, summaryOfFindings: summaryOfFindings,
                      prisma: prisma, characteristics: characteristics,
                      file: context.directory.appendingPathComponent((context.file as NSString).lastPathComponent))
        review.figures = reviewFigures
        return review
    }

    /// A theme file named by the review is an input like its data: confined to the review's
    /// folder, read and checked now, so problems point at the `theme:` line.
    func checkTheme(_ theme: String, at place: SourceLocation) {
        guard ThemeLibrary.named(theme) == nil else { return }
        let looksLikeFile = theme.hasSuffix(".yaml") || theme.hasSuffix(".yml") || theme.contains("/")
        guard looksLikeFile || FileManager.default.fileExists(atPath: context.directory.appendingPathComponent(theme).path) else {
            sink.error(place, "there is no theme called '\(theme.truncatedForMessage)'",
                       hint: (Suggestion.nearest(to: theme, among: ThemeLibrary.names).map { "Did you mean '\($0)'? " } ?? "")
                           + "Built-in themes: \(ThemeLibrary.names.joined(separator: ", ")); or give the path of a theme file (.yaml).")
            return
        }
        guard let (url, shown) = context.resolve(theme, at: place) else { return }
        sink.recordRead(url)
        if case .failure(let error) = ThemeLibrary.resolve(url.path, shownAs: shown) {
            sink.add(error.diagnostics)
        }
    }

    func parseArms(_ value: YAMLValue, defaults: Arms) -> Arms? {
        guard let map = value.mapping("'arms'", allowed: ["experimental", "control"]) else { return nil }
        return Arms(experimental: map.string("experimental") ?? defaults.experimental,
                    control: map.string("control") ?? defaults.control)
    }

    // MARK: Analyses

    func analysis(_ value: YAMLValue, reviewArms: Arms) -> Analysis? {
        var idText: String?
        if case .mapping(let pairs) = value.node {
            idText = pairs.first { $0.key.scalar?.string == "id" }?.value.scalar?.string
        }
        let what = idText.map { "analysis '\($0.truncatedForMessage)'" } ?? "an analysis"
        guard let map = value.mapping(what, allowed: Self.analysisKeys) else { return nil }
        let errorsBefore = sink.items.filter { $0.severity == .error }.count

        let id = map.string("id", required: true)
        if let id, !Self.isValidID(id), let place = map["id"]?.location {
            sink.error(place, "the analysis id '\(id.truncatedForMessage)' may only contain letters, digits, '-', '_' and '.'",
                       hint: "Ids name files, e.g. 'pain-24h'.")
        }
        let title = map.string("title", required: true)
        let measure = map.required("measure").flatMap { parseMeasure($0) }
        // "MH-DL" is RevMan's "M-H, Random": DerSimonian–Laird τ² from Q around the MH estimate.
        let mantelHaenszelRandom = map["method"]?.scalarText.map { $0.trimmingCharacters(in: .whitespaces).uppercased() == "MH-DL" } ?? false
        let method = mantelHaenszelRandom ? .DL : map.optional("method").flatMap { parseMethod($0) } ?? .REML
        let hksj = map.bool("hksj") ?? false
        let logScale = map.bool("log_scale") ?? false

        if let measure {
            if !method.fits(measure), let place = map["method"]?.location {
                sink.error(place, "the method \(method.rawValue) cannot pool the measure \(measure.rawValue)",
                           hint: method == .PETO ? "Peto's method pools odds ratios only (measure: OR)."
                               : "Mantel–Haenszel pools RR, OR and RD; for \(measure.rawValue) use IV or a random-effects estimator such as REML.")
            }
            if mantelHaenszelRandom, !measure.isBinary, let place = map["method"]?.location {
                sink.error(place, "the method MH-DL (Mantel–Haenszel random effects) cannot pool the measure \(measure.rawValue)",
                           hint: "MH-DL pools RR, OR and RD; for \(measure.rawValue) use DL.")
            }
            if logScale, measure != .GEN, let place = map["log_scale"]?.location {
                sink.error(place, "'log_scale' applies only to measure GEN",
                           hint: "RR and OR are always analysed on the log scale; remove 'log_scale'.")
            }
        }
        if hksj, !method.isRandomEffects, let place = map["hksj"]?.location {
            sink.error(place, "'hksj' needs a random-effects method, not \(method.rawValue)",
                       hint: "Use method DL, REML, PM, SJ, HS, ML or EB with hksj, or remove 'hksj'.")
        }
        if hksj, mantelHaenszelRandom, let place = map["hksj"]?.location {
            sink.error(place, "'hksj' cannot be used with MH-DL", hint: "Use method DL with hksj, or remove 'hksj'.")
        }
        var includeDoubleZero = false
        if let value = map.optional("double_zero"), let text = value.string("'double_zero' in \(what)") {
            switch text.lowercased() {
            case "exclude": includeDoubleZero = false
            case "include": includeDoubleZero = true
            default: sink.error(value.location, "'double_zero' must be 'exclude' or 'include', not '\(text.truncatedForMessage)'")
            }
        }
        var compatibility = Compatibility.metafor
        if let value = map.optional("compatibility"), let text = value.string("'compatibility' in \(what)") {
            if let known = Compatibility(rawValue: text.lowercased()) {
                compatibility = known
            } else {
                sink.error(value.location, "'compatibility' must be 'metafor' or 'revman', not '\(text.truncatedForMessage)'",
                           hint: "'revman' reproduces Review Manager 5's numbers (see docs/revman.md).")
            }
        }
        let arms = map.optional("arms").flatMap { parseArms($0, defaults: reviewArms) } ?? reviewArms
        let favours = map.optional("favours").flatMap { parseFavours($0) }
        let figures = map.optional("figures").map { figureRequests($0) } ?? []
        sink.recordFigures(figures)
        let subgroup = map.string("subgroup"), moderator = map.string("moderator"), order = map.string("order")

        var content: AnalysisContent?
        var years: [String: Int] = [:]
        var dataColumns: [String] = []
        switch (map.optional("data"), map.optional("results")) {
        case (nil, nil):
            sink.error(map.location, "\(what) has neither 'data' nor 'results'",
                       hint: "Give 'data' (a CSV path or rows to pool) or 'results' (results computed elsewhere).")
        case (.some, .some):
            sink.error(map["results"]?.location ?? map.location, "\(what) has both 'data' and 'results'",
                       hint: "Use 'data' for study-level data to pool, or 'results' for results computed elsewhere, not both.")
        case (let data?, nil):
            if let measure, let table = table(data, what: "'data' of \(what)") {
                let read = StudyTable.read(table, measure: measure, logScale: logScale, subgroupColumn: subgroup,
                                           moderatorColumn: moderator, orderColumn: order)
                sink.add(read.diagnostics)
                content = .studies(read.studies)
                years = read.years
                dataColumns = table.columns.filter { !$0.isEmpty }
            }
        case (nil, let results?):
            if let measure { content = givenResults(results, measure: measure, logScale: logScale, what: what).map { .given($0) } }
            for key in ["moderator", "order"] where map[key] != nil {
                sink.warning(map[key]?.location ?? map.location, "'\(key)' is ignored for given results",
                             hint: "Meta-regression and cumulative analysis need study-level 'data'.")
            }
        }

        let errorsAfter = sink.items.filter { $0.severity == .error }.count
        guard errorsAfter == errorsBefore, let id, let title, let measure, let content else { return nil }
        var analysis = Analysis(id: id, title: title, outcome: map.string("outcome") ?? title, unit: map.string("unit"),
                        measure: measure, logScale: measure == .GEN ? logScale : measure.isRatio,
                        effectLabel: map.string("effect_label"), method: method, hksj: hksj,
                        includeDoubleZeroStudies: includeDoubleZero, subgroupColumn: subgroup,
                        moderatorColumn: moderator, orderColumn: order, arms: arms, favours: favours,
                        figures: figures, content: content, years: years, location: map.location)
        analysis.compatibility = compatibility
        analysis.dataColumns = dataColumns
        analysis.mantelHaenszelRandomEffects = mantelHaenszelRandom
        return analysis
    }

    /// The columns metareport reads (those of every measure, and of given results): a row using
    /// one of these where others use another (se instead of vi) is a different choice, not a
    /// misspelling; and only these are suggested as what a stray key meant.
    static let dataColumns = Set(EffectMeasure.allCases.flatMap { StudyTable.requiredColumns(for: $0).joined() })
        .union([DataColumns.study, DataColumns.year, "weight", "subgroup"])

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.count <= 100 else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        return CharacterSet.alphanumerics.contains(first) && first.isASCII
            && id.unicodeScalars.allSatisfy { allowed.contains($0) }
    }

    func parseMeasure(_ value: YAMLValue) -> EffectMeasure? {
        guard let text = value.string("'measure'") else { return nil }
        guard let measure = EffectMeasure(rawValue: text.uppercased()) else {
            sink.error(value.location, "unknown measure '\(text.truncatedForMessage)'",
                       hint: "Valid measures: RR (risk ratio), OR (odds ratio), RD (risk difference), MD (mean difference), SMD (standardised mean difference), GEN (generic inverse variance).")
            return nil
        }
        return measure
    }

    func parseMethod(_ value: YAMLValue) -> PoolingMethod? {
        guard let text = value.string("'method'") else { return nil }
        guard let method = PoolingMethod(parsing: text) else {
            sink.error(value.location, "unknown method '\(text.truncatedForMessage)'",
                       hint: "Valid methods: IV (alias FE, common-effect inverse variance), MH (Mantel–Haenszel), PETO, or a random-effects τ² estimator: DL, REML, PM, SJ, HS, ML, EB; or MH-DL (RevMan's Mantel–Haenszel random effects).")
            return nil
        }
        return method
    }

    func parseFavours(_ value: YAMLValue) -> Favours? {
        if case .sequence = value.node {
            let labels = value.strings("'favours'") ?? []
            guard labels.count == 2 else {
                sink.error(value.location, "'favours' needs two labels, left then right, not \(labels.count)",
                           hint: "For example: favours: [Favours ketamine, Favours placebo]")
                return nil
            }
            return Favours(left: labels[0], right: labels[1])
        }
        guard let map = value.mapping("'favours'", allowed: ["left", "right"]) else { return nil }
        guard let left = map.string("left", required: true), let right = map.string("right", required: true) else { return nil }
        return Favours(left: left, right: right)
    }

    func figureRequests(_ value: YAMLValue) -> [FigureRequest] {
        var requests: [FigureRequest] = []
        for item in value.sequence("'figures'") ?? [] {
            if item.scalarText != nil, let id = item.string("a figure") {
                requests.append(FigureRequest(id: id, location: item.location))
                continue
            }
            guard let map = item.mapping("a figure with options", allowed: []) else { continue }
            guard map.entries.count == 1, let entry = map.entries.first else {
                sink.error(item.location, "a figure with options is written as one key, the figure id, with its options under it",
                           hint: "For example:  - funnel: {contours: true}")
                continue
            }
            var options: [FigureOption] = []
            if !entry.value.isNull, let optionMap = entry.value.mapping("the options of figure '\(entry.key)'", allowed: []) {
                for option in optionMap.entries {
                    let value: OptionValue?
                    if case .sequence = option.value.node {
                        value = option.value.strings("option '\(option.key)'").map { .list($0) }
                    } else {
                        value = option.value.string("option '\(option.key)'").map { .text($0) }
                    }
                    if let value { options.append(FigureOption(name: option.key, value: value, location: option.keyLocation)) }
                }
            }
            requests.append(FigureRequest(id: entry.key, options: options, location: entry.keyLocation))
        }
        return requests
    }

    // MARK: Tables

    /// A CSV path or inline rows (a list of mappings) as a data table.
    func table(_ value: YAMLValue, what: String, canonicalHeaders: Bool = true) -> DataTable? {
        if value.scalarText != nil {
            guard let path = value.string(what) else { return nil }
            return context.table(path, at: value.location, canonicalHeaders: canonicalHeaders)
        }
        guard let items = value.sequence(what) else { return nil }
        var columns: [String] = []
        var rows: [DataTable.Row] = []
        for item in items {
            guard let map = item.mapping("a row of \(what)", allowed: []) else { continue }
            var cells: [String: DataTable.Cell] = [:]
            for entry in map.entries {
                let name = canonicalHeaders ? DataColumns.canonical(entry.key) : entry.key
                guard let text = entry.value.isNull ? "" : entry.value.string("'\(entry.key)'") else { continue }
                if !columns.contains(name) { columns.append(name) }
                var place = entry.value.location
                place.columnName = entry.key
                cells[name] = DataTable.Cell(text: text, location: place)
            }
            rows.append(DataTable.Row(cells: cells, location: map.location))
        }
        if rows.isEmpty {
            sink.error(value.location, "\(what) has no rows", hint: "Give at least one row, or a CSV path.")
            return nil
        }
        // A key only one row has, close to a column that row lacks, is most likely a misspelling of it.
        let written = rows.map { Set($0.cells.keys) }
        for index in rows.indices {
            let missing = columns.filter { !written[index].contains($0) && Self.dataColumns.contains($0) }
            for key in written[index].sorted() where !Self.dataColumns.contains(key)
                && !written.indices.contains(where: { $0 != index && written[$0].contains(key) }) {
                if let meant = Suggestion.nearest(to: key, among: missing), let cell = rows[index].cells[key] {
                    sink.error(cell.location, "this row has '\(key)' where the other rows have '\(meant)'",
                               hint: "Did you mean '\(meant)'? Every row needs the same columns.")
                }
            }
        }
        // Missing keys in a row read as empty cells at the row's place, named, so a message can say which.
        for index in rows.indices {
            for column in columns where rows[index].cells[column] == nil {
                var place = rows[index].location
                place.columnName = column
                rows[index].cells[column] = DataTable.Cell(text: "", location: place)
            }
        }
        return DataTable(file: context.file, columns: columns, rows: rows, inlinePlace: value.location)
    }
}
