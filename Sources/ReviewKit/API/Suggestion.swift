import Foundation

/// "Did you mean …?" for names users mistype (keys, options, columns).
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance, if it is near enough to be a typo.
    public static func nearest(to word: String, among candidates: [String]) -> String? {
        let ranked = candidates.map { ($0, editDistance(word.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
        guard let (best, distance) = ranked, distance <= max(2, best.count / 3) else { return nil }
        return best
    }
}
