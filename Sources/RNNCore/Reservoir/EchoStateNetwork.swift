/// An echo state network: a fixed random recurrent reservoir plus a linear readout fitted in
/// closed form.
///
/// Shape letters: T time, I input, N reservoir units, O output, F = 1 + I + N readout features.
///
/// The reservoir is a leaky integrator,
///
///     x_t = (1 − a) x_{t−1} + a · tanh(W_in u_t + W x_{t−1} + b)
///
/// with W_in [N, I] and b [N] drawn once, and W [N, N] sparse with spectral radius ρ. Nothing
/// in the reservoir is ever trained; only the readout y_t = W_out [1; u_t; x_t] is, by ridge
/// regression (see `fit(inputs:targets:washout:)`). That is why an ESN trains in a blink and why
/// it can only be as good as the features its random reservoir happens to offer.
///
/// `state` carries over between calls, so `predict` on data that continues the training
/// sequence starts where `fit` stopped.
public final class EchoStateNetwork<Scalar: BLASReal> {
    public let configuration: EchoStateConfiguration
    /// W [N, N], sparse.
    public let reservoir: SparseReservoir<Scalar>
    /// W_in [N, I].
    public let inputWeights: Tensor<Scalar>
    /// b [N]; all zeros when `biasScaling` is 0.
    public let bias: Tensor<Scalar>
    /// x [N], the current reservoir state.
    public let state: Tensor<Scalar>
    /// W_out [O, F] with columns [1 | u (I) | x (N)]; nil until `fit` succeeds.
    public internal(set) var readout: Tensor<Scalar>?

    /// Steps processed per block: one GEMM projects a block's inputs, and block buffers bound
    /// memory however long the sequence is.
    static var blockSteps: Int { 256 }
    /// [blockSteps, N] states of the current block.
    let block: Tensor<Scalar>

    public var reservoirSize: Int { configuration.reservoirSize }
    public var inputSize: Int { configuration.inputSize }
    public var outputSize: Int { configuration.outputSize }
    /// F = 1 + I + N, the readout's input width.
    public var featureCount: Int { 1 + inputSize + reservoirSize }

    /// Draws W, W_in and b from `configuration.seed` and scales W to the spectral radius.
    ///
    /// - Throws: `InputError` naming the configuration field that is out of range.
    public init(_ configuration: EchoStateConfiguration) throws {
        try configuration.validate()
        self.configuration = configuration
        var rng = SeededRandom(seed: configuration.seed)
        var reservoirRNG = rng.split(), inputRNG = rng.split(), biasRNG = rng.split()
        reservoir = try SparseReservoir(size: configuration.reservoirSize,
                                        connectivity: configuration.connectivity, rng: &reservoirRNG)
        try reservoir.scale(toSpectralRadius: configuration.spectralRadius)
        let n = configuration.reservoirSize, i = configuration.inputSize
        inputWeights = Tensor(shape: [n, i])
        let s = configuration.inputScaling
        for k in 0..<(n * i) { inputWeights[k] = Scalar(inputRNG.uniform(-s, s)) }
        bias = Tensor(shape: [n])
        let bs = configuration.biasScaling
        if bs > 0 { for k in 0..<n { bias[k] = Scalar(biasRNG.uniform(-bs, bs)) } }
        state = Tensor(shape: [n])
        block = Tensor(shape: [Self.blockSteps, n])
    }

    /// Sets x to zero.
    public func resetState() { state.zero() }

    /// Runs the reservoir over inputs [T, I] from the current state and returns every state
    /// [T, N] (row t is x_t), for the Probe's state plots. `state` ends at x_{T−1}.
    public func collectStates(inputs: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let steps = try checkSequence(inputs, width: inputSize, place: "esn.inputs")
        let states = Tensor<Scalar>(shape: [steps, reservoirSize])
        advance(inputs: inputs.data, steps: steps, from: state.data, into: states.data)
        return states
    }

    // MARK: State update

    /// Advances the reservoir `steps` times from the state in `x`.
    ///
    /// - Parameters:
    ///   - inputs: [steps, I] u_t.
    ///   - x: [N] x_{−1} on entry; x_{steps−1} on return.
    ///   - states: [steps, N] receives x_t for every step. It first holds W_in u_t, so the
    ///     input projection of all steps is one GEMM and needs no buffer of its own.
    func advance(inputs: UnsafePointer<Scalar>, steps: Int, from x: UnsafeMutablePointer<Scalar>,
                 into states: UnsafeMutablePointer<Scalar>) {
        if steps == 0 { return }
        let n = reservoirSize, i = inputSize
        let a = Scalar(configuration.leakRate), keep = 1 - a
        let hasBias = configuration.biasScaling > 0
        // states[t] = u_t · W_inᵀ      [steps, I] · [I, N]
        Scalar.gemm(transA: false, transB: true, m: steps, n: n, k: i, alpha: 1, a: inputs, lda: i,
                    b: inputWeights.data, ldb: i, beta: 0, c: states, ldc: n)
        var previous = UnsafePointer(x)
        for t in 0..<steps {
            let row = states + t * n
            if hasBias { Scalar.axpy(n: n, alpha: 1, x: bias.data, y: row) }
            // row += W · x_{t−1}
            reservoir.multiplyAdd(previous, into: row)
            // x_t = (1 − a) x_{t−1} + a · tanh(row)
            for j in 0..<n { row[j] = keep * previous[j] + a * Scalar.tanh(row[j]) }
            previous = UnsafePointer(row)
        }
        x.update(from: states + (steps - 1) * n, count: n)
    }

    /// Checks that `t` is [T, width] with 1 ≤ T ≤ the sequence cap and finite entries;
    /// returns T.
    func checkSequence(_ t: Tensor<Scalar>, width: Int, place: String) throws -> Int {
        guard t.shape.count == 2, t.shape[1] == width else {
            throw InputError(place: place, "expected shape [T, \(width)], got \(t.shape)")
        }
        let steps = t.shape[0]
        if steps < 1 { throw InputError(place: place, "sequence is empty") }
        try Limits.checkSequenceLength(steps, place: place)
        if t.hasNonFinite { throw InputError(place: place, "contains NaN or infinity") }
        return steps
    }
}
