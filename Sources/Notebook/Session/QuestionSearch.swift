/// Fuzzy search over the question bank for `/` and `rnnbook ask`.
///
/// Scores each question by the query words it contains: in the question's words and in its id
/// (ids name the topic tersely, so they break ties between questions that merely mention a
/// word), then in tags, then in the answer, with a subsequence match as the weakest evidence.
/// "vanish grad" finds the vanishing-gradient answer first.
public enum QuestionSearch {
    public static func rank(_ query: String, in questions: [Question], limit: Int = 50) -> [Question] {
        let words = query.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return Array(questions.sorted { $0.id < $1.id }.prefix(limit)) }
        var scored: [(Int, Question)] = []
        for q in questions {
            let title = q.question.lowercased(), tags = q.tags.joined(separator: " ").lowercased()
            let answer = q.answer.lowercased(), id = q.id.lowercased()
            var score = 0
            for w in words {
                if id.contains(w) { score += 8 }
                if title.contains(w) { score += 10 }
                else if tags.contains(w) { score += 6 }
                else if answer.contains(w) { score += 2 }
                else if isSubsequence(w, of: title) { score += 1 }
                else { score -= 3 }
            }
            if score > 0 { scored.append((score, q)) }
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1.id < $1.1.id }.prefix(limit).map(\.1)
    }

    static func isSubsequence(_ needle: String, of haystack: String) -> Bool {
        var it = needle.makeIterator()
        var next = it.next()
        for c in haystack where c == next { next = it.next(); if next == nil { return true } }
        return next == nil
    }
}
