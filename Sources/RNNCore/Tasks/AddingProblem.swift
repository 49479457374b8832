/// The adding problem: at the last step, output the sum of the two marked values.
///
/// Reference: Hochreiter & Schmidhuber, "Long Short-Term Memory" (1997), experiment 4, in the
/// simplified form of Le, Jaitly & Hinton, "A Simple Way to Initialize Recurrent Networks of
/// Rectified Linear Units" (2015) and Arjovsky, Shah & Bengio, "Unitary Evolution RNNs" (2016).
///
/// Each step carries two features: a value drawn from U[0, 1) and a marker (0 or 1). Exactly
/// two steps are marked, one in the first half of the sequence and one in the second. The
/// target, scored at the last step only, is the sum of the two marked values.
///
/// Why it is hard: the only error signal arrives at step T-1, and the first marker lies up to
/// T-1 steps before it, so the gradient that would teach the network to store that value must
/// survive up to T steps of backpropagation through time. A network that stores nothing can do
/// no better than always answering 1, the expected sum, whose MSE is Var(U+U) = 1/6 ≈ 0.167.
public struct AddingProblem: SequenceTask {
    /// T: sequence length.
    public let length: Int

    /// MSE of always predicting the expected sum 1.0: the variance of a sum of two U[0,1).
    public static let baselineMSE = 1.0 / 6.0

    public init(length: Int = 100) throws {
        try TaskCheck.length(length, minimum: 2, name: "length")
        self.length = length
    }

    public var name: String { "adding" }
    public var kind: TaskKind { .regression }
    /// Value and marker.
    public var inputSize: Int { 2 }
    public var outputSize: Int { 1 }
    public var steps: Int { length }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        let t = length
        batch.prepare(.init(steps: t, batch: size, inputSize: 2, regressionOutputs: 1))
        let half = t / 2
        for b in 0..<size {
            let first = rng.int(half)
            let second = half + rng.int(t - half)
            var sum = 0.0
            for s in 0..<t {
                let value = rng.uniform()
                batch.setInput(value, t: s, b: b, feature: 0)
                if s == first || s == second {
                    batch.setInput(1, t: s, b: b, feature: 1)
                    sum += value
                }
            }
            batch.setTarget(sum, t: t - 1, b: b)
        }
    }

    /// "mse" at the last step, "baselineMSE" (1/6), "mseRatio" = mse / baseline (below ~0.1
    /// the problem counts as solved), "nrmse".
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        let mse = m["mse"] ?? 0
        m["baselineMSE"] = Self.baselineMSE
        m["mseRatio"] = mse / Self.baselineMSE
        return m
    }
}
