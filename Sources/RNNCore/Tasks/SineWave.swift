import RealModule

/// One-step-ahead prediction of a sine wave, optionally seen through noise.
///
/// Reference: the standard first exercise for recurrent regression (e.g. the PyTorch
/// "time sequence prediction" example); with noise it becomes a small filtering problem in the
/// spirit of a Kalman filter.
///
/// Each sequence has its own frequency ω ~ U[ωmin, ωmax] (radians per step) and phase
/// φ ~ U[0, 2π). Input at step t: sin(ω t + φ) + ε_t with ε_t ~ N(0, σ²). Target at step t: the
/// clean value `horizon` steps ahead, sin(ω (t + h) + φ), scored at every step; with
/// `noisyTargets` the target is the noisy observation instead (then σ² is an MSE floor).
///
/// Why it is (mildly) hard: one sample says nothing about ω, so the network must infer the
/// frequency from the recent past and keep a phase; early steps are worse than late ones. With
/// noise it must also average, trading lag against variance.
public struct SineWave: SequenceTask {
    public let length: Int
    public let frequencies: ClosedRange<Double>
    public let noise: Double
    public let horizon: Int
    public let noisyTargets: Bool

    public init(length: Int = 50, frequencies: ClosedRange<Double> = 0.1...0.5, noise: Double = 0,
                horizon: Int = 1, noisyTargets: Bool = false) throws {
        try TaskCheck.length(length, minimum: 1, name: "length")
        try TaskCheck.real(frequencies.lowerBound, in: 0...Double.pi, name: "frequencies")
        try TaskCheck.real(frequencies.upperBound, in: 0...Double.pi, name: "frequencies")
        try TaskCheck.real(noise, in: 0...10, name: "noise")
        try TaskCheck.count(horizon, in: 1...Limits.maxSequenceLength, name: "horizon")
        self.length = length
        self.frequencies = frequencies
        self.noise = noise
        self.horizon = horizon
        self.noisyTargets = noisyTargets
    }

    public var name: String { noise > 0 ? "noisy-sine" : "sine" }
    public var kind: TaskKind { .regression }
    public var inputSize: Int { 1 }
    public var outputSize: Int { 1 }
    public var steps: Int { length }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: 1, regressionOutputs: 1))
        for b in 0..<size {
            let omega = rng.uniform(frequencies.lowerBound, frequencies.upperBound)
            let phase = rng.uniform(0, 2 * Double.pi)
            for t in 0..<length {
                let clean = Double.sin(omega * Double(t) + phase)
                let observed = noise > 0 ? clean + noise * rng.normal() : clean
                batch.setInput(observed, t: t, b: b)
            }
            for t in 0..<length {
                let ahead = t + horizon
                var target = Double.sin(omega * Double(ahead) + phase)
                if noisyTargets && noise > 0 {
                    // The observation h steps ahead: already drawn when it falls inside the
                    // sequence, fresh noise otherwise.
                    target = ahead < length ? Double(batch.inputs.data[batch.index(t: ahead, b: b)])
                                            : target + noise * rng.normal()
                }
                batch.setTarget(target, t: t, b: b)
            }
        }
    }

    /// "mse", "nrmse", and "noiseFloor" (σ² when targets are noisy, else 0).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        m["noiseFloor"] = noisyTargets ? noise * noise : 0
        return m
    }
}
