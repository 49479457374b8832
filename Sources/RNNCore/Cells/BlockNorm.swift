/// Layer normalisation of [B, G] rows in K independent blocks of width W (G = K·W), with a cache
/// per slot. `LayerNormCell` keeps one for xProj and one for hProj.
///
///     μ = mean_W(x)    σ² = mean_W((x − μ)²)    r = 1/√(σ² + ε)
///     x̂ = (x − μ) r    y = γ ⊙ x̂ + β
final class BlockNorm<Scalar: BLASReal> {
    let width: Int
    let blocks: Int
    var gateWidth: Int { width * blocks }

    /// [steps, B, G] x̂ (for backward) and y (what the inner cell reads).
    private let xHat = Tensor<Scalar>(shape: [0])
    private let out = Tensor<Scalar>(shape: [0])
    /// [steps, B, K] μ and r of each block.
    private let mean = Tensor<Scalar>(shape: [0])
    private let rstd = Tensor<Scalar>(shape: [0])
    private var reservedBatch = 0
    private var reservedSteps = 0

    init(width: Int, blocks: Int) {
        self.width = width
        self.blocks = blocks
    }

    func reserve(steps: Int, batch: Int) {
        reservedSteps = steps
        reservedBatch = batch
        xHat.resize(steps, batch, gateWidth)
        out.resize(steps, batch, gateWidth)
        mean.resize(steps, batch, blocks)
        rstd.resize(steps, batch, blocks)
    }

    /// [B, G] normalised output y of `slot`.
    @inline(__always)
    func output(slot: Int) -> UnsafeMutablePointer<Scalar> { out.data + slot * reservedBatch * gateWidth }

    func statistics(slot: Int, row: Int, block: Int, epsilon: Scalar) -> (mean: Scalar, variance: Scalar)? {
        guard slot < reservedSteps, row < reservedBatch, block < blocks else { return nil }
        let k = (slot * reservedBatch + row) * blocks + block
        let r = rstd.data[k]
        return (mean.data[k], 1 / (r * r) - epsilon)
    }

    // forward, per row and block (W entries):  μ, σ², r;  x̂ = (x − μ) r;  y = γ x̂ + β
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func forward(_ x: UnsafeMutablePointer<Scalar>, slot: Int, batch: Int,
                 gain: UnsafeMutablePointer<Scalar>, bias: UnsafeMutablePointer<Scalar>, epsilon: Scalar) {
        assert(slot < reservedSteps && batch <= reservedBatch, "BlockNorm: reserve before forward")
        let G = gateWidth, W = width, n = Scalar(W)
        let base = slot * reservedBatch
        for r in 0..<batch {
            for b in 0..<blocks {
                let off = r * G + b * W
                let xs = x + off, xh = xHat.data + base * G + off, y = out.data + base * G + off
                let gm = gain + b * W, bt = bias + b * W
                var mu: Scalar = 0
                for j in 0..<W { mu += xs[j] }
                mu /= n
                var v: Scalar = 0
                for j in 0..<W { let d = xs[j] - mu; v += d * d }
                let rs = 1 / Scalar.sqrt(v / n + epsilon)
                for j in 0..<W {
                    xh[j] = (xs[j] - mu) * rs
                    y[j] = gm[j] * xh[j] + bt[j]
                }
                let k = (base + r) * blocks + b
                mean.data[k] = mu
                rstd.data[k] = rs
            }
        }
    }

    // backward, per row and block, given dy:
    //   dγ += dy x̂;  dβ += dy;  dx̂ = dy γ
    //   dx = r (dx̂ − mean_W(dx̂) − x̂ mean_W(dx̂ x̂))
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func backward(_ dy: UnsafeMutablePointer<Scalar>, into dx: UnsafeMutablePointer<Scalar>,
                  slot: Int, batch: Int, gain: UnsafeMutablePointer<Scalar>,
                  dGain: UnsafeMutablePointer<Scalar>, dBias: UnsafeMutablePointer<Scalar>) {
        let G = gateWidth, W = width, n = Scalar(W)
        let base = slot * reservedBatch
        for r in 0..<batch {
            for b in 0..<blocks {
                let off = r * G + b * W
                let dys = dy + off, dxs = dx + off, xh = xHat.data + base * G + off
                let gm = gain + b * W, dg = dGain + b * W, db = dBias + b * W
                var m1: Scalar = 0, m2: Scalar = 0
                for j in 0..<W {
                    dg[j] += dys[j] * xh[j]
                    db[j] += dys[j]
                    let dxh = dys[j] * gm[j]
                    m1 += dxh
                    m2 += dxh * xh[j]
                }
                m1 /= n
                m2 /= n
                let rs = rstd.data[(base + r) * blocks + b]
                for j in 0..<W { dxs[j] = rs * (dys[j] * gm[j] - m1 - xh[j] * m2) }
            }
        }
    }
}
