/// Attention of a decoder state over encoder outputs: masked softmax of a score, then a
/// weighted sum of the encoder outputs.
///
/// Shape letters: D decoder steps, S source positions, B batch, Q query (decoder state) width,
/// K key (encoder output) width. Encoder outputs are time-major, [S, B, K].
///
/// One sequence goes: `prepare` (keys computed once), `forward(step:)` for t = 0, 1, …,
/// `backward(step:)` for every step in any order, then `finishBackward`, which hands the
/// gradient of the encoder outputs to the caller. The weights of every step are kept ([D, B, S])
/// so a probe can draw the alignment matrix of one batch item.
public final class Attention<Scalar: BLASReal> {
    /// The score, as its protocol. The hot path calls `additive` or `luong` instead: a call
    /// through an existential of a generic class runs the unspecialised generic body, whose
    /// arithmetic goes through witness tables and is several times slower.
    public var score: any AttentionScore<Scalar> {
        if let additive { return additive }
        guard let luong else { preconditionFailure("attention built without a score") }
        return luong
    }
    let additive: AdditiveScore<Scalar>?
    let luong: LuongScore<Scalar>?
    public var kind: AttentionKind { score.kind }
    public var queryWidth: Int { score.queryWidth }
    public var keyWidth: Int { score.keyWidth }
    public var parameters: [Parameter<Scalar>] { score.parameters }

    /// [D, B, S] attention weights of every step run since `prepare`; padded positions hold 0.
    public let weights = Tensor<Scalar>(shape: [0, 0, 0])
    public private(set) var sourceLength = 0
    public private(set) var batch = 0
    /// Decoder steps run forward since the last `prepare`.
    public private(set) var stepsRun = 0

    private var encoder: UnsafePointer<Scalar>?
    private let mask = Tensor<Scalar>(shape: [0, 0])              // [S, B] 1 = real, 0 = padding
    private let queries = Tensor<Scalar>(shape: [0, 0, 0])        // [D, B, Q]
    private let dEncoderDirect = Tensor<Scalar>(shape: [0, 0, 0]) // [S, B, K] through the context
    private let dWeights = Tensor<Scalar>(shape: [0, 0])          // [B, S]
    private let dScores = Tensor<Scalar>(shape: [0, 0])           // [B, S]

    /// - Parameters:
    ///   - attentionWidth: hidden width A of the additive score; defaults to `queryWidth`.
    /// - Throws: `InputError` for non-positive widths, or `dot` with different widths.
    public init(kind: AttentionKind, queryWidth: Int, keyWidth: Int, attentionWidth: Int? = nil) throws {
        let A = attentionWidth ?? queryWidth
        guard queryWidth > 0, keyWidth > 0, A > 0 else {
            throw InputError(place: "attention", "widths must be positive (query \(queryWidth), key \(keyWidth), attention \(A))")
        }
        try Limits.checkHidden(max(queryWidth, keyWidth, A), place: "attention")
        switch kind {
        case .additive:
            additive = AdditiveScore(queryWidth: queryWidth, keyWidth: keyWidth, attentionWidth: A)
            luong = nil
        case .dot:
            guard queryWidth == keyWidth else {
                throw InputError(place: "attention", "dot attention needs decoder width \(queryWidth) == encoder width \(keyWidth); use general")
            }
            additive = nil
            luong = LuongScore(queryWidth: queryWidth, keyWidth: keyWidth, projected: false)
        case .general:
            additive = nil
            luong = LuongScore(queryWidth: queryWidth, keyWidth: keyWidth, projected: true)
        }
    }

    public func initialize(_ rng: inout SeededRandom) { score.initialize(&rng) }

    /// Starts a sequence: encoder outputs [S, B, K], optional mask [S, B] (nonzero = real token),
    /// and room for up to `steps` decoder steps. `encoder` must stay valid and unchanged until
    /// `finishBackward`. Allocates only when a size grows.
    public func prepare(encoder: UnsafePointer<Scalar>, mask maskIn: UnsafePointer<Scalar>?,
                        sourceLength S: Int, batch B: Int, steps D: Int) {
        self.encoder = encoder
        sourceLength = S; batch = B; stepsRun = 0
        weights.resize(D, B, S)
        queries.resize(D, B, queryWidth)
        dEncoderDirect.resize(S, B, keyWidth)
        dWeights.resize(B, S)
        dScores.resize(B, S)
        mask.resize(S, B)
        if let maskIn {
            for i in 0..<(S * B) { mask.data[i] = maskIn[i] != 0 ? 1 : 0 }
        } else {
            mask.fill(1)
        }
        weights.zero()
        dEncoderDirect.zero()
        if let additive { additive.prepare(encoder: encoder, sourceLength: S, batch: B, steps: D) }
        if let luong { luong.prepare(encoder: encoder, sourceLength: S, batch: B, steps: D) }
    }

