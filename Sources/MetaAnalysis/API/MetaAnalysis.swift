/// The statistics engine: per-study effects, pooling, heterogeneity, prediction, subgroups,
/// small-study effects, sensitivity analyses and meta-regression, agreeing with R's metafor 3.8-1.
public enum MetaAnalysis {
    /// Analyses the studies.
    ///
    /// - Parameters:
    ///   - studies: the studies, in the order they should be listed.
    ///   - settings: measure, method and options.
    ///   - request: which analyses to run besides the pooled estimate (each runs only where it applies).
    /// - Throws: `MetaAnalysisError` with a message naming the study and the problem.
    public static func analyze(_ studies: [Study], settings: AnalysisSettings,
                               request: AnalysisRequest = .all) throws -> AnalysisResult {
        try AnalysisEngine(settings: settings, request: request).run(studies)
    }
}
