import ReviewKit

/// What the risk-of-bias figures (traffic light, summary) need from their input, checked once
/// for both.
enum RiskOfBiasInput {
    /// Why the review cannot give a risk-of-bias figure, or nil when it can.
    static func unsuitability(_ input: FigureInput) -> String? {
        guard let assessment = input.review.riskOfBias else {
            return "the review has no risk-of-bias judgements (add 'risk_of_bias' to the review file)"
        }
        return assessment.studies.isEmpty ? "the risk-of-bias assessment has no studies" : nil
    }

    /// The assessment to draw, or an error naming the figure `id`.
    static func assessment(_ input: FigureInput, figure id: String) throws -> RiskOfBiasAssessment {
        if let reason = unsuitability(input) { throw FigureError("cannot draw \(id): \(reason)") }
        guard let assessment = input.review.riskOfBias else { throw FigureError("the review has no risk-of-bias judgements") }
        return assessment
    }
}
