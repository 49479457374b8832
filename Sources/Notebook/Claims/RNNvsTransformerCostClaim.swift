import RealModule
import RNNCore

/// rnn-vs-transformer-cost: a recurrent layer does O(T) work in T sequential steps;
/// self-attention does O(T²) work in a number of sequential steps that does not depend on T.
///
/// Forward passes only (no backward), one sequence, width `width`: a tanh RNN layer
/// (`RecurrentLayer` with an `ElmanCell`) and single-head self-attention (`SelfAttention`), both
/// on the same random input of each length in `lengths`. Each time is the median of `repeats`
/// runs after one warm-up, in the thread's CPU time (`CPUTime`): on a busy shared machine wall
/// time inflates with the load for runs longer than a scheduler slice and not for shorter
/// ones, which bends the fit. The exponent is the
/// least-squares slope of log time against log T. The tolerance band is ±0.3 around 1 and 2.
///
/// Sequential steps: the RNN's h_t needs h_{t−1}, so its chain of dependent operations is T long.
/// Attention's chain is its five stages (Q/K/V projections, scores, softmax, mixing, output
/// projection), whatever T; each stage is a GEMM or a row-wise operation over all positions.
public enum RNNvsTransformerCostClaim: ScenarioClaim {
    public static let scenarioID = "rnn-vs-transformer-cost"
    public static let text = "Timing forward passes over one sequence (width 32, T from 256 to 4096, median CPU time of 7 runs), the RNN's time grows as T^a with a within 1 ± 0.3 and single-head self-attention's within 2 ± 0.3 (least-squares fit on log-log; timings on a shared machine are noisy, hence the band); and the RNN needs T sequential steps where attention needs 5 at every length."

    public static let lengths = [256, 512, 1024, 2048, 4096]
    public static let width = 32
    public static let repeats = 7
    public static let tolerance = 0.3
    /// Q/K/V projections, scores, softmax, mixing, output projection.
    public static let attentionStages = 5

    /// The configuration the scenario's front matter should hold. The live notebook trains the
    /// RNN side on the adding problem, where seq_len shows what a longer sequence costs.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 100; r.cell = .rnn_tanh; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-3; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var rng = SeededRandom(seed: recipe.seed)
        let cell = ElmanCell<Float>(inputSize: width, hiddenSize: width)
        cell.resetParameters(rng: &rng)
        let rnn = RecurrentLayer<Float>(cell: cell)
        rnn.training = false
        let attention = SelfAttention<Float>(width: width, rng: &rng)
        var m: [String: Double] = [:]
        var rnnTimes: [Double] = [], attentionTimes: [Double] = []
        for T in lengths {
            let x = Tensor<Float>(shape: [T, 1, width])
            for i in 0..<x.count { x[i] = Float(rng.uniform(-1, 1)) }
            let r = median { rnn.forward(x, steps: T, batch: 1) }
            let a = median { attention.forward(x, steps: T, batch: 1) }
            rnnTimes.append(r); attentionTimes.append(a)
            m["rnnMs@\(T)"] = r * 1000
            m["attentionMs@\(T)"] = a * 1000
            m["rnnSequentialSteps@\(T)"] = Double(T)
            m["attentionSequentialSteps@\(T)"] = Double(attentionStages)
            log("T = \(T): RNN \(r * 1000) ms in \(T) sequential steps, self-attention \(a * 1000) ms in \(attentionStages)")
        }
        let logT = lengths.map { Double.log(Double($0)) }
        m["rnnExponent"] = slope(x: logT, y: rnnTimes.map { Double.log($0) })
        m["attentionExponent"] = slope(x: logT, y: attentionTimes.map { Double.log($0) })
        log("fitted exponents: RNN \(m["rnnExponent"]!), self-attention \(m["attentionExponent"]!)")
        let holds = abs(m["rnnExponent"]! - 1) <= tolerance && abs(m["attentionExponent"]! - 2) <= tolerance
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// Median CPU time of `repeats` calls of `body`, after one untimed warm-up call.
    static func median(_ body: () -> Void) -> Double {
        body()
        var times = (0..<repeats).map { _ in CPUTime.measure(body) }
        times.sort()
        return times[times.count / 2]
    }

    /// Least-squares slope of y against x.
    static func slope(x: [Double], y: [Double]) -> Double {
        let n = Double(x.count), mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx) }
        return sxx == 0 ? 0 : sxy / sxx
    }
}
