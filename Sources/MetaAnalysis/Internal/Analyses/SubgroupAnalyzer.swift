/// Subgroup analysis as RevMan and the reference do it: each subgroup pooled alone with the same
/// method (a subgroup of one study is that study), then a common-effect Q test across the
/// subgroup estimates.
struct SubgroupAnalyzer {
    let pooler: Pooler
    let predictor: PredictionCalculator

    /// - Parameter subgroupOf: each study's subgroup by input index.
    func run(_ effects: [StudyEffect], subgroupOf: [String?], allIndices: [Int], column: String?,
             notes: inout [String]) -> SubgroupAnalysis {
        // Subgroups in order of first appearance among all studies, estimable or not.
        var names: [String] = []
        for index in allIndices {
            if let name = subgroupOf[index], !names.contains(name) { names.append(name) }
        }
        let unassigned = allIndices.filter { subgroupOf[$0] == nil }.count
        if unassigned > 0 {
            notes.append("\(unassigned) stud\(unassigned == 1 ? "y has" : "ies have") no subgroup and \(unassigned == 1 ? "is" : "are") left out of the subgroup analysis.")
        }
        var groups: [SubgroupResult] = []
        var notEstimable: [String] = []
        for name in names {
            let members = effects.filter { subgroupOf[$0.index] == name }
            if members.isEmpty { notEstimable.append(name); continue }
            do {
                let fit = members.count == 1 ? try pooler.single(members[0]) : try pooler.pool(members)
                groups.append(SubgroupResult(subgroup: name, pooled: PooledEstimate(fit, method: pooler.settings.method),
                                             heterogeneity: Heterogeneity(fit), prediction: predictor.interval(for: fit)))
            } catch {
                notes.append("Subgroup \"\(name)\" could not be pooled: \(error)")
            }
        }
        var test: SubgroupDifferenceTest?
        if groups.count >= 2 {
            let estimates = groups.map(\.pooled.yi)
            let variances = groups.map { $0.pooled.se * $0.pooled.se }
            let w = variances.map { 1 / $0 }
            let mean = zip(w, estimates).reduce(0) { $0 + $1.0 * $1.1 } / w.reduce(0, +)
            let Q = max(0, zip(w, estimates).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) })
            let df = groups.count - 1
            test = SubgroupDifferenceTest(Q: Q, df: df, p: ChiSquared.survival(Q, df: Double(df)),
                                          I2: Q > 0 ? max(0, 100 * (Q - Double(df)) / Q) : 0)
        }
        return SubgroupAnalysis(column: column, groups: groups, notEstimableGroups: notEstimable,
                                testForSubgroupDifferences: test)
    }
}
