import RNNCore

/// memory-capacity: how much of its input's past a recurrent network can read back linearly,
/// measured the way Jaeger (2002) defines it, on echo state networks of growing size.
///
///     MC = Σ_{k=1..K} r²(u(t − k), y_k(t))
///
/// where u is i.i.d. uniform in (−1, 1) and y_k is a linear readout of the state trained (ridge
/// regression) to output u(t − k). Each r² is measured on test steps the readouts were not fitted
/// on. For i.i.d. input, MC ≤ N for N units, with equality only for an ideal linear reservoir;
/// the tanh nonlinearity and finite data keep it below. K = 2N delays, so the sum is not capped
/// by the number of readouts.
public enum MemoryCapacityClaim: ScenarioClaim {
    public static let scenarioID = "memory-capacity"
    public static let text = "The linear memory capacity MC = Σ_k r²(u(t−k), y_k(t)) of echo state networks of 10, 20, 50 and 100 units, measured on held-out steps, stays below the number of units and grows with it."

    public static let sizes = [10, 20, 50, 100]
    public static let washout = 200
    public static let trainSteps = 4000
    public static let testSteps = 2000

    /// The configuration the scenario's front matter should hold. The live notebook trains a
    /// tanh RNN on the copy task, a memory test by gradient descent; the claim measures echo
    /// state networks, seeded from `seed`, at `radius`.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "copy"; r.seqLen = 10; r.cell = .rnn_tanh; r.hidden = 64; r.radius = 0.9
        r.initializer = "orthogonal"
        r.optimizer = "adam"; r.lr = 1e-3; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var m: [String: Double] = [:]
        var previous = 0.0, grows = true, below = true
        for n in sizes {
            let mc = try memoryCapacity(units: n, radius: recipe.radius ?? 0.9, seed: recipe.seed)
            m["mc@\(n)"] = mc
            log("\(n) units: MC = \(mc)")
            if mc >= Double(n) { below = false }
            if mc <= previous { grows = false }
            previous = mc
        }
        m["belowUnits"] = below ? 1 : 0
        m["grows"] = grows ? 1 : 0
        return ClaimResult(text: text, holds: below && grows, measured: m)
    }

    /// MC of an N-unit reservoir (input scaling 0.1: the nearly linear regime where memory is
    /// largest), summed over delays 1...2N.
    public static func memoryCapacity(units n: Int, radius: Double, seed: UInt64) throws -> Double {
        let delays = 2 * n
        let config = EchoStateConfiguration(reservoirSize: n, outputSize: delays, connectivity: n <= 20 ? 1 : 0.2,
                                            spectralRadius: radius, inputScaling: 0.1, ridge: 1e-10, seed: seed)
        let esn = try EchoStateNetwork<Double>(config)
        var rng = SeededRandom(seed: seed ^ 0x4D43)
        let total = delays + washout + trainSteps + testSteps
        let u = (0..<total).map { _ in rng.uniform(-1, 1) }
        // Row t of the data is step delays + t, so every delay has a past to look at.
        func slice(from: Int, count: Int) -> (Tensor<Double>, Tensor<Double>) {
            let inputs = Tensor<Double>(shape: [count, 1]), targets = Tensor<Double>(shape: [count, delays])
            for r in 0..<count {
                let t = delays + from + r
                inputs[r] = u[t]
                for k in 1...delays { targets[r * delays + k - 1] = u[t - k] }
            }
            return (inputs, targets)
        }
        let (trainIn, trainOut) = slice(from: 0, count: washout + trainSteps)
        try esn.fit(inputs: trainIn, targets: trainOut, washout: washout)
        let (testIn, testOut) = slice(from: washout + trainSteps, count: testSteps)
        let predicted = try esn.predict(inputs: testIn)
        var mc = 0.0
        for k in 0..<delays { mc += squaredCorrelation(predicted, testOut, column: k, width: delays) }
        return mc
    }

    /// r² between column `k` of two [T, width] tensors.
    static func squaredCorrelation(_ a: Tensor<Double>, _ b: Tensor<Double>, column k: Int, width: Int) -> Double {
        let rows = a.count / width
        var ma = 0.0, mb = 0.0
        for r in 0..<rows { ma += a[r * width + k]; mb += b[r * width + k] }
        ma /= Double(rows); mb /= Double(rows)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for r in 0..<rows {
            let x = a[r * width + k] - ma, y = b[r * width + k] - mb
            sab += x * y; saa += x * x; sbb += y * y
        }
        return saa > 0 && sbb > 0 ? sab * sab / (saa * sbb) : 0
    }
}
