/// Leave-one-out and cumulative meta-analysis (metafor leave1out and cumul): the analysis
/// repeated on subsets of the studies with the same method and settings.
struct SensitivityAnalysis {
    let pooler: Pooler
    let labels: [String]

    func leaveOneOut(_ effects: [StudyEffect], notes: inout [String]) -> [LeaveOneOutRow] {
        var rows: [LeaveOneOutRow] = []
        for (position, omitted) in effects.enumerated() {
            var rest = effects
            rest.remove(at: position)
            do {
                let fit = try pooler.pool(rest)
                rows.append(LeaveOneOutRow(omitted: labels[omitted.index],
                                           pooled: PooledEstimate(fit, method: pooler.settings.method),
                                           heterogeneity: Heterogeneity(fit)))
            } catch {
                notes.append("Leave-one-out without \"\(labels[omitted.index])\" was not computed: \(error)")
            }
        }
        return rows
    }

    /// - Parameter orderValues: each study's order value (by input index); studies without one go
    ///   last, and ties keep the input order.
    func cumulative(_ effects: [StudyEffect], orderValues: [Double?], notes: inout [String]) -> [CumulativeRow] {
        let sorted = effects.enumerated().sorted { lhs, rhs in
            let l = orderValues[lhs.element.index], r = orderValues[rhs.element.index]
            switch (l, r) {
            case let (l?, r?): return l != r ? l < r : lhs.offset < rhs.offset
            case (.some, .none): return true
            case (.none, .some): return false
            case (.none, .none): return lhs.offset < rhs.offset
            }
        }.map(\.element)
        var rows: [CumulativeRow] = []
        for count in 1...sorted.count {
            let added = sorted[count - 1]
            do {
                let fit = try pooler.pool(Array(sorted[0..<count]))
                rows.append(CumulativeRow(added: labels[added.index], order: orderValues[added.index],
                                          pooled: PooledEstimate(fit, method: pooler.settings.method),
                                          heterogeneity: Heterogeneity(fit)))
            } catch {
                notes.append("The cumulative step adding \"\(labels[added.index])\" was not computed: \(error)")
            }
        }
        return rows
    }
}
