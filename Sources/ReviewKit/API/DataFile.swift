import Foundation
import MetaAnalysis

/// Study data read straight from a CSV file, for the command line's quick path
/// (`metareport analyze DATA.csv --measure RR`) — the same reading and checks as a review file.
public enum DataFile {
    /// The settings of a quick-path analysis.
    public struct Settings: Sendable {
        /// The effect measure (`--measure`).
        public var measure: EffectMeasure
        /// The pooling method (`--method`).
        public var method: PoolingMethod
        /// Hartung–Knapp–Sidik–Jonkman confidence intervals (`--hksj`).
        public var hksj = false
        /// For `GEN`: the effect is a ratio analysed on the log scale (`--log-scale`).
        public var logScale = false
        /// Pool studies with no events in either arm, as metafor (`--double-zero include`).
        public var includeDoubleZeroStudies = false
        /// The column to pool subgroups by (`--subgroup`).
        public var subgroupColumn: String?
        /// The numeric column for meta-regression (`--moderator`).
        public var moderatorColumn: String?
        /// The column ordering the cumulative meta-analysis (`--order`).
        public var orderColumn: String?
        /// The labels of the two arms (`--arms`).
        public var arms = Arms()
        /// The labels under the axis (`--favours`).
        public var favours: Favours?
        /// The analysis title (default: the file's name).
        public var title: String?
        /// Tell apart studies that share a label by numbering the repeats ("Smith 1972 (2)"), with
        /// a warning, instead of refusing the file. Public datasets do repeat labels (two
        /// experiments in one paper); a review file must still name its studies uniquely, because
        /// risk-of-bias judgements and study characteristics are matched by label.
        public var numberRepeatedLabels = false

        /// Settings for `measure` pooled with `method`; everything else off or automatic.
        public init(measure: EffectMeasure, method: PoolingMethod) {
            self.measure = measure
            self.method = method
        }
    }

    /// Reads `url` (shown in messages as `shown`) as an analysis with `settings`; warnings are dropped.
    public static func analysis(_ url: URL, shownAs shown: String, settings: Settings) -> Result<Analysis, InputError> {
        let read = read(url, shownAs: shown, settings: settings)
        guard let analysis = read.analysis else { return .failure(InputError(read.diagnostics)) }
        return .success(analysis)
    }

    /// Reads `url` (shown in messages as `shown`) as an analysis with `settings`: the analysis
    /// unless there are errors, and every diagnostic (warnings included).
    public static func read(_ url: URL, shownAs shown: String, settings: Settings) -> (analysis: Analysis?, diagnostics: [Diagnostic]) {
        switch load(url, shownAs: shown, settings: settings) {
        case .success(let loaded): return loaded
        case .failure(let error): return (nil, error.diagnostics)
        }
    }

    private static func load(_ url: URL, shownAs shown: String, settings: Settings) -> Result<(analysis: Analysis?, diagnostics: [Diagnostic]), InputError> {
        let place = SourceLocation(file: shown)
        if !settings.method.fits(settings.measure) {
            return .failure(InputError(.error(place, "the method \(settings.method.rawValue) cannot pool the measure \(settings.measure.rawValue)",
                                              hint: "Mantel–Haenszel pools RR, OR and RD; Peto pools OR.")))
        }
        if settings.hksj, !settings.method.isRandomEffects {
            return .failure(InputError(.error(place, "--hksj needs a random-effects method, not \(settings.method.rawValue)")))
        }
        var table: DataTable
        switch FileInput.readData(url, shownAs: shown, limit: ReviewLoader.maximumDataFileSize, kind: "data file") {
        case .failure(let error): return .failure(error)
        case .success(let data):
            do { table = try CSVReader.read(data, file: shown) } catch { return .failure(error) }
        }
        let renumbered = settings.numberRepeatedLabels ? numberRepeatedLabels(in: &table) : []
        let read = StudyTable.read(table, measure: settings.measure, logScale: settings.logScale,
                                   subgroupColumn: settings.subgroupColumn, moderatorColumn: settings.moderatorColumn,
                                   orderColumn: settings.orderColumn)
        let diagnostics = renumbered + read.diagnostics
        if diagnostics.hasErrors { return .success((nil, diagnostics)) }
        let name = settings.title ?? url.deletingPathExtension().lastPathComponent
        let id = String(name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) && $0.isASCII ? Character($0) : "-" })
        var analysis = Analysis(
            id: id.isEmpty ? "analysis" : id, title: name, outcome: name, unit: nil, measure: settings.measure,
            logScale: settings.measure == .GEN ? settings.logScale : settings.measure.isRatio, effectLabel: nil,
            method: settings.method, hksj: settings.hksj, includeDoubleZeroStudies: settings.includeDoubleZeroStudies,
            subgroupColumn: settings.subgroupColumn, moderatorColumn: settings.moderatorColumn,
            orderColumn: settings.orderColumn, arms: settings.arms, favours: settings.favours, figures: [],
            content: .studies(read.studies), years: read.years, location: place)
        analysis.dataColumns = table.columns.filter { !$0.isEmpty }
        return .success((analysis, diagnostics))
    }

    /// Renames the second and later rows of a repeated study label to "label (2)", "label (3)"…
    /// (skipping names already taken), with a warning at each.
    static func numberRepeatedLabels(in table: inout DataTable) -> [Diagnostic] {
        var taken = Set(table.rows.compactMap { $0[DataColumns.study]?.text.trimmingCharacters(in: .whitespaces) })
        var seen: Set<String> = []
        var warnings: [Diagnostic] = []
        for index in table.rows.indices {
            guard var cell = table.rows[index][DataColumns.study] else { continue }
            let label = cell.text.trimmingCharacters(in: .whitespaces)
            guard !label.isEmpty else { continue }
            guard seen.contains(label) else { seen.insert(label); continue }
            var number = 2
            while taken.contains("\(label) (\(number))") { number += 1 }
            let renamed = "\(label) (\(number))"
            taken.insert(renamed)
            warnings.append(.warning(cell.location, "the study label '\(label.truncatedForMessage)' is used more than once; this row is shown as '\(renamed.truncatedForMessage)'",
                                     hint: "Give each study its own label (add 'a' and 'b', or the year) to choose the names yourself; a review file requires unique labels."))
            cell.text = renamed
            table.rows[index].cells[DataColumns.study] = cell
        }
        return warnings
    }
}
