/// How a loss over many rows becomes one number.
public enum LossReduction: String, Sendable, CaseIterable {
    /// Σ w·ℓ / Σ w: the mean over the rows that count (PyTorch's default `reduction="mean"`).
    case mean
    /// Σ w·ℓ: min-char-rnn sums its loss over the 25 unrolled steps.
    case sum
}

/// What one loss evaluation reports.
public struct LossResult: Sendable, Equatable {
    /// The reduced loss, accumulated in Double.
    public var loss: Double
    /// Σ of row weights that counted: the number of unmasked rows when the mask is 0/1.
    public var weight: Double
    /// Weighted fraction of counted rows whose argmax is the target; nil for regression losses
    /// and when no row counted.
    public var accuracy: Double?

    public init(loss: Double, weight: Double, accuracy: Double? = nil) {
        self.loss = loss
        self.weight = weight
        self.accuracy = accuracy
    }
}

/// Index of the largest of `count` values (the first one on ties, like `torch.argmax`).
@inline(__always)
public func argmax<Scalar: BLASReal>(_ x: UnsafePointer<Scalar>, count: Int) -> Int {
    var best = 0
    for j in 1..<max(count, 1) where x[j] > x[best] { best = j }
    return best
}

/// Softmax followed by cross-entropy, with ignored and weighted rows.
///
/// Shapes: logits [N, V], targets [N] (Int32 in 0..<V, or −1 to ignore the row), optional
/// mask [N] of row weights (0/1 for padding). Row r counts with weight w_r = mask[r], or 0 when
/// its target is −1. With `.mean`, loss = Σ w_r·CE_r / Σ w_r — PyTorch's `cross_entropy` with
/// `ignore_index=-1` when the mask is all ones. When no row counts the loss is 0 and so is every
/// gradient (PyTorch returns NaN there; a live plot is better served by 0).
///
/// CE_r = logsumexp(z_r) − z_r[t_r], computed around the row maximum so no exponent overflows.
public final class SoftmaxCrossEntropy<Scalar: BLASReal> {
    @exclusivity(unchecked) public var reduction: LossReduction
    /// [N] CE of each row from the last call, unweighted; 0 for rows that did not count.
    public let rowLoss: Tensor<Scalar>
    /// [V] the exponentials of a row when no gradient is asked for.
    private let scratch = Tensor<Scalar>(shape: [0])

    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        rowLoss = Tensor(shape: [0])
    }

    /// Throws `InputError` naming the first target outside 0..<V (−1 is allowed: ignored).
    public static func validateTargets(_ targets: some Sequence<Int32>, classes: Int,
                                       file: String? = nil, place: String? = nil) throws {
        for (i, t) in targets.enumerated() where !(t == -1 || (t >= 0 && Int(t) < classes)) {
            throw InputError(file: file, place: place,
                             "target \(t) at position \(i) is outside 0..<\(classes) (use -1 to ignore a row)")
        }
    }

    /// Evaluates the loss and, when `logitsGrad` is given, overwrites it with ∂loss/∂logits [N, V].
    ///
    /// forward:  p = softmax(z_r);  CE_r = log Σ_j e^{z_rj} − z_r[t_r]
    /// backward: ∂loss/∂z_rj = s_r · (p_rj − [j = t_r]),  s_r = w_r / Σ w (mean) or w_r (sum)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(
        logits: UnsafePointer<Scalar>, rows: Int, classes: Int, targets: UnsafePointer<Int32>,
        mask: UnsafePointer<Scalar>? = nil, logitsGrad: UnsafeMutablePointer<Scalar>? = nil
    ) -> LossResult {
        precondition(classes > 0, "cross-entropy over zero classes")
        let V = classes
        rowLoss.resize(rows)
        scratch.resize(V)
        let totalWeight = sumOfRowWeights(rows: rows, targets: targets, mask: mask)
        let norm: Scalar = reduction == .sum ? 1 : (totalWeight > 0 ? Scalar(1 / totalWeight) : 0)
        var total = 0.0, correct = 0.0

        for r in 0..<rows {
            let z = logits + r * V
            let t = Int(targets[r])
            let w: Scalar = t < 0 ? 0 : (mask?[r] ?? 1)
            if w == 0 {
                rowLoss[r] = 0
                logitsGrad?.advanced(by: r * V).update(repeating: 0, count: V)
                continue
            }
            precondition(t < V, "target \(t) outside 0..<\(V)")
            let best = argmax(z, count: V)
            let zMax = z[best]
            // e^{z_j − max}, each ≤ 1 so nothing overflows, through the vector exponential;
            // into the gradient row when there is one, which then only needs scaling.
            let dz = logitsGrad?.advanced(by: r * V)
            let e = dz ?? scratch.data
            subtract(zMax, from: z, into: e, count: V)
            Scalar.expInPlace(e, count: V)
            let sumExp = sum(e, count: V)
            let ce = zMax + Scalar.log(sumExp) - z[t]
            rowLoss[r] = ce
            total += Double(w) * Double(ce)
            if best == t { correct += Double(w) }
            if let dz {
                let s = w * norm
                // dz holds e^{z−max}; dividing by the sum makes it p.
                scale(dz, by: s / sumExp, count: V)   // s · p_j
                dz[t] -= s                            // s · (p_t − 1)
            }
        }
        let loss = reduction == .sum ? total : (totalWeight > 0 ? total / totalWeight : 0)
        return LossResult(loss: loss, weight: totalWeight,
                          accuracy: totalWeight > 0 ? correct / totalWeight : nil)
    }

    private func sumOfRowWeights(rows: Int, targets: UnsafePointer<Int32>, mask: UnsafePointer<Scalar>?) -> Double {
        var s = 0.0
        for r in 0..<rows where targets[r] >= 0 { s += Double(mask?[r] ?? 1) }
        return s
    }
}

