/// Single-head scaled dot-product self-attention, forward only: the core of a Transformer
/// layer, kept minimal so its cost can be set against a recurrent layer's.
///
/// Shape letters: T steps, B batch, D model width. Input and output are time-major [T, B, D].
///
///     Q = X W_qᵀ,  K = X W_kᵀ,  V = X W_vᵀ           [T, D] each, per sequence
///     A = softmax_rows(Q Kᵀ / √D)                       [T, T]
///     Y = (A V) W_oᵀ                                    [T, D]
///
/// Every product is a BLAS GEMM. The projections cost O(T·D²) and the attention itself
/// O(T²·D), so for T ≫ D the time per sequence grows as T²; but no product waits for the
/// previous step's result, so the number of sequential operations does not grow with T at all.
/// A recurrent layer is the opposite: O(T·D²) work in T operations that must run one after
/// another. There is no backward here: the rnn-vs-transformer-cost scenario times forwards.
public final class SelfAttention<Scalar: BLASReal> {
    public let width: Int
    /// W_q, W_k, W_v, W_o, each [D, D].
    public let query: Parameter<Scalar>, key: Parameter<Scalar>, value: Parameter<Scalar>, out: Parameter<Scalar>
    /// [T, B, D] the output of the last forward.
    public let output = Tensor<Scalar>(shape: [0, 0, 0])
    /// Query rows whose scores are held at once: about 64K scores (256 KB in Float), so the
    /// score block stays in cache however long the sequence. Without this tiling a [T, T] score
    /// matrix falls out of cache as T grows and the time jumps well past the T² the arithmetic
    /// predicts.
    public static var scoresPerBlock: Int { 1 << 16 }
    /// [rows, T + 16] attention weights of the last block of query rows of the last sequence;
    /// row i's T weights start at i · (T + 16). The padding keeps the row stride off powers of
    /// two: at a stride of exactly 4 KB every row of a GEMM micro-tile maps to the same cache
    /// sets, and at T = 1024 that alone made the layer three times slower per score.
    public let weights = Tensor<Scalar>(shape: [0, 0])
    /// Entries between the starts of two rows of `weights`.
    public private(set) var weightStride = 0

    let q = Tensor<Scalar>(shape: [0, 0, 0])        // [T, B, D]
    let k = Tensor<Scalar>(shape: [0, 0, 0])        // [T, B, D]
    let v = Tensor<Scalar>(shape: [0, 0, 0])        // [T, B, D]
    let mixed = Tensor<Scalar>(shape: [0, 0, 0])    // [T, B, D] A V before W_o

    /// Weights drawn from PyTorch's default U(±1/√D).
    public init(width: Int, rng: inout SeededRandom) {
        precondition(width >= 1, "self-attention needs a positive width")
        self.width = width
        query = Parameter("self_attn.q_proj.weight", shape: [width, width])
        key = Parameter("self_attn.k_proj.weight", shape: [width, width])
        value = Parameter("self_attn.v_proj.weight", shape: [width, width])
        out = Parameter("self_attn.out_proj.weight", shape: [width, width])
        for p in parameters { Initializer.pytorchDefault(p.value, fanIn: width, rng: &rng) }
    }

    public var parameters: [Parameter<Scalar>] { [query, key, value, out] }

    /// Runs the layer on x [T, B, D]; the result is in `output`. Allocates only when T or B grow.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ x: Tensor<Scalar>, steps T: Int, batch B: Int) {
        let D = width, rows = T * B
        precondition(x.count >= rows * D, "self-attention input holds \(x.shape), expected [\(T), \(B), \(D)]")
        q.resize(T, B, D); k.resize(T, B, D); v.resize(T, B, D); mixed.resize(T, B, D); output.resize(T, B, D)
        let block = Swift.max(1, Swift.min(T, Self.scoresPerBlock / T))
        let ld = T + 16
        weightStride = ld
        weights.resize(block, ld)
        // Q, K, V = X · Wᵀ over all T·B rows at once      [T·B, D] · [D, D]
        project(x.data, rows: rows, by: query, into: q)
        project(x.data, rows: rows, by: key, into: k)
        project(x.data, rows: rows, by: value, into: v)
        let scale = 1 / Scalar.sqrt(Scalar(D))
        for b in 0..<B {
            // Sequence b's rows sit every B·D entries of the time-major tensors.
            let kb = k.data + b * D, vb = v.data + b * D
            var first = 0
            while first < T {
                // Query rows first ..< first + n of sequence b.
                let n = Swift.min(block, T - first)
                let qb = q.data + (first * B + b) * D, mb = mixed.data + (first * B + b) * D
                // S = Q Kᵀ / √D                             [n, D] · [D, T]
                Scalar.gemm(transA: false, transB: true, m: n, n: T, k: D, alpha: scale, a: qb, lda: B * D,
                            b: kb, ldb: B * D, beta: 0, c: weights.data, ldc: ld)
                for i in 0..<n { softmaxInPlace(weights.data + i * ld, count: T) }
                // A V                                       [n, T] · [T, D]
                Scalar.gemm(transA: false, transB: false, m: n, n: D, k: T, alpha: 1, a: weights.data, lda: ld,
                            b: vb, ldb: B * D, beta: 0, c: mb, ldc: B * D)
                first += n
            }
        }
        // Y = (A V) · W_oᵀ                                   [T·B, D] · [D, D]
        project(mixed.data, rows: rows, by: out, into: output)
    }

    /// y = x · Wᵀ for `rows` rows: [rows, D] · [D, D].
    @inline(__always)
    func project(_ x: UnsafePointer<Scalar>, rows: Int, by w: Parameter<Scalar>, into y: Tensor<Scalar>) {
        Scalar.gemm(transA: false, transB: true, m: rows, n: width, k: width, alpha: 1, a: x, lda: width,
                    b: w.value.data, ldb: width, beta: 0, c: y.data, ldc: width)
    }

    /// row ← softmax(row), shifted by its maximum so exp never overflows.
    @inline(__always)
    func softmaxInPlace(_ row: UnsafeMutablePointer<Scalar>, count n: Int) {
        var top = row[0]
        for j in 1..<n where row[j] > top { top = row[j] }
        var sum: Scalar = 0
        for j in 0..<n {
            let e = Scalar.exp(row[j] - top)
            row[j] = e
            sum += e
        }
        let inverse = 1 / sum
        for j in 0..<n { row[j] *= inverse }
    }
}
