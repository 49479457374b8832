/// How a recurrent layer reads token ids instead of a dense input.
///
/// Both kinds turn the input product x_t · W_ihᵀ into a lookup, which is the same arithmetic
/// without the multiplications by zero or the repeated products of a small vocabulary:
public enum TokenInput<Scalar: BLASReal> {
    /// Token v is the one-hot vector e_v of the layer's input width, so x · W_ihᵀ is column v
    /// of W_ih, and the W_ih gradient adds each step's ∂L/∂xProj into that column.
    case oneHot
    /// Token v is row v of the embedding table E [V, I], so x · W_ihᵀ is row v of E · W_ihᵀ
    /// [V, G], one product per forward instead of one per step and row. Backward gathers
    /// ∂L/∂xProj by token into S [V, G]; then dW_ih += Sᵀ · E and dE += S · W_ih.
    case embedding(Embedding<Scalar>)
}

/// A layer's input projection from token ids (see `TokenInput`), with its buffers.
///
/// Shape letters: N = T·B token rows, V vocabulary, I input width, G gate width, P parts of a
/// row split. An id of −1 is padding: its projection is zero and it receives no gradient, as
/// an embedding's padding row does. The layer's time loops gather and accumulate the rows of
/// each step themselves, so with a row split that work runs on both threads.
final class TokenProjection<Scalar: BLASReal> {
    /// The token kind of the last forward, or nil when it read a dense input.
    @exclusivity(unchecked) var source: TokenInput<Scalar>? = nil
    /// [N] the ids of the last forward; the caller keeps them alive until backward.
    @exclusivity(unchecked) var tokens: UnsafePointer<Int32>? = nil
    private let table = Tensor<Scalar>(shape: [1])       // [V, G] E · W_ihᵀ
    private let partSums = Tensor<Scalar>(shape: [1])    // [P, V, G] S per part
    @exclusivity(unchecked) private var vocabulary = 0, width = 0

    /// Before the forward loop: records the ids and, for embeddings, computes the table.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func prepare(_ ids: UnsafePointer<Int32>, as source: TokenInput<Scalar>, weightIH: Parameter<Scalar>) {
        self.source = source
        tokens = ids
        let G = weightIH.shape[0], I = weightIH.shape[1]
        width = G
        switch source {
        case .oneHot:
            vocabulary = I
        case .embedding(let e):
            vocabulary = e.vocabularySize
            precondition(e.embeddingSize == I, "embedding width \(e.embeddingSize) for a layer input of \(I)")
            table.resize(vocabulary, G)
            // table[V, G] = E[V, I] · W_ih[G, I]ᵀ
            Scalar.gemm(transA: false, transB: true, m: vocabulary, n: G, k: I, alpha: 1,
                        a: e.weight.value.data, lda: I, b: weightIH.value.data, ldb: I, beta: 0, c: table.data, ldc: G)
        }
    }

    /// xProj[r] = x_r · W_ihᵀ for token rows lo..<hi; `xProj` is the whole [N, G] buffer.
    @inline(__always)
    func gather(rows lo: Int, _ hi: Int, weightIH: Parameter<Scalar>, into xProj: UnsafeMutablePointer<Scalar>) {
        guard let source, let ids = tokens else { return }
        let G = width, V = vocabulary, w = weightIH.value.data
        for r in lo..<hi {
            let row = xProj + r * G, id = Int(ids[r])
            if id < 0 { row.update(repeating: 0, count: G); continue }
            precondition(id < V, "token \(id) outside the vocabulary \(V)")
            switch source {
            case .oneHot: for g in 0..<G { row[g] = w[g * V + id] }   // column id of W_ih
            case .embedding: row.update(from: table.data + id * G, count: G)
            }
        }
    }

    /// Before the backward loop: clears the sums of `parts` parts.
    func beginBackward(parts: Int) {
        guard case .embedding = source else { return }
        partSums.resize(parts, vocabulary, width)
        partSums.zero()
    }

    /// S_part[id_r] += dXProj[r] for token rows lo..<hi; `dXProj` is the whole [N, G] buffer.
    @inline(__always)
    func accumulate(rows lo: Int, _ hi: Int, dXProj: UnsafePointer<Scalar>, part: Int) {
        guard case .embedding = source, let ids = tokens else { return }
        let G = width, S = partSums.data + part * vocabulary * G
        for r in lo..<hi where ids[r] >= 0 { add(dXProj + r * G, into: S + Int(ids[r]) * G, count: G) }
    }

    /// After the backward loop: the W_ih gradient (and the embedding's) from the `parts` sums,
    /// or, for one-hot tokens, straight from dXProj [N, G].
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func finishBackward(rows N: Int, parts: Int, dXProj: UnsafePointer<Scalar>, weightIH: Parameter<Scalar>) {
        guard let source, let ids = tokens else { preconditionFailure("token backward without a token forward") }
        let G = width, V = vocabulary, dW = weightIH.grad.data
        switch source {
        case .oneHot:
            // dW_ih[:, id_r] += dXProj[r, :]
            for r in 0..<N {
                let id = Int(ids[r]), row = dXProj + r * G
                if id < 0 { continue }
                for g in 0..<G { dW[g * V + id] += row[g] }
            }
        case .embedding(let e):
            let I = e.embeddingSize, S = partSums.data
            for p in 1..<max(parts, 1) { add(S + p * V * G, into: S, count: V * G) }
            // dW_ih[G, I] += S[V, G]ᵀ · E[V, I]
            Scalar.gemm(transA: true, transB: false, m: G, n: I, k: V, alpha: 1,
                        a: S, lda: G, b: e.weight.value.data, ldb: I, beta: 1, c: dW, ldc: I)
            // dE[V, I] += S[V, G] · W_ih[G, I]
            Scalar.gemm(transA: false, transB: false, m: V, n: I, k: G, alpha: 1,
                        a: S, lda: G, b: weightIH.value.data, ldb: I, beta: 1, c: e.weight.grad.data, ldc: I)
        }
    }
}
