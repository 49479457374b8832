/// Throws `InputError` unless p is a probability in [0, 1].
public func validateDropProbability(_ p: Double, file: String? = nil, place: String? = nil) throws {
    if !(p >= 0 && p <= 1) {
        throw InputError(file: file, place: place, "dropout probability must be in [0, 1], got \(p)")
    }
}

/// Fills `count` mask entries for inverted dropout: 0 with probability p, else 1/(1 − p), so
/// the expected value of every masked activation equals the unmasked one and evaluation needs
/// no rescaling. p = 1 drops everything.
@inline(__always)
func sampleInvertedDropoutMask<Scalar: BLASReal>(_ m: UnsafeMutablePointer<Scalar>, count: Int, p: Double,
                                                 rng: inout SeededRandom) {
    let keep: Scalar = p < 1 ? Scalar(1 / (1 - p)) : 0
    for i in 0..<count { m[i] = rng.bernoulli(p) ? 0 : keep }
}

/// y = x ⊙ m for `count` entries (works in place), or dX (+)= dY ⊙ m on the way back.
@inline(__always)
func multiplyByMask<Scalar: BLASReal>(_ x: UnsafePointer<Scalar>, _ m: UnsafePointer<Scalar>, count: Int,
                                      into y: UnsafeMutablePointer<Scalar>, accumulate: Bool) {
    if accumulate {
        for i in 0..<count { y[i] += x[i] * m[i] }
    } else {
        for i in 0..<count { y[i] = x[i] * m[i] }
    }
}

/// Standard inverted dropout: a new mask for every element at every call.
///
/// Shapes: x, y and the mask [N, D]. One call should cover everything one backward needs: for
/// dropout between stacked recurrent layers (PyTorch's `nn.LSTM(dropout:)`) that is the whole
/// [T·B, D] output sequence at once. In evaluation mode the layer is the identity.
public final class Dropout<Scalar: BLASReal> {
    /// Probability of dropping an entry.
    public var p: Double
    public var isTraining = true
    /// [N, D] the last mask: 0 where dropped, 1/(1 − p) where kept (all 1 in evaluation).
    public let mask: Tensor<Scalar>

    public init(p: Double) throws {
        try validateDropProbability(p, place: "dropout")
        self.p = p
        mask = Tensor(shape: [0, 0])
    }

    /// forward: m ~ Bernoulli(1 − p)/(1 − p) per entry;  y = x ⊙ m   ([N, D] → [N, D])
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ x: UnsafePointer<Scalar>, rows: Int, width: Int, into y: UnsafeMutablePointer<Scalar>,
                        rng: inout SeededRandom) {
        mask.resize(rows, width)
        if isTraining {
            sampleInvertedDropoutMask(mask.data, count: rows * width, p: p, rng: &rng)
        } else {
            mask.fill(1)
        }
        multiplyByMask(x, mask.data, count: rows * width, into: y, accumulate: false)
    }

    /// backward: dX (+)= dY ⊙ m, with the mask of the last forward.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ dY: UnsafePointer<Scalar>, into dX: UnsafeMutablePointer<Scalar>, accumulate: Bool = false) {
        multiplyByMask(dY, mask.data, count: mask.count, into: dX, accumulate: accumulate)
    }
}

/// Variational dropout (Gal & Ghahramani 2016): one mask per sequence, reused at every step.
///
/// Dropping the same units at every step keeps the noise from compounding through time the way
/// a fresh per-step mask does. Call `resample` when a sequence (or a truncated-BPTT window)
/// starts, then `forward`/`backward` once per step. Shapes: mask [B, D], x and y [B, D] per step.
///
/// The same object serves as *recurrent dropout* on h_{t−1} (see `RecurrentDropout`).
public final class VariationalDropout<Scalar: BLASReal> {
    public var p: Double
    public var isTraining = true
    /// [B, D] the sequence's mask: 0 where dropped, 1/(1 − p) where kept. A pane can draw it.
    public let mask: Tensor<Scalar>

    public init(p: Double) throws {
        try validateDropProbability(p, place: "dropout")
        self.p = p
        mask = Tensor(shape: [0, 0])
    }

    /// Draws the mask for a new sequence of `rows` batch items of width D (all 1 in evaluation).
    public func resample(rows: Int, width: Int, rng: inout SeededRandom) {
        mask.resize(rows, width)
        if isTraining {
            sampleInvertedDropoutMask(mask.data, count: rows * width, p: p, rng: &rng)
        } else {
            mask.fill(1)
        }
    }

    /// forward, one step: y = x ⊙ m for the first `rows` batch items ([B, D] → [B, D]).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ x: UnsafePointer<Scalar>, rows: Int, into y: UnsafeMutablePointer<Scalar>) {
        multiplyByMask(x, mask.data, count: checkedCount(rows), into: y, accumulate: false)
    }

    /// backward, one step: dX (+)= dY ⊙ m.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(_ dY: UnsafePointer<Scalar>, rows: Int, into dX: UnsafeMutablePointer<Scalar>,
                         accumulate: Bool = false) {
        multiplyByMask(dY, mask.data, count: checkedCount(rows), into: dX, accumulate: accumulate)
    }

    @inline(__always)
    private func checkedCount(_ rows: Int) -> Int {
        let d = mask.shape.count == 2 ? mask.shape[1] : 0
        precondition(rows * d <= mask.count, "dropout mask holds \(mask.shape), asked for \(rows) rows")
        return rows * d
    }
}

/// Recurrent dropout on the state fed back through W_hh, one mask per sequence.
///
/// The recurrent layer computes hProj = (h_{t−1} ⊙ m) · W_hhᵀ with `forward` into a scratch
/// row block, and on the way back adds (dHProj · W_hh) ⊙ m into dh_{t−1} with
/// `backward(accumulate: true)`. Because m is the same at every step, dW_hh is still one GEMM
/// over the sequence, taken against the masked states.
public typealias RecurrentDropout<Scalar: BLASReal> = VariationalDropout<Scalar>
