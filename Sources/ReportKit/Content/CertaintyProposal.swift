import Foundation
import ReviewKit

/// A GRADE certainty proposed from the data, with its reasons, for outcomes whose certainty the
/// authors did not give. Starts at high (randomized evidence) and rates down by rules of thumb
/// (GRADE handbook; Guyatt et al., J Clin Epidemiol 2011): it is marked as a proposal, never as
/// the authors' judgement.
public struct CertaintyProposal: Sendable {
    /// The proposed certainty: high, rated down one level per reason.
    public var certainty: Certainty
    /// One reason per level rated down.
    public var reasons: [String]

    /// Proposes a certainty from an outcome's numbers.
    ///
    /// - Parameters:
    ///   - I2: heterogeneity in percent.
    ///   - crossesNoEffect: whether the CI includes no effect.
    ///   - participants: the total sample.
    ///   - events: the total events, for binary outcomes.
    ///   - highRiskShare: the share of studies (0…1) at high overall risk of bias, if assessed.
    ///   - eggerP: Egger's test p-value.
    ///   - k: the number of studies.
    public init(I2: Double?, crossesNoEffect: Bool, participants: Double?, events: Double?,
                highRiskShare: Double?, eggerP: Double?, k: Int?) {
        var levels = 0
        var reasons: [String] = []
        if let highRiskShare, highRiskShare > 0.5 {
            levels += 1
            reasons.append("Risk of bias: most studies are at high risk of bias.")
        }
        if let I2, I2 >= 50, (k ?? 2) > 1 {
            levels += 1
            reasons.append("Inconsistency: substantial heterogeneity (I² = \(Int(I2.rounded()))%).")
        }
        var imprecision = 0
        if crossesNoEffect {
            imprecision += 1
            reasons.append("Imprecision: the confidence interval includes no effect.")
        }
        if let events, events < 300 {
            imprecision += 1
            reasons.append("Imprecision: fewer than 300 events (optimal information size not met).")
        } else if events == nil, let participants, participants < 400 {
            imprecision += 1
            reasons.append("Imprecision: fewer than 400 participants (optimal information size not met).")
        }
        levels += min(imprecision, 2)
        if let eggerP, let k, k >= 10, eggerP < 0.10 {
            levels += 1
            reasons.append("Publication bias: funnel-plot asymmetry (Egger's test P < 0.10).")
        }
        certainty = Certainty(rawValue: max(1, 4 - levels)) ?? .veryLow
        self.reasons = reasons
    }
}
