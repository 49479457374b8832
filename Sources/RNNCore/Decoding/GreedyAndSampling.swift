/// Decoding one token at a time: the most likely token (greedy), or a token drawn from the
/// softmax at a temperature (sampling).
public enum StepDecoding {
    /// Feeds back the most likely token at each step until the end token or `maxLength`.
    /// Ties go to the lowest token id.
    public static func greedy<D: StepDecoder>(_ decoder: D, source: [Int32], options: DecodingOptions) throws -> Hypothesis {
        try run(decoder, source: source, options: options) { logProbs, V in
            var best = 0
            for v in 1..<V where logProbs[v] > logProbs[best] { best = v }
            return best
        }
    }

    /// Draws each token from softmax(logits / temperature) with a seeded generator, so a run
    /// repeats exactly. Low temperatures sharpen the distribution towards greedy decoding
    /// (temperature 0 is greedy); high ones flatten it towards uniform.
    /// - Throws: `InputError` for a negative or non-finite temperature.
    public static func sample<D: StepDecoder>(_ decoder: D, source: [Int32], temperature: Double,
                                              rng: inout SeededRandom, options: DecodingOptions) throws -> Hypothesis {
        guard temperature.isFinite, temperature >= 0 else {
            throw InputError(place: "decoding.temperature", "must be a finite number ≥ 0, got \(temperature)")
        }
        if temperature == 0 { return try greedy(decoder, source: source, options: options) }
        var generator = rng
        defer { rng = generator }
        return try run(decoder, source: source, options: options) { logProbs, V in
            // p_v ∝ exp(log p_v / T); subtract the max before exponentiating.
            var top = -Double.infinity
            for v in 0..<V { top = max(top, logProbs[v] / temperature) }
            var total = 0.0
            for v in 0..<V { total += Double.exp(logProbs[v] / temperature - top) }
            var u = generator.uniform() * total
            var lastWithWeight = 0
            for v in 0..<V {
                let w = Double.exp(logProbs[v] / temperature - top)
                if w > 0 { lastWithWeight = v }
                u -= w
                if u < 0 && w > 0 { return v }
            }
            return lastWithWeight   // rounding left u ≥ 0 after the last term
        }
    }

    /// The loop shared by greedy decoding and sampling; `choose` picks a token from the
    /// log-probabilities of the model (temperature 1).
    private static func run<D: StepDecoder>(_ decoder: D, source: [Int32], options: DecodingOptions,
                                            choose: (UnsafePointer<Double>, Int) -> Int) throws -> Hypothesis {
        let V = decoder.vocabularySize
        try options.validate(vocabularySize: V)
        try decoder.start(source: source)
        let logProbs = UnsafeMutablePointer<Double>.allocate(capacity: V)
        defer { logProbs.deallocate() }
        var result = Hypothesis(tokens: [], finished: false, logProbability: 0)
        var token = options.startToken
        while result.length < options.maxLength {
            logSoftmax(decoder.step(token: token), count: V, into: logProbs)
            let next = choose(logProbs, V)
            result.logProbability += logProbs[next]
            token = Int32(next)
            if token == options.endToken { result.finished = true; break }
            result.tokens.append(token)
        }
        return result
    }
}
