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
/// Shape letters: N = T·B token rows, V vocabulary, I input width, G gate width. An id of −1
/// is padding: its projection is zero and it receives no gradient, as an embedding's padding
/// row does.
final class TokenProjection<Scalar: BLASReal> {
    /// The token kind of the last forward, or nil when it read a dense input.
    @exclusivity(unchecked) var source: TokenInput<Scalar>? = nil
    /// [N] the ids of the last forward; the caller keeps them alive until backward.
    @exclusivity(unchecked) var tokens: UnsafePointer<Int32>? = nil
    private let table = Tensor<Scalar>(shape: [1])      // [V, G] E · W_ihᵀ
    private let rowGrads = Tensor<Scalar>(shape: [1])   // [V, G] S

    /// xProj [N, G] = x · W_ihᵀ for the N tokens; W_ih is [G, I].
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ ids: UnsafePointer<Int32>, rows N: Int, as source: TokenInput<Scalar>,
                 weightIH: Parameter<Scalar>, into xProj: UnsafeMutablePointer<Scalar>) {
        self.source = source
        tokens = ids
        let G = weightIH.shape[0], I = weightIH.shape[1], w = weightIH.value.data
        switch source {
        case .oneHot:
            for r in 0..<N {
                let row = xProj + r * G, id = Int(ids[r])
                if id < 0 { row.update(repeating: 0, count: G); continue }
                precondition(id < I, "token \(id) outside the one-hot width \(I)")
                for g in 0..<G { row[g] = w[g * I + id] }
            }
        case .embedding(let e):
            let V = e.vocabularySize
            precondition(e.embeddingSize == I, "embedding width \(e.embeddingSize) for a layer input of \(I)")
            table.resize(V, G)
            // table[V, G] = E[V, I] · W_ih[G, I]ᵀ
            Scalar.gemm(transA: false, transB: true, m: V, n: G, k: I, alpha: 1,
                        a: e.weight.value.data, lda: I, b: w, ldb: I, beta: 0, c: table.data, ldc: G)
            for r in 0..<N {
                let row = xProj + r * G, id = Int(ids[r])
                if id < 0 { row.update(repeating: 0, count: G); continue }
                precondition(id < V, "token \(id) outside the vocabulary \(V)")
                row.update(from: table.data + id * G, count: G)
            }
        }
    }

    /// Accumulates the W_ih gradient (and the embedding's) from dXProj [N, G] of the last forward.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(rows N: Int, dXProj: UnsafePointer<Scalar>, weightIH: Parameter<Scalar>) {
        guard let source, let ids = tokens else { preconditionFailure("token backward without a token forward") }
        let G = weightIH.shape[0], I = weightIH.shape[1], dW = weightIH.grad.data
        switch source {
        case .oneHot:
            // dW_ih[:, id_r] += dXProj[r, :]
            for r in 0..<N {
                let id = Int(ids[r]), row = dXProj + r * G
                if id < 0 { continue }
                for g in 0..<G { dW[g * I + id] += row[g] }
            }
        case .embedding(let e):
            let V = e.vocabularySize
            rowGrads.resize(V, G)
            rowGrads.zero()
            // S[id_r, :] += dXProj[r, :]
            for r in 0..<N where ids[r] >= 0 { add(dXProj + r * G, into: rowGrads.data + Int(ids[r]) * G, count: G) }
            // dW_ih[G, I] += S[V, G]ᵀ · E[V, I]
            Scalar.gemm(transA: true, transB: false, m: G, n: I, k: V, alpha: 1,
                        a: rowGrads.data, lda: G, b: e.weight.value.data, ldb: I, beta: 1, c: dW, ldc: I)
            // dE[V, I] += S[V, G] · W_ih[G, I]
            Scalar.gemm(transA: false, transB: false, m: V, n: I, k: G, alpha: 1,
                        a: rowGrads.data, lda: G, b: weightIH.value.data, ldb: I, beta: 1, c: e.weight.grad.data, ldc: I)
        }
    }
}
