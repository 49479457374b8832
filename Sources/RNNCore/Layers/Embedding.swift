/// A lookup table from token ids to vectors: y[r] = W[id[r]].
///
/// Shapes: ids [N] (Int32), W [V, E], y [N, E]. The parameter is named `<prefix>.weight`, as in
/// PyTorch's `nn.Embedding`. An id of −1 marks padding: its row of y is zeros and it sends no
/// gradient (PyTorch's `padding_idx`, without spending a row of the table on it).
///
/// Ids that reach `forward` must already be valid: check user data once with `validate` where
/// it enters (a corpus, a task file), and the hot path stays free of error handling.
public final class Embedding<Scalar: BLASReal> {
    public let vocabularySize: Int
    public let embeddingSize: Int
    /// [V, E]
    public let weight: Parameter<Scalar>
    /// [N, E] the last `forward(_:rows:)` result.
    public let output: Tensor<Scalar>

    public var parameters: [Parameter<Scalar>] { [weight] }

    /// Values start at zero; PyTorch initialises embeddings from N(0, 1) (`Initializer.normal`).
    public init(vocabularySize: Int, embeddingSize: Int, prefix: String) {
        self.vocabularySize = vocabularySize
        self.embeddingSize = embeddingSize
        weight = Parameter(prefix + ".weight", shape: [vocabularySize, embeddingSize])
        output = Tensor(shape: [0, embeddingSize])
    }

    /// Throws `InputError` naming the first id outside 0..<V (or −1 when padding is allowed).
    public func validate(_ ids: some Sequence<Int32>, allowPadding: Bool = false,
                         file: String? = nil, place: String? = nil) throws {
        try Embedding.validate(ids, vocabularySize: vocabularySize, allowPadding: allowPadding,
                               file: file, place: place)
    }

    /// The same check without a layer, for loaders that run before the model exists.
    public static func validate(_ ids: some Sequence<Int32>, vocabularySize: Int, allowPadding: Bool = false,
                                file: String? = nil, place: String? = nil) throws {
        for (i, id) in ids.enumerated() where !(id >= 0 && Int(id) < vocabularySize) {
            if allowPadding && id == -1 { continue }
            throw InputError(file: file, place: place,
                             "token id \(id) at position \(i) is outside the vocabulary 0..<\(vocabularySize)")
        }
    }

    // MARK: forward

    /// Looks up every id into `output` and returns its data pointer ([N, E]).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    @discardableResult
    public func forward(_ ids: UnsafePointer<Int32>, rows: Int) -> UnsafeMutablePointer<Scalar> {
        output.resize(rows, embeddingSize)
        forward(ids, rows: rows, into: output.data)
        return output.data
    }

    /// y[r, :] = W[id[r], :], or zeros for padding. ids [N] → y [N, E].
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ ids: UnsafePointer<Int32>, rows: Int, into y: UnsafeMutablePointer<Scalar>) {
        let E = embeddingSize, w = weight.value.data
        for r in 0..<rows {
            let id = Int(ids[r])
            if id == -1 { (y + r * E).update(repeating: 0, count: E); continue }
            precondition(id >= 0 && id < vocabularySize, "embedding id \(id) outside 0..<\(vocabularySize)")
            (y + r * E).update(from: w + id * E, count: E)
        }
    }

    // MARK: backward

    /// Scatter-adds dY [N, E] into the rows of dW [V, E] that were looked up:
    /// dW[id[r], :] += dY[r, :]. A token seen twice receives both gradients.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ ids: UnsafePointer<Int32>, rows: Int, outputGrad dY: UnsafePointer<Scalar>) {
        let E = embeddingSize, dW = weight.grad.data
        for r in 0..<rows {
            let id = Int(ids[r])
            if id == -1 { continue }
            Scalar.axpy(n: E, alpha: 1, x: dY + r * E, y: dW + id * E)
        }
    }
}