    // forward:  z = score(s, keys) [B, S];  a = masked softmax_j(z);  context_b = Σ_j a_bj e_jb
    /// Runs decoder step `step` (< the `steps` given to `prepare`) for query [B, Q] and writes
    /// the context [B, K].
    public func forward(step t: Int, query: UnsafePointer<Scalar>, context: UnsafeMutablePointer<Scalar>) {
        guard let encoder else { return }
        precondition(t >= 0 && t < weights.shape[0], "attention step \(t) outside the steps prepared")
        let S = sourceLength, B = batch, K = keyWidth
        let q = queries.slice(t), a = weights.slice(t)
        q.update(from: query, count: B * queryWidth)
        if let additive { additive.forward(step: t, query: q, scores: a) }
        if let luong { luong.forward(step: t, query: q, scores: a) }
        for b in 0..<B { maskedSoftmax(a + b * S, row: b) }
        for b in 0..<B {
            Scalar.gemm(transA: false, transB: false, m: 1, n: K, k: S, alpha: 1,
                        a: a + b * S, lda: S, b: encoder + b * K, ldb: B * K,
                        beta: 0, c: context + b * K, ldc: K)
        }
        stepsRun = max(stepsRun, t + 1)
    }

    /// Softmax over the real positions of one batch row, in place; padded positions get 0, and
    /// a row with no real position gets all zeros (an empty context) rather than NaN.
    private func maskedSoftmax(_ z: UnsafeMutablePointer<Scalar>, row b: Int) {
        let S = sourceLength, B = batch, m = mask.data
        var top = -Scalar.infinity
        for j in 0..<S where m[j * B + b] != 0 { top = max(top, z[j]) }
        var sum: Scalar = 0
        for j in 0..<S {
            let e = m[j * B + b] != 0 ? Scalar.exp(z[j] - top) : 0
            z[j] = e
            sum += e
        }
        if sum == 0 { return }
        let inv = 1 / sum
        for j in 0..<S { z[j] *= inv }
    }

    // backward: da_b = dcontext_b · E_bᵀ;  dE_jb += a_bj dcontext_b;
    //           dz_bj = a_bj (da_bj − Σ_k a_bk da_bk);  the score maps dz to dQuery and keys
    /// Backpropagates step `step` from dContext [B, K]; ADDS ∂L/∂query into `dQuery` [B, Q].
    public func backward(step t: Int, dContext: UnsafePointer<Scalar>, dQuery: UnsafeMutablePointer<Scalar>) {
        guard let encoder else { return }
        precondition(t >= 0 && t < stepsRun, "attention backward of step \(t), which has not run forward")
        let S = sourceLength, B = batch, K = keyWidth
        let a = weights.slice(t), da = dWeights.data, dz = dScores.data
        for b in 0..<B {
            Scalar.gemm(transA: false, transB: true, m: 1, n: S, k: K, alpha: 1,
                        a: dContext + b * K, lda: K, b: encoder + b * K, ldb: B * K,
                        beta: 0, c: da + b * S, ldc: S)
            Scalar.gemm(transA: false, transB: false, m: S, n: K, k: 1, alpha: 1,
                        a: a + b * S, lda: 1, b: dContext + b * K, ldb: K,
                        beta: 1, c: dEncoderDirect.data + b * K, ldc: B * K)
            let row = b * S
            let mean = Scalar.dot(n: S, x: a + row, y: da + row)
            for j in 0..<S { dz[row + j] = a[row + j] * (da[row + j] - mean) }
        }
        if let additive { additive.backward(step: t, query: queries.slice(t), dScores: dz, dQuery: dQuery) }
        if let luong { luong.backward(step: t, query: queries.slice(t), dScores: dz, dQuery: dQuery) }
    }

    /// After every step's `backward`: ADDS ∂L/∂encoder outputs [S, B, K] into `dEncoder` and
    /// completes the parameter gradients.
    public func finishBackward(dEncoder: UnsafeMutablePointer<Scalar>) {
        Scalar.axpy(n: dEncoderDirect.count, alpha: 1, x: dEncoderDirect.data, y: dEncoder)
        if let additive { additive.finish(steps: stepsRun, queries: queries.data, dEncoder: dEncoder) }
        if let luong { luong.finish(steps: stepsRun, queries: queries.data, dEncoder: dEncoder) }
    }

    /// Weight of source position `source` for output step `step` and batch row `row`.
    public func weight(step: Int, row: Int, source: Int) -> Scalar {
        guard step >= 0, step < stepsRun, row >= 0, row < batch, source >= 0, source < sourceLength else { return 0 }
        return weights.slice(step)[row * sourceLength + source]
    }

    /// Copies the alignment matrix of batch row `row` into `out` as [stepsRun, S]
    /// (output step × input step); an out-of-range row gives an empty [0, S] matrix.
    public func alignment(row: Int, into out: Tensor<Scalar>) {
        let S = sourceLength
        guard row >= 0, row < batch else { out.resize(0, S); return }
        out.resize(stepsRun, S)
        for t in 0..<stepsRun { (out.data + t * S).update(from: weights.slice(t) + row * S, count: S) }
    }

    /// The alignment matrix of batch row `row` as [output step][input step], for a
    /// `ProbeSnapshot`; empty for an out-of-range row.
    public func alignmentRows(row: Int) -> [[Float]] {
        guard row >= 0, row < batch else { return [] }
        let S = sourceLength
        return (0..<stepsRun).map { t in (0..<S).map { Float(weights.slice(t)[row * S + $0]) } }
    }
}
