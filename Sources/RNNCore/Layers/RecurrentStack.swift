/// L recurrent layers, each uni- or bidirectional, with dropout between them and optional
/// residual connections: PyTorch's nn.RNN/nn.LSTM/nn.GRU with `num_layers` and
/// `bidirectional`, plus what they lack.
///
/// Shape letters: T steps, B batch, I input width, S state width per direction, D directions.
/// Output is [T, B, D·S]: forward state then reverse state at each step, as in PyTorch.
/// The reverse direction reads each row backwards from its own last real step.
public final class RecurrentStack<Scalar: BLASReal> {
    /// layers[k][d]: layer k, direction d (0 forward, 1 reverse).
    public let layers: [[RecurrentLayer<Scalar>]]
    public let directions: Int
    public let stateSize: Int
    public let inputSize: Int
    /// Dropout on the input of every layer but the first.
    @exclusivity(unchecked) public var dropout = 0.0
    /// One dropout mask per sequence instead of per step (Gal & Ghahramani).
    @exclusivity(unchecked) public var variationalDropout = false
    /// out_k += in_k for layers whose input and output widths agree (k ≥ 1).
    @exclusivity(unchecked) public var residual = false
    /// Off when the stack's input is data: the first layer then skips its input gradient.
    public var computesInputGrad = true {
        didSet { for d in layers[0] { d.computesInputGrad = computesInputGrad } }
    }
    public var training = true {
        didSet { for l in layers { for d in l { d.training = training } } }
    }

    @exclusivity(unchecked) public private(set) var steps = 0
    @exclusivity(unchecked) public private(set) var batch = 0
    /// [T, B, D·S] output of the top layer.
    public var output: Tensor<Scalar> { outputOf(layer: layers.count - 1) }
    /// [T, B, I] ∂L/∂input after `backward`.
    public let inputGrad = Tensor<Scalar>(shape: [1])
    /// [L·D, B, S] final states, in PyTorch's h_n order; [L·D, B, C] final cell states.
    public let finalStates = Tensor<Scalar>(shape: [1])
    public let finalCells = Tensor<Scalar>(shape: [1])

    var layerOutputs: [Tensor<Scalar>]      // [T, B, D·S] per layer
    var layerInputs: [Tensor<Scalar>]       // [T, B, D·S] dropout applied, layers 1..<L
    // Dropout on layer k's input: a fresh mask per step, or one per sequence (variational).
    // p = 0 is always valid; the rate is set from `dropout` when a forward samples.
    let stepDropouts: [Dropout<Scalar>]
    let sequenceDropouts: [VariationalDropout<Scalar>]
    var reversedInputs: [Tensor<Scalar>]    // [T, B, in_k] per layer, for the reverse direction
    var outputGrads: [Tensor<Scalar>]       // [T, B, D·S] per layer
    let directionGrad = Tensor<Scalar>(shape: [1])   // [T, B, S] one direction's slice
    let reversedTokens = TokenBuffer()                // [T·B] ids for the reverse direction
    @exclusivity(unchecked) var lengths: [Int] = []
    @exclusivity(unchecked) var rng: SeededRandom

    /// - Parameter makeCell: builds the cell of layer k from its input width.
    public init(inputSize: Int, layers count: Int, bidirectional: Bool, seed: UInt64 = 0,
                makeCell: (_ layer: Int, _ inputSize: Int) -> any RecurrentCell<Scalar>) {
        precondition(count >= 1)
        self.inputSize = inputSize
        directions = bidirectional ? 2 : 1
        rng = SeededRandom(seed: seed)
        var built: [[RecurrentLayer<Scalar>]] = []
        var width = inputSize, state = 0
        for k in 0..<count {
            var dirs: [RecurrentLayer<Scalar>] = []
            for d in 0..<directions {
                let cell = makeCell(k, width)
                state = cell.stateSize
                dirs.append(RecurrentLayer(cell: cell, nameSuffix: "_l\(k)" + (d == 1 ? "_reverse" : ""),
                                           seed: seed &+ UInt64(2 * k + d + 1)))
            }
            built.append(dirs)
            width = state * directions
        }
        layers = built
        stateSize = state
        func make() -> Tensor<Scalar> { Tensor(shape: [1]) }
        layerOutputs = (0..<count).map { _ in make() }
        layerInputs = (0..<count).map { _ in make() }
        stepDropouts = (0..<count).map { _ in try! Dropout<Scalar>(p: 0) }
        sequenceDropouts = (0..<count).map { _ in try! VariationalDropout<Scalar>(p: 0) }
        reversedInputs = (0..<count).map { _ in make() }
        outputGrads = (0..<count).map { _ in make() }
    }

    /// Every parameter, in PyTorch state_dict order (layer, direction, then the cell's order).
    public var parameters: [Parameter<Scalar>] { layers.flatMap { $0.flatMap { $0.parameters } } }

