/// Bahdanau's additive score: score_j = vᵀ tanh(W_a s + U_a e_j + b).
///
/// Parameters match a PyTorch module with `Wa = Linear(Q, A, bias=False)`,
/// `Ua = Linear(K, A)` and `va = Linear(A, 1, bias=False)`: `Wa.weight` [A, Q], `Ua.weight`
/// [A, K], `Ua.bias` [A], `va.weight` [1, A]. A is the attention width.
///
/// The keys U_a e_j + b do not depend on the decoder, so `prepare` computes them for all S·B
/// encoder rows in one GEMM. Their gradient piles up over decoder steps and flows back to the
/// encoder (and into `Ua`) in one GEMM each in `finish`; `Wa`'s gradient is also deferred to one
/// GEMM over all D·B queries.
public final class AdditiveScore<Scalar: BLASReal>: AttentionScore {
    public var kind: AttentionKind { .additive }
    public let queryWidth: Int
    public let keyWidth: Int
    public let attentionWidth: Int

    public let queryWeight: Parameter<Scalar>   // Wa.weight [A, Q]
    public let keyWeight: Parameter<Scalar>     // Ua.weight [A, K]
    public let keyBias: Parameter<Scalar>       // Ua.bias   [A]
    public let vector: Parameter<Scalar>        // va.weight [1, A]
    public var parameters: [Parameter<Scalar>] { [queryWeight, keyWeight, keyBias, vector] }

    private var encoder: UnsafePointer<Scalar>?
    private var sourceLength = 0, batch = 0
    private let keys = Tensor<Scalar>(shape: [0, 0, 0])        // [S, B, A]  U_a e + b
    private let dKeys = Tensor<Scalar>(shape: [0, 0, 0])       // [S, B, A]
    private let tanhCache = Tensor<Scalar>(shape: [0, 0, 0])   // [D, S·B, A] tanh(W_a s + keys)
    private let dQueryProj = Tensor<Scalar>(shape: [0, 0, 0])  // [D, B, A]  ∂L/∂(W_a s) per step
    private let queryProj = Tensor<Scalar>(shape: [0, 0])      // [B, A]     W_a s, one step

    public init(queryWidth: Int, keyWidth: Int, attentionWidth: Int) {
        self.queryWidth = queryWidth
        self.keyWidth = keyWidth
        self.attentionWidth = attentionWidth
        queryWeight = Parameter("Wa.weight", shape: [attentionWidth, queryWidth])
        keyWeight = Parameter("Ua.weight", shape: [attentionWidth, keyWidth])
        keyBias = Parameter("Ua.bias", shape: [attentionWidth])
        vector = Parameter("va.weight", shape: [1, attentionWidth])
    }

    public func initialize(_ rng: inout SeededRandom) {
        // nn.Linear's default: U(±1/√fan_in) for weight and bias alike.
        Initializer.pytorchDefault(queryWeight.value, fanIn: queryWidth, rng: &rng)
        Initializer.pytorchDefault(keyWeight.value, fanIn: keyWidth, rng: &rng)
        Initializer.pytorchDefault(keyBias.value, fanIn: keyWidth, rng: &rng)
        Initializer.pytorchDefault(vector.value, fanIn: attentionWidth, rng: &rng)
    }

    // keys[S·B, A] = E[S·B, K] · U_aᵀ + b
    public func prepare(encoder: UnsafePointer<Scalar>, sourceLength S: Int, batch B: Int, steps D: Int) {
        let A = attentionWidth, K = keyWidth
        self.encoder = encoder; sourceLength = S; batch = B
        keys.resize(S, B, A)
        dKeys.resize(S, B, A)
        tanhCache.resize(D, S * B, A)
        dQueryProj.resize(D, B, A)
        queryProj.resize(B, A)
        dKeys.zero()
        dQueryProj.zero()
        let bias = keyBias.value.data
        for r in 0..<(S * B) { (keys.data + r * A).update(from: bias, count: A) }
        Scalar.gemm(transA: false, transB: true, m: S * B, n: A, k: K, alpha: 1,
                    a: encoder, lda: K, b: keyWeight.value.data, ldb: K,
                    beta: 1, c: keys.data, ldc: A)
    }

