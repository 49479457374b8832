import RealModule

/// Backpropagation through time written out by hand, in Double, for a one-layer tanh Elman RNN
/// with a linear head and a masked mean-squared-error loss: what the bptt scenario adds up.
///
///     a_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh      [B, H]   (h_{−1} = 0)
///     h_t = tanh(a_t)
///     p_t = W_hy h_t + b_y                             [B, O]
///     L   = Σ_t Σ_b m_tb ‖p_tb − y_tb‖² / (O Σ m)      (MeanSquaredError, reduction mean)
///
/// Backward, from the last step to the first:
///
///     ∂L/∂h_t = W_hyᵀ ∂L/∂p_t + W_hhᵀ δ_{t+1}          (the total derivative the probe shows)
///     δ_t     = ∂L/∂a_t = ∂L/∂h_t ⊙ (1 − h_t²)
///     C_t     = δ_t h_{t−1}ᵀ                            [H, H], summed over the batch
///
/// The same W_hh acts at every step, so ∂L/∂W_hh is the sum of the per-step terms C_t: each is
/// the gradient W_hh would get if only its copy at step t could change. Deliberately plain
/// loops over arrays, no BLAS, so every product can be read off the formulas above.
struct ElmanBPTT {
    /// I, H, O.
    let inputSize: Int, hiddenSize: Int, outputSize: Int
    var weightIH: [Double]   // [H, I]
    var weightHH: [Double]   // [H, H]
    var biasIH: [Double]     // [H]
    var biasHH: [Double]     // [H]
    var weightHY: [Double]   // [O, H]
    var biasY: [Double]      // [O]

    /// What one forward and backward pass found.
    struct Result {
        var loss: Double
        /// [T][H·H] the contribution C_t of step t to ∂L/∂W_hh, row-major.
        var contributions: [[Double]]
        /// [H·H] Σ_t C_t.
        var total: [Double]
        /// [T] ‖∂L/∂h_t‖ for batch row 0.
        var gradHNormsRow0: [Double]
    }

    /// Runs forward and backward.
    /// - Parameters:
    ///   - x: [T, B, I] inputs, time-major, flat.
    ///   - y: [T, B, O] targets.
    ///   - mask: [T, B] loss weights (1 where a step is scored).
    func run(x: [Double], y: [Double], mask: [Double], steps T: Int, batch B: Int) -> Result {
        let I = inputSize, H = hiddenSize, O = outputSize
        // Forward. h[t] is the [B, H] state after step t; the state before step 0 is zero.
        var h = [[Double]](repeating: [Double](repeating: 0, count: B * H), count: T)
        var p = [Double](repeating: 0, count: T * B * O)
        for t in 0..<T {
            for b in 0..<B {
                for j in 0..<H {
                    var a = biasIH[j] + biasHH[j]
                    for i in 0..<I { a += weightIH[j * I + i] * x[(t * B + b) * I + i] }
                    if t > 0 { for k in 0..<H { a += weightHH[j * H + k] * h[t - 1][b * H + k] } }
                    h[t][b * H + j] = Double.tanh(a)
                }
                for o in 0..<O {
                    var v = biasY[o]
                    for j in 0..<H { v += weightHY[o * H + j] * h[t][b * H + j] }
                    p[(t * B + b) * O + o] = v
                }
            }
        }
        let totalWeight = mask.reduce(0, +)
        let n = totalWeight > 0 ? 1 / (Double(O) * totalWeight) : 0
        var loss = 0.0
        for r in 0..<(T * B) {
            for o in 0..<O { let d = p[r * O + o] - y[r * O + o]; loss += mask[r] * d * d * n }
        }

        // Backward. deltaNext is δ_{t+1} [B, H]; zero beyond the last step.
        var contributions = [[Double]](repeating: [Double](repeating: 0, count: H * H), count: T)
        var norms = [Double](repeating: 0, count: T)
        var deltaNext = [Double](repeating: 0, count: B * H)
        for t in stride(from: T - 1, through: 0, by: -1) {
            var delta = [Double](repeating: 0, count: B * H)
            for b in 0..<B {
                var squared = 0.0
                for j in 0..<H {
                    // ∂L/∂h_t: through this step's output, and through a_{t+1}.
                    var g = 0.0
                    for o in 0..<O {
                        let r = t * B + b
                        let dp = 2 * n * mask[r] * (p[r * O + o] - y[r * O + o])
                        g += weightHY[o * H + j] * dp
                    }
                    for k in 0..<H { g += weightHH[k * H + j] * deltaNext[b * H + k] }
                    squared += g * g
                    let hj = h[t][b * H + j]
                    delta[b * H + j] = g * (1 - hj * hj)
                }
                if b == 0 { norms[t] = squared.squareRoot() }
            }
            // C_t = δ_t h_{t−1}ᵀ; at t = 0 the previous state is zero, so C_0 = 0.
            if t > 0 {
                for b in 0..<B {
                    for j in 0..<H {
                        let d = delta[b * H + j]
                        for k in 0..<H { contributions[t][j * H + k] += d * h[t - 1][b * H + k] }
                    }
                }
            }
            deltaNext = delta
        }
        var total = [Double](repeating: 0, count: H * H)
        for c in contributions { for e in 0..<(H * H) { total[e] += c[e] } }
        return Result(loss: loss, contributions: contributions, total: total, gradHNormsRow0: norms)
    }
}
