/// Weight initialisers, each matching the torch.nn.init function it names.
///
/// 2-D tensors are [fanOut, fanIn] (rows = outputs), as PyTorch stores `nn.Linear` and RNN
/// weights. Randomness comes from the `SeededRandom` passed in, so an initialisation repeats
/// bit for bit; the draws are not PyTorch's, only their distributions are.
public enum Initializer {
    /// All zeros (biases, and the default of every `Parameter`).
    public static func zeros<Scalar: BLASReal>(_ t: Tensor<Scalar>) { t.zero() }

    /// U(lo, hi) for every entry.
    public static func uniform<Scalar: BLASReal>(_ t: Tensor<Scalar>, _ lo: Double, _ hi: Double,
                                                 rng: inout SeededRandom) {
        for i in 0..<t.count { t[i] = Scalar(rng.uniform(lo, hi)) }
    }

    /// N(mean, std²) for every entry (`nn.Embedding` uses N(0, 1)).
    public static func normal<Scalar: BLASReal>(_ t: Tensor<Scalar>, mean: Double = 0, std: Double = 1,
                                                rng: inout SeededRandom) {
        for i in 0..<t.count { t[i] = Scalar(mean + std * rng.normal()) }
    }

    /// PyTorch's default for recurrent and linear layers: U(−1/√n, 1/√n).
    ///
    /// `nn.RNN`, `nn.LSTM` and `nn.GRU` use n = hidden size for every weight and bias;
    /// `nn.Linear` uses n = in_features for its weight and its bias.
    public static func pytorchDefault<Scalar: BLASReal>(_ t: Tensor<Scalar>, fanIn n: Int,
                                                        rng: inout SeededRandom) {
        let bound = n > 0 ? 1 / Double(n).squareRoot() : 0
        uniform(t, -bound, bound, rng: &rng)
    }

    /// Xavier/Glorot uniform: U(±gain·√(6 / (fanIn + fanOut))), keeping activation variance
    /// roughly constant forward and backward (torch.nn.init.xavier_uniform_).
    public static func xavierUniform<Scalar: BLASReal>(_ t: Tensor<Scalar>, gain: Double = 1,
                                                       rng: inout SeededRandom) {
        let (fanOut, fanIn) = fans(t)
        let bound = gain * (6 / Double(max(fanIn + fanOut, 1))).squareRoot()
        uniform(t, -bound, bound, rng: &rng)
    }

    /// Xavier/Glorot normal: N(0, gain²·2 / (fanIn + fanOut)) (torch.nn.init.xavier_normal_).
    public static func xavierNormal<Scalar: BLASReal>(_ t: Tensor<Scalar>, gain: Double = 1,
                                                      rng: inout SeededRandom) {
        let (fanOut, fanIn) = fans(t)
        normal(t, std: gain * (2 / Double(max(fanIn + fanOut, 1))).squareRoot(), rng: &rng)
    }

    /// gain on the diagonal, zeros elsewhere (torch.nn.init.eye_, scaled).
    ///
    /// With a ReLU Elman cell this is IRNN (Le, Jaitly & Hinton 2015): W_hh = I makes the
    /// untrained network copy its state forward, so gradients neither vanish nor explode at first.
    public static func identity<Scalar: BLASReal>(_ t: Tensor<Scalar>, gain: Double = 1) {
        let (rows, cols) = fans(t)
        t.zero()
        for i in 0..<min(rows, cols) { t[i * cols + i] = Scalar(gain) }
    }