    /// (state_dict name, parameter) pairs.
    public var namedParameters: [(String, Parameter<Scalar>)] {
        layers.flatMap { $0.flatMap { l in l.parameters.map { (l.stateDictName($0), $0) } } }
    }

    public var outputSize: Int { stateSize * directions }

    /// Runs the stack on `input` [T, B, I]. `initialStates` is [L·D, B, S] (and
    /// `initialCells` [L·D, B, C]) in h_0 order, or nil for zeros.
    public func forward(_ input: Tensor<Scalar>, steps T: Int, batch B: Int, lengths given: [Int]? = nil,
                        initialStates: Tensor<Scalar>? = nil, initialCells: Tensor<Scalar>? = nil) {
        run(.dense(input), steps: T, batch: B, lengths: given, initialStates: initialStates, initialCells: initialCells)
    }

    /// Runs the stack on token ids [T·B] (time-major, −1 for padding), which the first layer
    /// reads `as` one-hot vectors or embedding rows (see `TokenInput`). Backward then
    /// accumulates the first layer's W_ih gradient, and the embedding's, directly, and leaves
    /// `inputGrad` unwritten. The ids must stay valid until `backward`.
    public func forward(tokens: UnsafePointer<Int32>, as source: TokenInput<Scalar>, steps T: Int, batch B: Int,
                        lengths given: [Int]? = nil, initialStates: Tensor<Scalar>? = nil,
                        initialCells: Tensor<Scalar>? = nil) {
        run(.tokens(tokens, source), steps: T, batch: B, lengths: given, initialStates: initialStates,
            initialCells: initialCells)
    }

    /// What the first layer reads.
    enum FirstInput {
        case dense(Tensor<Scalar>)
        case tokens(UnsafePointer<Int32>, TokenInput<Scalar>)
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func run(_ first: FirstInput, steps T: Int, batch B: Int, lengths given: [Int]?,
             initialStates: Tensor<Scalar>?, initialCells: Tensor<Scalar>?) {
        steps = T; batch = B
        lengths.removeAll(keepingCapacity: true)
        if let given { lengths.append(contentsOf: given) } else { for _ in 0..<B { lengths.append(T) } }
        let S = stateSize, D = directions, W = S * D
        let C = layers[0][0].cell.cellSize
        finalStates.resize(layers.count * D, B, S)
        finalCells.resize(layers.count * D, B, max(C, 1))
        var current: Tensor<Scalar>? = nil
        if case .dense(let x) = first { current = x }
        for (k, dirs) in layers.enumerated() {
            if k > 0 { current = dropoutInput(layer: k, from: outputOf(layer: k - 1)) }
            let out = outputOf(layer: k)
            out.resize(T, B, W)
            for (d, layer) in dirs.enumerated() {
                let slot = k * D + d
                let h0 = initialStates.map { UnsafePointer($0.data + slot * B * S) }
                let c0 = C > 0 ? initialCells.map { UnsafePointer($0.data + slot * B * C) } : nil
                if k == 0, case .tokens(let ids, let source) = first {
                    let read = d == 0 ? ids : UnsafePointer(reverseTokens(ids))
                    layer.forward(tokens: read, as: source, steps: T, batch: B, lengths: given,
                                  initialState: h0, initialCell: c0)
                } else if let x = current {
                    let read: Tensor<Scalar>
                    if d == 0 { read = x } else { read = reversedInputs[k]; reverseRows(x, into: read) }
                    layer.forward(read, steps: T, batch: B, lengths: given, initialState: h0, initialCell: c0)
                }
                if D > 1 { interleave(layer.outputs, into: out, direction: d, reversed: d == 1) }
                (finalStates.data + slot * B * S).update(from: layer.finalState, count: B * S)
                if C > 0 { (finalCells.data + slot * B * C).update(from: layer.finalCell, count: B * C) }
            }
            if residual && k > 0, let x = current, x.shape.last == W {
                Scalar.axpy(n: T * B * W, alpha: 1, x: x.data, y: out.data)
            }
        }
    }
}

extension RecurrentStack {
    /// [T, B, D·S] layer k's output. With one direction that is the layer's own output tensor,
    /// not a copy of it.
    func outputOf(layer k: Int) -> Tensor<Scalar> { directions == 1 ? layers[k][0].outputs : layerOutputs[k] }

    /// The real length of row `b` in the last forward.
    public func lengthOf(row b: Int) -> Int { b < lengths.count ? lengths[b] : steps }

    /// Switches the layers' per-step gradient-norm bookkeeping (the Probe's ‖∂L/∂h_t‖).
    public var recordsGradNorms: Bool {
        get { layers[0][0].recordGradNorms }
        set { for dirs in layers { for l in dirs where l.recordGradNorms != newValue { l.recordGradNorms = newValue } } }
    }
}
