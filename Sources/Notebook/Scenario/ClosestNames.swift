/// "Did you mean…?" suggestions by edit distance, shared by unknown parameters, panes, keys,
/// actions and scenario ids so every typo gets the same kind of help.
public enum ClosestNames {
    /// Levenshtein distance between two strings, by Unicode scalar, case-insensitive.
    public static func distance(_ a: String, _ b: String) -> Int {
        let s = Array(a.lowercased().unicodeScalars), t = Array(b.lowercased().unicodeScalars)
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var previous = Array(0...t.count)
        var current = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            current[0] = i
            for j in 1...t.count {
                let substitution = previous[j - 1] + (s[i - 1] == t[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[t.count]
    }

    /// Up to `limit` candidates nearest to `name`, nearest first. A candidate that contains the
    /// query (or is contained in it) ranks as if it were one edit away, so "vanish" finds
    /// "vanishing-gradients" although the raw distance is large. Ties go to the smaller raw
    /// distance, then to the candidates' order.
    public static func nearest(to name: String, in candidates: [String], limit: Int = 5) -> [String] {
        let query = name.lowercased()
        let scored = candidates.enumerated().map { index, candidate -> (Int, Int, Int, String) in
            let lower = candidate.lowercased()
            let d = distance(query, lower)
            let contained = !query.isEmpty && (lower.contains(query) || query.contains(lower))
            return (contained ? min(d, 1) : d, d, index, candidate)
        }
        return scored.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.prefix(max(0, limit)).map(\.3)
    }

    /// The single best guess, but only when it is plausibly a typo: within a third of the
    /// name's length (at least 2 edits), or a containment match.
    public static func suggestion(for name: String, in candidates: [String]) -> String? {
        guard let best = nearest(to: name, in: candidates, limit: 1).first else { return nil }
        let lowerName = name.lowercased(), lowerBest = best.lowercased()
        if !lowerName.isEmpty, lowerBest.contains(lowerName) || lowerName.contains(lowerBest) { return best }
        return distance(lowerName, lowerBest) <= max(2, name.count / 3) ? best : nil
    }

    /// `; did you mean X?` or the empty string, for the end of an error message.
    public static func hint(for name: String, in candidates: [String]) -> String {
        suggestion(for: name, in: candidates).map { "; did you mean \($0)?" } ?? ""
    }
}
