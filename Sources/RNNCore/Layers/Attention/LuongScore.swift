/// Luong's multiplicative scores: `dot`, score_j = sᵀ e_j, and `general`, score_j = sᵀ W_a e_j.
///
/// Both are a dot product between the query and a key; they differ only in the key. For `dot`
/// the key is the encoder output itself (so Q must equal K). For `general` it is W_a e_j, with
/// `Wa.weight` [Q, K] as in `Linear(K, Q, bias=False)`, computed for all S·B encoder rows in one
/// GEMM by `prepare`; its gradient returns to the encoder and to W_a in one GEMM each in `finish`.
public final class LuongScore<Scalar: BLASReal>: AttentionScore {
    public let kind: AttentionKind
    public let queryWidth: Int
    public let keyWidth: Int
    /// `Wa.weight` [Q, K] for `general`; nil for `dot`.
    public let weight: Parameter<Scalar>?
    public var parameters: [Parameter<Scalar>] { weight.map { [$0] } ?? [] }

    private var encoder: UnsafePointer<Scalar>?
    private var sourceLength = 0, batch = 0
    private let projectedKeys = Tensor<Scalar>(shape: [0, 0, 0])  // [S, B, Q]  W_a e (general only)
    private let dKeys = Tensor<Scalar>(shape: [0, 0, 0])          // [S, B, Q]

    /// `general` when `projected`, else `dot` (which requires `queryWidth == keyWidth`).
    public init(queryWidth: Int, keyWidth: Int, projected: Bool) {
        precondition(projected || queryWidth == keyWidth, "dot attention needs query width == key width")
        kind = projected ? .general : .dot
        self.queryWidth = queryWidth
        self.keyWidth = keyWidth
        weight = projected ? Parameter("Wa.weight", shape: [queryWidth, keyWidth]) : nil
    }

    public func initialize(_ rng: inout SeededRandom) {
        if let weight { Initializer.pytorchDefault(weight.value, fanIn: keyWidth, rng: &rng) }
    }

    /// [S·B, Q] keys: the encoder outputs for `dot`, W_a e for `general`.
    private var keys: UnsafePointer<Scalar>? {
        weight == nil ? encoder : UnsafePointer(projectedKeys.data)
    }

    // general: keys[S·B, Q] = E[S·B, K] · W_aᵀ
    public func prepare(encoder: UnsafePointer<Scalar>, sourceLength S: Int, batch B: Int, steps D: Int) {
        self.encoder = encoder; sourceLength = S; batch = B
        dKeys.resize(S, B, queryWidth)
        dKeys.zero()
        guard let w = weight else { return }
        projectedKeys.resize(S, B, queryWidth)
        Scalar.gemm(transA: false, transB: true, m: S * B, n: queryWidth, k: keyWidth, alpha: 1,
                    a: encoder, lda: keyWidth, b: w.value.data, ldb: keyWidth,
                    beta: 0, c: projectedKeys.data, ldc: queryWidth)
    }

    // forward: score[b, :] [1, S] = s_b [1, Q] · keys_bᵀ, where keys_b [S, Q] has row stride B·Q
    public func forward(step t: Int, query: UnsafePointer<Scalar>, scores: UnsafeMutablePointer<Scalar>) {
        guard let keys else { return }
        let Q = queryWidth, S = sourceLength, B = batch
        for b in 0..<B {
            Scalar.gemm(transA: false, transB: true, m: 1, n: S, k: Q, alpha: 1,
                        a: query + b * Q, lda: Q, b: keys + b * Q, ldb: B * Q,
                        beta: 0, c: scores + b * S, ldc: S)
        }
    }

    // backward: dQuery_b += dscore_b · keys_b;  dkeys_b += dscore_bᵀ ⊗ s_b
    public func backward(step t: Int, query: UnsafePointer<Scalar>, dScores: UnsafePointer<Scalar>,
                         dQuery: UnsafeMutablePointer<Scalar>) {
        guard let keys else { return }
        let Q = queryWidth, S = sourceLength, B = batch
        for b in 0..<B {
            Scalar.gemm(transA: false, transB: false, m: 1, n: Q, k: S, alpha: 1,
                        a: dScores + b * S, lda: S, b: keys + b * Q, ldb: B * Q,
                        beta: 1, c: dQuery + b * Q, ldc: Q)
            Scalar.gemm(transA: false, transB: false, m: S, n: Q, k: 1, alpha: 1,
                        a: dScores + b * S, lda: 1, b: query + b * Q, ldb: Q,
                        beta: 1, c: dKeys.data + b * Q, ldc: B * Q)
        }
    }

    // finish: dot: dE += dkeys.  general: dE += dkeys · W_a;  dW_a += dkeysᵀ · E
    public func finish(steps D: Int, queries: UnsafePointer<Scalar>, dEncoder: UnsafeMutablePointer<Scalar>) {
        guard let encoder else { return }
        let Q = queryWidth, K = keyWidth, rows = sourceLength * batch
        guard let w = weight else {
            Scalar.axpy(n: rows * K, alpha: 1, x: dKeys.data, y: dEncoder)
            return
        }
        Scalar.gemm(transA: false, transB: false, m: rows, n: K, k: Q, alpha: 1,
                    a: dKeys.data, lda: Q, b: w.value.data, ldb: K, beta: 1, c: dEncoder, ldc: K)
        Scalar.gemm(transA: true, transB: false, m: Q, n: K, k: rows, alpha: 1,
                    a: dKeys.data, lda: Q, b: encoder, ldb: K, beta: 1, c: w.grad.data, ldc: K)
    }
}
