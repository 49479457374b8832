/// The cells a scenario or the command line can ask for by name.
public enum CellKind: String, CaseIterable, Sendable {
    case rnn_tanh, rnn_relu, rnn_linear, rnn_sigmoid
    case lstm, lstm_peephole, gru, jordan, clockwork

    /// Parses a user-supplied name, e.g. from a scenario's front matter.
    public init(name: String, file: String? = nil, place: String? = nil) throws {
        guard let kind = CellKind(rawValue: name) else {
            let known = CellKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(file: file, place: place, "unknown cell \"\(name)\" (known: \(known))")
        }
        self = kind
    }
}

/// Builds a zero-valued cell of `kind`; call `resetParameters(rng:)` (or load weights) next.
///
/// - Parameters:
///   - hiddenSize: H, the state width; for `jordan` the number of hidden units U.
///   - layerNorm: wraps the cell in `LayerNormCell`, whose kind is then "ln_" + kind.
///   - outputSize: `jordan` only, the width O of the output fed back; defaults to `hiddenSize`.
///   - modules: `clockwork` only, the number of modules M (periods 1, 2, 4, …); must divide H.
/// - Throws: `InputError` for sizes that are not positive, exceed `Limits`, or do not split.
public func makeCell<Scalar: BLASReal>(
    kind: CellKind, inputSize: Int, hiddenSize: Int, layerNorm: Bool = false,
    outputSize: Int? = nil, modules: Int = 4, scalar: Scalar.Type = Scalar.self
) throws -> any RecurrentCell<Scalar> {
    try checkSize(inputSize, "input size")
    try checkSize(hiddenSize, "hidden size")
    let cell: any RecurrentCell<Scalar>
    switch kind {
    case .rnn_tanh: cell = ElmanCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, activation: .tanh)
    case .rnn_relu: cell = ElmanCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, activation: .relu)
    case .rnn_linear: cell = ElmanCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, activation: .linear)
    case .rnn_sigmoid: cell = ElmanCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, activation: .sigmoid)
    case .lstm: cell = LSTMCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize)
    case .lstm_peephole: cell = LSTMCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, peepholes: true)
    case .gru: cell = GRUCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize)
    case .jordan:
        let o = outputSize ?? hiddenSize
        try checkSize(o, "output size")
        cell = JordanCell<Scalar>(inputSize: inputSize, units: hiddenSize, outputSize: o)
    case .clockwork:
        cell = try ClockworkCell<Scalar>(inputSize: inputSize, hiddenSize: hiddenSize, modules: modules)
    }
    return layerNorm ? LayerNormCell(wrapping: cell) : cell
}

private func checkSize(_ n: Int, _ what: String) throws {
    if n < 1 { throw InputError(place: what, "\(what) must be at least 1, got \(n)") }
    try Limits.checkHidden(n, place: what)
}

extension RecurrentCell {
    /// PyTorch's default initialisation: every weight and bias uniform in ±1/√H, where H is the
    /// width of one gate block (U for a Jordan cell). Layer-norm gains start at 1 and their
    /// biases at 0. Masks are applied last, so masked weights start at exactly zero.
    public func resetParameters(rng: inout SeededRandom) {
        if let ln = self as? LayerNormCell<Scalar> {
            ln.inner.resetParameters(rng: &rng)
            ln.resetNormalization()
            return
        }
        let unitsPerBlock = Swift.max(gateWidth / Swift.max(gateNames.count, 1), 1)
        let bound = 1 / Double(unitsPerBlock).squareRoot()
        for p in allParameters {
            for i in 0..<p.count { p.value[i] = Scalar(rng.uniform(-bound, bound)) }
            p.applyMask()
        }
    }

    /// Zeroes masked entries of every parameter's value and gradient (clockwork's W_hh blocks).
    /// Call after the weight gradients are complete and before the optimizer reads them.
    /// Builds `allParameters` (a small array): a hot loop should keep that list and call
    /// `applyMask()` on each entry itself.
    public func applyMasks() {
        for p in allParameters { p.applyMask() }
    }
}
