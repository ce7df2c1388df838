extension KeyedEncodingContainer {
    /// Encodes a number, leaving the key out when it is nil and writing null (never NaN or ±∞)
    /// when it is not finite.
    mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
        guard let value else { return }
        if value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    /// Encodes an array of numbers, with null in place of any non-finite element.
    mutating func encodeNumbers(_ values: [Double], forKey key: Key) throws {
        try encode(values.map { $0.isFinite ? $0 : nil }, forKey: key)
    }
}
