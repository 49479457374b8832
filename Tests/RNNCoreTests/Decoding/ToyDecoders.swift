import Foundation
@testable import RNNCore

/// A first-order Markov chain over tokens, given as a table of next-token probabilities:
/// row = previous token, column = next token. Its logits are log-probabilities.
final class MarkovDecoder: StepDecoder {
    typealias Scalar = Double
    let table: [[Double]]
    private var last: Int32 = 0
    private var saved: [Int32] = []
    private let logits: UnsafeMutablePointer<Double>

    init(_ table: [[Double]]) {
        self.table = table
        logits = .allocate(capacity: table.count)
    }
    deinit { logits.deallocate() }

    var vocabularySize: Int { table.count }
    func start(source: [Int32]) throws { last = -1 }
    func step(token: Int32) -> UnsafePointer<Double> {
        last = token
        for v in 0..<table.count { logits[v] = log(table[Int(token)][v]) }
        return UnsafePointer(logits)
    }
    func reserveStates(_ count: Int) { if saved.count < count { saved += Array(repeating: -1, count: count - saved.count) } }
    func saveState(to slot: Int) { saved[slot] = last }
    func restoreState(from slot: Int) { last = saved[slot] }

    /// Exact log-probability of producing `tokens` (then the end token, if given) from `start`.
    func logProbability(_ tokens: [Int32], start: Int32, end: Int32?) -> Double {
        var previous = start, total = 0.0
        for t in tokens + (end.map { [$0] } ?? []) {
            total += log(table[Int(previous)][Int(t)])
            previous = t
        }
        return total
    }
}

/// A decoder whose logits depend on the whole prefix, through a running hash that is its state,
/// so a beam search that restored the wrong state would score the wrong continuations.
final class PrefixHashDecoder: StepDecoder {
    typealias Scalar = Float
    let vocabularySize: Int
    private var state: UInt64 = 0
    private var saved: [UInt64] = []
    private let logits: UnsafeMutablePointer<Float>

    init(vocabularySize: Int) {
        self.vocabularySize = vocabularySize
        logits = .allocate(capacity: vocabularySize)
    }
    deinit { logits.deallocate() }

    func start(source: [Int32]) throws {
        state = 0x5EED
        for s in source { state = mix(state, s) }
    }
    func step(token: Int32) -> UnsafePointer<Float> {
        state = mix(state, token)
        var rng = SeededRandom(seed: state)
        for v in 0..<vocabularySize { logits[v] = Float(2 * rng.normal()) }
        return UnsafePointer(logits)
    }
    func reserveStates(_ count: Int) { if saved.count < count { saved += Array(repeating: 0, count: count - saved.count) } }
    func saveState(to slot: Int) { saved[slot] = state }
    func restoreState(from slot: Int) { state = saved[slot] }

    private func mix(_ h: UInt64, _ t: Int32) -> UInt64 { (h ^ UInt64(UInt32(bitPattern: t))) &* 0x100_0000_01B3 &+ 0x9E37 }

    /// Every output of at most `maxLength` steps (finished ones, and unfinished ones of exactly
    /// `maxLength` tokens), scored by brute force.
    func allOutputs(source: [Int32], options: DecodingOptions) throws -> [Hypothesis] {
        var out: [Hypothesis] = []
        func grow(_ h: Hypothesis, feeding token: Int32, from snapshot: UInt64) {
            state = snapshot
            let probs = UnsafeMutablePointer<Double>.allocate(capacity: vocabularySize)
            defer { probs.deallocate() }
            logSoftmax(step(token: token), count: vocabularySize, into: probs)
            let after = state
            for v in 0..<vocabularySize {
                var next = h
                next.logProbability += probs[v]
                if Int32(v) == options.endToken {
                    next.finished = true
                    out.append(next)
                } else {
                    next.tokens.append(Int32(v))
                    if next.length == options.maxLength { out.append(next) } else { grow(next, feeding: Int32(v), from: after) }
                }
            }
        }
        try start(source: source)
        grow(Hypothesis(tokens: [], finished: false, logProbability: 0), feeding: options.startToken, from: state)
        return out
    }
}
