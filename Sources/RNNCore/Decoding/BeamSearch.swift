extension StepDecoding {
    /// Beam search: keeps the `width` most probable partial outputs at every step instead of
    /// only the best one, so a token that looks worse now can win later.
    ///
    /// Hypotheses are expanded by every vocabulary token; the best `width` continuations survive
    /// (within one step all have the same length, so they rank by log-probability). One that
    /// produces the end token is set aside as finished. The search stops when no live
    /// hypothesis can still reach the top `width` under `lengthPenalty`, or at `maxLength`, when
    /// the survivors join the results as unfinished. Results are ranked by `lengthPenalty`,
    /// best first, at most `width`.
    ///
    /// The decoder's state for hypothesis i lives in save slot i or width + i, alternating
    /// between the two halves from one step to the next.
    /// - Throws: `InputError` for a width below 1 or bad options.
    public static func beamSearch<D: StepDecoder>(_ decoder: D, source: [Int32], width: Int,
                                                  lengthPenalty: LengthPenalty = .none,
                                                  options: DecodingOptions) throws -> [Hypothesis] {
        let V = decoder.vocabularySize
        guard width >= 1, width <= 4096 else {
            throw InputError(place: "decoding.beamWidth", "must be between 1 and 4096, got \(width)")
        }
        try options.validate(vocabularySize: V)
        try decoder.start(source: source)
        decoder.reserveStates(2 * width)
        decoder.saveState(to: 0)

        var beams = [Beam(hypothesis: Hypothesis(tokens: [], finished: false, logProbability: 0),
                          slot: 0, last: options.startToken)]
        var finished: [Hypothesis] = []
        var logProbs = [Double](repeating: 0, count: V)
        var candidates: [Candidate] = []
        candidates.reserveCapacity(width * V)
        var half = 1   // which half of the slots receives the states after this step

        for _ in 0..<options.maxLength {
            candidates.removeAll(keepingCapacity: true)
            for (i, beam) in beams.enumerated() {
                decoder.restoreState(from: beam.slot)
                let logits = decoder.step(token: beam.last)
                decoder.saveState(to: half * width + i)
                logProbs.withUnsafeMutableBufferPointer { logSoftmax(logits, count: V, into: $0.baseAddress!) }
                for v in 0..<V {
                    candidates.append(Candidate(parent: i, token: Int32(v),
                                                logProbability: beam.hypothesis.logProbability + logProbs[v]))
                }
            }
            // Best first; ties by parent then token, so results do not depend on sort stability.
            candidates.sort {
                $0.logProbability != $1.logProbability ? $0.logProbability > $1.logProbability
                    : ($0.parent, $0.token) < ($1.parent, $1.token)
            }
            var next: [Beam] = []
            for c in candidates where next.count < width {
                guard c.logProbability > -Double.infinity else { break }
                var h = beams[c.parent].hypothesis
                h.logProbability = c.logProbability
                if c.token == options.endToken {
                    h.finished = true
                    finished.append(h)
                } else {
                    h.tokens.append(c.token)
                    next.append(Beam(hypothesis: h, slot: half * width + c.parent, last: c.token))
                }
            }
            beams = next
            half = 1 - half
            if canStop(finished: finished, alive: beams, width: width, lengthPenalty, maxLength: options.maxLength) {
                beams = []   // none of them could make the top `width`
                break
            }
        }

        let all = finished + beams.map(\.hypothesis)
        let ranked = all.enumerated().sorted {
            let a = lengthPenalty.score($0.element), b = lengthPenalty.score($1.element)
            return a != b ? a > b : $0.offset < $1.offset
        }
        return ranked.prefix(width).map(\.element)
    }

    /// True when no live hypothesis can still reach the top `width`. A live hypothesis only
    /// loses log-probability as it grows (it is ≤ 0), so its best final score is its
    /// log-probability now over the largest length divisor it could still reach; every
    /// divisor here is monotonic in length, so that is the one at the next step or at
    /// `maxLength`. Stopping when that bound cannot beat the width-th finished score makes the
    /// result exact for the beam, with no stopping heuristic.
    private static func canStop(finished: [Hypothesis], alive: [Beam], width: Int,
                                _ penalty: LengthPenalty, maxLength: Int) -> Bool {
        guard let best = alive.max(by: { $0.hypothesis.logProbability < $1.hypothesis.logProbability }) else { return true }
        guard finished.count >= width else { return false }
        let kth = finished.map { penalty.score($0) }.sorted(by: >)[width - 1]
        let next = best.hypothesis.length + 1
        let divisor = max(penalty.divisor(length: next), penalty.divisor(length: maxLength))
        return best.hypothesis.logProbability / divisor <= kth
    }
}

/// A live hypothesis, the save slot holding its decoder state, and the token to feed next.
private struct Beam { var hypothesis: Hypothesis; var slot: Int; var last: Int32 }

/// One possible continuation: hypothesis `parent` extended by `token`.
private struct Candidate { var parent: Int; var token: Int32; var logProbability: Double }