    /// A (semi-)orthogonal matrix times `gain` (torch.nn.init.orthogonal_).
    ///
    /// Draws a Gaussian matrix, takes the Q of its QR decomposition with R's diagonal made
    /// positive (which is what PyTorch's sign correction does, and what makes Q uniformly
    /// distributed over orthogonal matrices). A wide matrix is orthogonalised as its transpose,
    /// so rows are orthonormal when rows ≤ cols and columns are orthonormal otherwise.
    ///
    /// `blocks` splits the rows into that many equal blocks and makes each one orthogonal on its
    /// own: the usual choice for a gated W_hh [G·H, H], one orthogonal H×H matrix per gate.
    public static func orthogonal<Scalar: BLASReal>(_ t: Tensor<Scalar>, gain: Double = 1, blocks: Int = 1,
                                                    rng: inout SeededRandom) {
        let (rows, cols) = fans(t)
        precondition(blocks > 0 && rows % blocks == 0, "orthogonal: \(rows) rows do not split into \(blocks) blocks")
        let blockRows = rows / blocks
        for b in 0..<blocks {
            let q = randomOrthonormal(rows: blockRows, cols: cols, rng: &rng)
            for i in 0..<blockRows * cols { t[b * blockRows * cols + i] = Scalar(gain * q[i]) }
        }
    }

    /// (rows, cols) of a 2-D tensor; a 1-D tensor counts as one row.
    private static func fans<Scalar: BLASReal>(_ t: Tensor<Scalar>) -> (Int, Int) {
        precondition(t.shape.count <= 2, "initialisers expect 1-D or 2-D tensors, got \(t.shape)")
        if t.shape.count == 2 { return (t.shape[0], t.shape[1]) }
        return (1, t.count)
    }

    /// A rows×cols row-major matrix with orthonormal rows (rows ≤ cols) or columns (rows > cols).
    static func randomOrthonormal(rows: Int, cols: Int, rng: inout SeededRandom) -> [Double] {
        // Orthonormalise the columns of a tall m×n Gaussian matrix A (m ≥ n); a wide request is
        // that result transposed.
        let m = max(rows, cols), n = min(rows, cols)
        var a = [Double](repeating: 0, count: m * n)   // column-major: column j at a[j*m ..< (j+1)*m]
        for i in 0..<a.count { a[i] = rng.normal() }
        gramSchmidtColumns(&a, m: m, n: n)
        var out = [Double](repeating: 0, count: rows * cols)
        for j in 0..<n {
            for i in 0..<m {
                // Tall: out[i, j] = Q[i, j]. Wide: out[j, i] = Q[i, j].
                if rows >= cols { out[i * cols + j] = a[j * m + i] } else { out[j * cols + i] = a[j * m + i] }
            }
        }
        return out
    }

    /// Modified Gram–Schmidt, run twice per column ("twice is enough" restores orthogonality
    /// lost to rounding). It yields the Q of A = QR with positive diag(R), the sign-corrected Q.
    private static func gramSchmidtColumns(_ a: inout [Double], m: Int, n: Int) {
        for j in 0..<n {
            for _ in 0..<2 {
                for k in 0..<j {
                    var r = 0.0
                    for i in 0..<m { r += a[k * m + i] * a[j * m + i] }
                    for i in 0..<m { a[j * m + i] -= r * a[k * m + i] }
                }
            }
            var norm = 0.0
            for i in 0..<m { norm += a[j * m + i] * a[j * m + i] }
            norm = norm.squareRoot()
            // A Gaussian column is almost surely independent of the earlier ones; guard anyway.
            if norm == 0 { norm = 1 }
            for i in 0..<m { a[j * m + i] /= norm }
        }
    }
}

/// Rescales a square matrix so its spectral radius equals `radius`, and returns the radius it had.
///
/// This is how an echo state network's reservoir is set to the edge of stability (ρ just under
/// 1). A matrix whose radius is 0 or not finite cannot be rescaled and is left unchanged.
@discardableResult
public func scaleToSpectralRadius<Scalar: BLASReal>(_ w: Tensor<Scalar>, radius: Double) -> Double {
    let current = spectralRadius(w)
    guard current.isFinite, current > 0 else { return current }
    let factor = Scalar(radius / current)
    for i in 0..<w.count { w[i] *= factor }
    return current
}
