import RealModule

/// One-step-ahead forecasting of a sine wave whose samples go missing at random.
///
/// Reference: the input encoding of Che et al., "Recurrent Neural Networks for Multivariate
/// Time Series with Missing Values" (GRU-D, 2018), with a fixed decay rate instead of a
/// learned one.
///
/// Each sequence has its own frequency ω ~ U[0.1, 0.5] and phase φ ~ U[0, 2π). The sample
/// at step t, sin(ω t + φ), is observed with probability 1 − `missingRate`; the target at
/// step t is the clean value at t + 1, scored from step `warmUp` on. Two encodings:
///
/// - `.zeroFilled` (I = 1): the sample, or 0 when it is missing.
/// - `.maskAndDecay` (I = 3): x̃_t = m_t x_t + (1 − m_t) γ_t x_last, the mask m_t, and
///   δ_t / `decaySteps`, where δ_t counts the steps since the last observation and
///   γ_t = e^(−δ_t / `decaySteps`) pulls a stale value towards the mean, 0.
///
/// Why it matters: zero-filling makes a missing sample look like a real 0, which the sine
/// passes through twice a period; the network cannot tell a gap from a crossing. The mask
/// says which it is, and the decay says how old the last real value is.
public struct MissingSine: SequenceTask {
    public enum Encoding: Sendable, Equatable { case zeroFilled, maskAndDecay }

    public let length: Int
    public let missingRate: Double
    public let encoding: Encoding
    public let decaySteps: Double
    public let warmUp: Int

    public init(length: Int = 50, missingRate: Double = 0.3, encoding: Encoding = .maskAndDecay,
                decaySteps: Double = 4, warmUp: Int = 5) throws {
        try TaskCheck.length(length, minimum: 2, name: "length")
        try TaskCheck.real(missingRate, in: 0...0.95, name: "missingRate")
        try TaskCheck.real(decaySteps, in: 0.1...1000, name: "decaySteps")
        try TaskCheck.count(warmUp, in: 0...(length - 1), name: "warmUp")
        self.length = length
        self.missingRate = missingRate
        self.encoding = encoding
        self.decaySteps = decaySteps
        self.warmUp = warmUp
    }

    public var name: String { "missing-sine" }
    public var kind: TaskKind { .regression }
    public var inputSize: Int { encoding == .zeroFilled ? 1 : 3 }
    public var outputSize: Int { 1 }
    public var steps: Int { length }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: inputSize, regressionOutputs: 1))
        for b in 0..<size {
            let omega = rng.uniform(0.1, 0.5)
            let phase = rng.uniform(0, 2 * Double.pi)
            var last = 0.0, since = 0.0
            for t in 0..<length {
                let value = Double.sin(omega * Double(t) + phase)
                let observed = !rng.bernoulli(missingRate)
                if observed { last = value; since = 0 } else { since += 1 }
                switch encoding {
                case .zeroFilled:
                    batch.setInput(observed ? value : 0, t: t, b: b)
                case .maskAndDecay:
                    batch.setInput(last * Double.exp(-since / decaySteps), t: t, b: b, feature: 0)
                    batch.setInput(observed ? 1 : 0, t: t, b: b, feature: 1)
                    batch.setInput(since / decaySteps, t: t, b: b, feature: 2)
                }
                if t >= warmUp { batch.setTarget(Double.sin(omega * Double(t + 1) + phase), t: t, b: b) }
            }
        }
    }

    /// "mse" and "nrmse" over the scored steps.
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }
}
