/// Participants (and, for binary outcomes, events) per arm, summed over all studies of the
/// analysis, including those not estimable (as RevMan's totals).
public struct Totals: Sendable, Encodable {
    /// Participants in the experimental arms.
    public var experimentalParticipants: Double
    /// Participants in the control arms.
    public var controlParticipants: Double
    /// Events in the experimental arms (binary data only).
    public var experimentalEvents: Double?
    /// Events in the control arms (binary data only).
    public var controlEvents: Double?

    enum CodingKeys: String, CodingKey { case exp_total, ctrl_total, exp_events, ctrl_events }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNumber(experimentalParticipants, forKey: .exp_total)
        try c.encodeNumber(controlParticipants, forKey: .ctrl_total)
        try c.encodeNumber(experimentalEvents, forKey: .exp_events)
        try c.encodeNumber(controlEvents, forKey: .ctrl_events)
    }
}
