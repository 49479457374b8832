/// The everyday recurrent model: input (features, or tokens through an embedding) → recurrent
/// stack → a linear head at every step → loss on the steps the mask selects.
///
/// Shape letters: T steps, B batch, I input features, V vocabulary, E embedding width,
/// W = D·S stack output width, O outputs (classes for cross-entropy).
public final class SequenceModel<Scalar: BLASReal> {
    public enum Input: Sendable, Equatable {
        case features(Int)
        case tokens(vocabulary: Int, embedding: Int)
        /// Token ids standing for one-hot vectors of this width (min-char-rnn's input): the
        /// same model as `.features` fed one-hot rows, with the input product a lookup.
        case oneHot(vocabulary: Int)
    }
    public enum Objective: Sendable, Equatable {
        /// Softmax cross-entropy over this many classes, on integer targets (−1 = ignore).
        case classification(classes: Int)
        /// Mean squared error on this many real-valued outputs.
        case regression(outputs: Int)
        public var width: Int {
            switch self { case .classification(let c): c; case .regression(let o): o }
        }
    }
    /// What a step is scored against: class ids [T·B] or values [T, B, O].
    public enum Targets {
        case classes(UnsafePointer<Int32>)
        case values(UnsafePointer<Scalar>)
    }

    public let input: Input
    public let objective: Objective
    public let embedding: Embedding<Scalar>?
    public let stack: RecurrentStack<Scalar>
    public let head: Linear<Scalar>
    /// Every trainable parameter, built once so an optimizer step allocates nothing.
    public let parameters: [Parameter<Scalar>]
    public let crossEntropy = SoftmaxCrossEntropy<Scalar>()
    public let meanSquared = MeanSquaredError<Scalar>()
    let embedded = Tensor<Scalar>(shape: [1])     // [T, B, E]
    let headGrad = Tensor<Scalar>(shape: [1])     // [T·B, O] ∂L/∂logits
    let outputGrad = Tensor<Scalar>(shape: [1])   // [T, B, W]
    @exclusivity(unchecked) var steps = 0, batch = 0
    @exclusivity(unchecked) var tokens: UnsafePointer<Int32>? = nil
    /// Token models read ids straight into the first layer's input projection, as rows of
    /// embedding · W_ihᵀ (see `TokenInput`), when the vocabulary is smaller than the T·B rows
    /// of a batch: then that one table costs less than projecting every row. Off, the
    /// embedding's output goes through the layer like any dense input. Same math either way.
    @exclusivity(unchecked) public var foldsEmbedding = true

    public init(input: Input, objective: Objective, stack: RecurrentStack<Scalar>) {
        self.input = input
        self.objective = objective
        self.stack = stack
        switch input {
        case .features(let i): precondition(i == stack.inputSize); embedding = nil
        case .oneHot(let v): precondition(v == stack.inputSize); embedding = nil
        case .tokens(let v, let e):
            precondition(e == stack.inputSize)
            embedding = Embedding(vocabularySize: v, embeddingSize: e, prefix: "embedding")
        }
        head = Linear(inputSize: stack.outputSize, outputSize: objective.width, prefix: "head")
        stack.computesInputGrad = embedding != nil
        parameters = (embedding?.parameters ?? []) + stack.parameters + head.parameters
    }

    /// (name, parameter) pairs: `embedding.weight`, the stack's PyTorch names, `head.weight`…
    public var namedParameters: [(String, Parameter<Scalar>)] {
        (embedding?.parameters.map { ($0.name, $0) } ?? []) + stack.namedParameters
            + head.parameters.map { ($0.name, $0) }
    }

    /// [T·B, O] the head's output after `forward`: logits or predictions.
    public var predictions: UnsafeMutablePointer<Scalar> { head.output.data }

    /// Runs the model and the loss, leaving ∂L/∂logits ready for `backward`.
    /// - Parameters:
    ///   - features: [T, B, I] when the input is features; `tokens` [T·B] when it is tokens.
    ///   - mask: [T·B] weights of each step in the loss (nil: every step counts).
    public func forward(features: Tensor<Scalar>? = nil, tokens: UnsafePointer<Int32>? = nil,
                        steps T: Int, batch B: Int, lengths: [Int]? = nil,
                        targets: Targets, mask: UnsafePointer<Scalar>? = nil,
                        initialStates: Tensor<Scalar>? = nil, initialCells: Tensor<Scalar>? = nil) -> LossResult {
        steps = T; batch = B
        self.tokens = tokens
        switch input {
        case .features:
            guard let features else { preconditionFailure("a feature model needs features") }
            stack.forward(features, steps: T, batch: B, lengths: lengths, initialStates: initialStates,
                          initialCells: initialCells)
        case .oneHot:
            guard let tokens else { preconditionFailure("a one-hot model needs tokens") }
            stack.forward(tokens: tokens, as: .oneHot, steps: T, batch: B, lengths: lengths,
                          initialStates: initialStates, initialCells: initialCells)
        case .tokens:
            guard let tokens, let embedding else { preconditionFailure("a token model needs tokens") }
            if foldsEmbedding && embedding.vocabularySize < T * B {
                stack.forward(tokens: tokens, as: .embedding(embedding), steps: T, batch: B, lengths: lengths,
                              initialStates: initialStates, initialCells: initialCells)
            } else {
                embedded.resize(T, B, embedding.embeddingSize)
                embedding.forward(tokens, rows: T * B, into: embedded.data)
                stack.forward(embedded, steps: T, batch: B, lengths: lengths, initialStates: initialStates,
                              initialCells: initialCells)
            }
        }
        let logits = head.forward(stack.output.data, rows: T * B)
        let O = objective.width
        headGrad.resize(T * B, O)
        switch (objective, targets) {
        case (.classification, .classes(let ids)):
            return crossEntropy(logits: logits, rows: T * B, classes: O, targets: ids, mask: mask,
                                logitsGrad: headGrad.data)
        case (.regression, .values(let y)):
            return meanSquared(predictions: logits, targets: y, rows: T * B, width: O, mask: mask,
                               predictionsGrad: headGrad.data)
        default:
            preconditionFailure("targets do not match the objective \(objective)")
        }
    }

    /// Backpropagates the last `forward`'s loss into every parameter's gradient (accumulating).
    /// `finalStateGrads` carries a gradient arriving at h_n, e.g. from a later window.
    public func backward(finalStateGrads: Tensor<Scalar>? = nil, finalCellGrads: Tensor<Scalar>? = nil) {
        let T = steps, B = batch
        outputGrad.resize(T, B, stack.outputSize)
        head.backward(input: stack.output.data, rows: T * B, outputGrad: headGrad.data, inputGrad: outputGrad.data)
        stack.backward(outputGrad: outputGrad, finalStateGrads: finalStateGrads, finalCellGrads: finalCellGrads)
        if let embedding, let tokens, !stack.layers[0][0].readsTokens {
            embedding.backward(tokens, rows: T * B, outputGrad: stack.inputGrad.data)
        }
    }
}

extension SequenceModel {
    /// PyTorch's default initialisation for every part: recurrent weights and biases
    /// U(±1/√H), the head U(±1/√W), embeddings N(0, 1).
    public func resetParameters(rng: inout SeededRandom) {
        for l in stack.layers.flatMap({ $0 }) { l.cell.resetParameters(rng: &rng) }
        for p in head.parameters { Initializer.pytorchDefault(p.value, fanIn: head.inputSize, rng: &rng) }
        if let embedding { Initializer.normal(embedding.weight.value, rng: &rng) }
    }
}
