import RealModule

/// "Play back waveform k": a cue at step 0, then a slow waveform to generate from memory.
///
/// Reference: the sequence-generation experiment of Koutník, Greff, Gomez & Schmidhuber, "A
/// Clockwork RNN" (2014), where a network with no input but time had to produce a long signal;
/// here a one-hot cue at step 0 picks one of `patterns` fixed signals, so one model learns
/// several and the held-out batch still tests something.
///
/// Pattern k is y_k(t) = Σ_j a_kj sin(2π t / P_j + φ_kj) over the periods P_j = T, T/2, T/4
/// (at least 2 steps), so the signal changes slowly over the whole sequence. Amplitudes and
/// phases are fixed for the task (drawn once from a constant seed) and scaled so |y| ≤ 0.9. Input:
/// `patterns` features, the cue one-hot at step 0 and zero after. Target: y_k(t) at every step.
///
/// Why it is hard: after step 0 nothing comes in, so the network must keep time itself for T
/// steps and turn its own state into the waveform; the gradient that shapes the late steps has
/// to travel back to the cue. A network whose state can hold still between ticks (clockwork's
/// slow modules) has a much shorter path to travel.
public struct Waveforms: SequenceTask {
    public let length: Int
    public let patterns: Int
    /// [patterns][T] the signals.
    public let signals: [[Double]]

    public init(length: Int = 64, patterns: Int = 4) throws {
        try TaskCheck.length(length, minimum: 2, name: "length")
        try TaskCheck.count(patterns, in: 1...64, name: "patterns")
        self.length = length
        self.patterns = patterns
        var rng = SeededRandom(seed: 0x5EED_CAFE)
        let periods = [length, length / 2, length / 4].map { Double(Swift.max($0, 2)) }
        signals = (0..<patterns).map { _ in
            let amplitudes = periods.map { _ in rng.uniform(0.3, 1) }
            let phases = periods.map { _ in rng.uniform(0, 2 * Double.pi) }
            let raw = (0..<length).map { t in
                periods.indices.reduce(0.0) { s, j in
                    s + amplitudes[j] * Double.sin(2 * Double.pi * Double(t) / periods[j] + phases[j])
                }
            }
            let peak = raw.map(abs).max() ?? 1
            return raw.map { 0.9 * $0 / Swift.max(peak, 1e-9) }
        }
    }

    public var name: String { "waveforms" }
    public var kind: TaskKind { .regression }
    public var inputSize: Int { patterns }
    public var outputSize: Int { 1 }
    public var steps: Int { length }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: patterns, regressionOutputs: 1))
        for b in 0..<size {
            let k = rng.int(patterns)
            batch.setInput(1, t: 0, b: b, feature: k)
            for t in 0..<length { batch.setTarget(signals[k][t], t: t, b: b) }
        }
    }

    /// "mse", "nrmse", and "baselineMSE": the MSE of answering, at each step, the mean of the
    /// patterns there (what a network that ignores the cue but keeps time perfectly can reach).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        var total = 0.0
        for t in 0..<length {
            let mean = signals.reduce(0.0) { $0 + $1[t] } / Double(patterns)
            total += signals.reduce(0.0) { $0 + ($1[t] - mean) * ($1[t] - mean) } / Double(patterns)
        }
        m["baselineMSE"] = total / Double(length)
        return m
    }
}