    // forward:  q = s · W_aᵀ [B, A];  u_jb = tanh(keys_jb + q_b);  score[b, j] = va · u_jb
    public func forward(step t: Int, query: UnsafePointer<Scalar>, scores: UnsafeMutablePointer<Scalar>) {
        let A = attentionWidth, Q = queryWidth, S = sourceLength, B = batch
        let q = queryProj.data, v = vector.value.data
        Scalar.gemm(transA: false, transB: true, m: B, n: A, k: Q, alpha: 1,
                    a: query, lda: Q, b: queryWeight.value.data, ldb: Q, beta: 0, c: q, ldc: A)
        let u = tanhCache.slice(t)
        for j in 0..<S {
            for b in 0..<B {
                let row = (j * B + b) * A
                for a in 0..<A { u[row + a] = keys.data[row + a] + q[b * A + a] }
            }
        }
        Scalar.tanhInPlace(u, count: S * B * A)   // vectorised for Float
        for r in 0..<(S * B) {
            let j = r / B, b = r % B
            scores[b * S + j] = Scalar.dot(n: A, x: v, y: u + r * A)
        }
    }

    // backward: du = dscore · va;  dpre = du ⊙ (1 − u²);  dkeys += dpre;  dq += Σ_j dpre;
    //           dva += dscore · u;  dQuery += dq · W_a
    public func backward(step t: Int, query: UnsafePointer<Scalar>, dScores: UnsafePointer<Scalar>,
                         dQuery: UnsafeMutablePointer<Scalar>) {
        let A = attentionWidth, Q = queryWidth, S = sourceLength, B = batch
        let v = vector.value.data, dv = vector.grad.data
        let u = tanhCache.slice(t), dq = dQueryProj.slice(t), dk = dKeys.data
        for j in 0..<S {
            for b in 0..<B {
                let ds = dScores[b * S + j]
                if ds == 0 { continue }   // masked position: contributes exactly nothing
                let row = (j * B + b) * A
                for a in 0..<A {
                    let ua = u[row + a]
                    let dpre = ds * v[a] * (1 - ua * ua)
                    dk[row + a] += dpre
                    dq[b * A + a] += dpre
                    dv[a] += ds * ua
                }
            }
        }
        Scalar.gemm(transA: false, transB: false, m: B, n: Q, k: A, alpha: 1,
                    a: dq, lda: A, b: queryWeight.value.data, ldb: Q, beta: 1, c: dQuery, ldc: Q)
    }

    // finish: dW_a += dqᵀ · s (all D·B rows);  dU_a += dkeysᵀ · E;  db += Σ_rows dkeys;
    //         dE += dkeys · U_a
    public func finish(steps D: Int, queries: UnsafePointer<Scalar>, dEncoder: UnsafeMutablePointer<Scalar>) {
        guard let encoder else { return }
        let A = attentionWidth, Q = queryWidth, K = keyWidth, rows = sourceLength * batch
        Scalar.gemm(transA: true, transB: false, m: A, n: Q, k: D * batch, alpha: 1,
                    a: dQueryProj.data, lda: A, b: queries, ldb: Q,
                    beta: 1, c: queryWeight.grad.data, ldc: Q)
        Scalar.gemm(transA: true, transB: false, m: A, n: K, k: rows, alpha: 1,
                    a: dKeys.data, lda: A, b: encoder, ldb: K,
                    beta: 1, c: keyWeight.grad.data, ldc: K)
        let db = keyBias.grad.data
        for r in 0..<rows { Scalar.axpy(n: A, alpha: 1, x: dKeys.data + r * A, y: db) }
        Scalar.gemm(transA: false, transB: false, m: rows, n: K, k: A, alpha: 1,
                    a: dKeys.data, lda: A, b: keyWeight.value.data, ldb: K,
                    beta: 1, c: dEncoder, ldc: K)
    }
}
