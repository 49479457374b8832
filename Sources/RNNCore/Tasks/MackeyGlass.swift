import RealModule

/// The Mackey–Glass delay differential equation, a standard chaotic benchmark series.
///
/// Reference: Mackey & Glass, "Oscillation and chaos in physiological control systems",
/// Science 197 (1977); used as the benchmark for echo state networks by Jaeger & Haas,
/// "Harnessing Nonlinearity", Science 304 (2004).
///
///     dx/dt = β x(t-τ) / (1 + x(t-τ)ⁿ) - γ x(t)
///
/// With τ = 17, β = 0.2, γ = 0.1, n = 10 the attractor is chaotic (τ > 16.8), and x stays
/// roughly within 0.2…1.4. We integrate with fourth-order Runge–Kutta on a fine step `dt`
/// (the delayed value at a half step is the mean of its two neighbours on the grid), drop a
/// warm-up transient, and keep one sample every `sampleInterval` time units.
public enum MackeyGlass {
    public struct Parameters: Equatable, Sendable {
        public var tau = 17.0, beta = 0.2, gamma = 0.1, n = 10.0
        /// Integration step; τ and `sampleInterval` should be multiples of it.
        public var dt = 0.1
        /// Time units between kept samples.
        public var sampleInterval = 1.0
        /// Time units integrated and thrown away before the first sample.
        public var warmup = 1000.0
        /// The constant history x(t) for t ≤ 0.
        public var initialValue = 1.2

        public init() {}

        func validate() throws {
            try TaskCheck.real(tau, in: 0.01...1000, name: "tau")
            try TaskCheck.real(beta, in: 0...10, name: "beta")
            try TaskCheck.real(gamma, in: 0...10, name: "gamma")
            try TaskCheck.real(n, in: 1...100, name: "n")
            try TaskCheck.real(dt, in: 1e-4...tau, name: "dt")
            try TaskCheck.real(sampleInterval, in: dt...1000, name: "sampleInterval")
            try TaskCheck.real(warmup, in: 0...1_000_000, name: "warmup")
            try TaskCheck.real(initialValue, in: 0...10, name: "initialValue")
        }
    }

    /// `count` samples of the series: the whole trajectory, for reservoir computing and for
    /// `MackeyGlassTask`'s windows. Throws `InputError` for parameters out of range.
    public static func series(count: Int, parameters p: Parameters = .init()) throws -> [Double] {
        try TaskCheck.count(count, in: 1...10_000_000, name: "count")
        try p.validate()
        let delay = max(1, Int((p.tau / p.dt).rounded()))
        let stride = max(1, Int((p.sampleInterval / p.dt).rounded()))
        let warmupSteps = Int((p.warmup / p.dt).rounded())

        // history[(k) % (delay + 1)] holds x at fine step k, for the last delay + 1 steps.
        var history = [Double](repeating: p.initialValue, count: delay + 1)
        var k = 0
        var x = p.initialValue
        func rate(_ x: Double, _ lagged: Double) -> Double {
            p.beta * lagged / (1 + Double.pow(lagged, p.n)) - p.gamma * x
        }
        func step() {
            // x_{k-delay} and x_{k-delay+1} are the oldest two entries of the ring.
            let lagNow = history[(k + 1) % (delay + 1)]
            let lagNext = history[(k + 2) % (delay + 1)]
            let lagHalf = 0.5 * (lagNow + lagNext)
            let k1 = rate(x, lagNow)
            let k2 = rate(x + 0.5 * p.dt * k1, lagHalf)
            let k3 = rate(x + 0.5 * p.dt * k2, lagHalf)
            let k4 = rate(x + p.dt * k3, lagNext)
            x += p.dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
            k += 1
            history[k % (delay + 1)] = x
        }

        for _ in 0..<warmupSteps { step() }
        var out = [Double]()
        out.reserveCapacity(count)
        out.append(x)
        while out.count < count {
            for _ in 0..<stride { step() }
            out.append(x)
        }
        return out
    }
}

/// One-step-ahead (or h-step-ahead) prediction of the Mackey–Glass series.
///
/// A long series is integrated once; each batch row is a random window of it. Input at step t
/// is x(s + t), target x(s + t + h), scored at every step.
///
/// Why it is hard: the series is chaotic, so errors grow exponentially with the horizon, and
/// predicting it well needs a memory of about τ = 17 time units of past values. It is the
/// classic showcase for echo state networks.
public struct MackeyGlassTask: SequenceTask {
    public let length: Int
    public let horizon: Int
    /// The whole series the windows come from.
    public let series: [Double]

    public init(length: Int = 100, horizon: Int = 1, seriesLength: Int = 10_000,
                parameters: MackeyGlass.Parameters = .init()) throws {
        try TaskCheck.length(length, minimum: 1, name: "length")
        try TaskCheck.count(horizon, in: 1...Limits.maxSequenceLength, name: "horizon")
        if seriesLength < length + horizon + 1 {
            throw InputError(place: "seriesLength",
                             "must exceed length + horizon (\(length + horizon)), got \(seriesLength)")
        }
        self.length = length
        self.horizon = horizon
        series = try MackeyGlass.series(count: seriesLength, parameters: parameters)
    }

    public var name: String { "mackey-glass" }
    public var kind: TaskKind { .regression }
    public var inputSize: Int { 1 }
    public var outputSize: Int { 1 }
    public var steps: Int { length }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: 1, regressionOutputs: 1))
        let starts = series.count - length - horizon + 1
        for b in 0..<size {
            let s = rng.int(starts)
            for t in 0..<length {
                batch.setInput(series[s + t], t: t, b: b)
                batch.setTarget(series[s + t + horizon], t: t, b: b)
            }
        }
    }

    /// "mse" and "nrmse" (the usual figure of merit for Mackey–Glass).
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }
}