/// Mean squared error with a row mask.
///
/// Shapes: predictions and targets [N, O], optional mask [N]. With `.mean`,
/// loss = Σ_r w_r Σ_j (p_rj − y_rj)² / (O · Σ_r w_r): with an all-ones mask that is PyTorch's
/// `mse_loss`, the mean over all N·O elements. With `.sum`, loss = Σ_r w_r Σ_j (p_rj − y_rj)².
public final class MeanSquaredError<Scalar: BLASReal> {
    @exclusivity(unchecked) public var reduction: LossReduction
    /// [N] mean squared error of each row from the last call, unweighted.
    public let rowLoss: Tensor<Scalar>

    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        rowLoss = Tensor(shape: [0])
    }

    /// Evaluates the loss and, when `predictionsGrad` is given, overwrites it with
    /// ∂loss/∂predictions [N, O].
    ///
    /// forward:  d = p − y;  loss = Σ_r w_r Σ_j d_rj² · n
    /// backward: ∂loss/∂p_rj = 2 · n · w_r · d_rj,  n = 1 / (O Σ w) (mean) or 1 (sum)
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(
        predictions: UnsafePointer<Scalar>, targets: UnsafePointer<Scalar>, rows: Int, width: Int,
        mask: UnsafePointer<Scalar>? = nil, predictionsGrad: UnsafeMutablePointer<Scalar>? = nil
    ) -> LossResult {
        let O = width
        rowLoss.resize(rows)
        var totalWeight = 0.0
        for r in 0..<rows { totalWeight += Double(mask?[r] ?? 1) }
        let n: Double = reduction == .sum ? 1 : (totalWeight > 0 && O > 0 ? 1 / (Double(O) * totalWeight) : 0)
        var total = 0.0

        for r in 0..<rows {
            let p = predictions + r * O, y = targets + r * O
            let w = mask?[r] ?? 1
            var squares = 0.0
            for j in 0..<O { let d = Double(p[j] - y[j]); squares += d * d }
            rowLoss[r] = O > 0 ? Scalar(squares / Double(O)) : 0
            total += Double(w) * squares
            if let dp = predictionsGrad?.advanced(by: r * O) {
                let s = Scalar(2 * n) * w
                for j in 0..<O { dp[j] = s * (p[j] - y[j]) }
            }
        }
        return LossResult(loss: total * n, weight: totalWeight)
    }
}
