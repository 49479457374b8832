/// A fully connected layer applied to every row: y = x Wᵀ + b.
///
/// Shapes: x [N, I], W [O, I], b [O], y [N, O], where N is any number of rows (T·B when a
/// recurrent layer's outputs for a whole sequence are projected at once). Parameters are named
/// `<prefix>.weight` and `<prefix>.bias`, as in PyTorch's `nn.Linear` state_dict.
///
/// The layer keeps no pointer to its input: `backward` takes the same input again, so the caller
/// decides how long that buffer lives. Parameter gradients accumulate (call `zeroGrad` first);
/// the input gradient is overwritten or accumulated as asked.
public final class Linear<Scalar: BLASReal> {
    public let inputSize: Int
    public let outputSize: Int
    /// [O, I]
    public let weight: Parameter<Scalar>
    /// [O], or nil for a layer built without bias.
    public let bias: Parameter<Scalar>?
    /// [N, O] the last `forward(_:rows:)` result; grows with N, never shrinks its buffer.
    public let output: Tensor<Scalar>

    /// Weight first, then bias, as in PyTorch's state_dict order.
    public var parameters: [Parameter<Scalar>] { bias.map { [weight, $0] } ?? [weight] }

    /// - Parameters:
    ///   - prefix: the module's name in the state_dict, e.g. "fc" or "decoder.out".
    ///   - hasBias: false builds `nn.Linear(..., bias=False)`.
    /// Values start at zero; initialise them with `Initializer`.
    public init(inputSize: Int, outputSize: Int, prefix: String, hasBias: Bool = true) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(prefix + ".weight", shape: [outputSize, inputSize])
        bias = hasBias ? Parameter(prefix + ".bias", shape: [outputSize]) : nil
        output = Tensor(shape: [0, outputSize])
    }

    // MARK: forward

    /// Computes y = x Wᵀ + b into `output` and returns its data pointer ([N, O]).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    @discardableResult
    public func forward(_ x: UnsafePointer<Scalar>, rows: Int) -> UnsafeMutablePointer<Scalar> {
        output.resize(rows, outputSize)
        forward(x, rows: rows, into: output.data)
        return output.data
    }

    /// Computes y = x Wᵀ + b into caller-owned memory. x [N, I] → y [N, O].
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(_ x: UnsafePointer<Scalar>, rows: Int, into y: UnsafeMutablePointer<Scalar>) {
        let I = inputSize, O = outputSize
        // Broadcast the bias into every row first, so the GEMM can add onto it (beta = 1).
        if let b = bias?.value.data {
            for r in 0..<rows { (y + r * O).update(from: b, count: O) }
        } else {
            y.update(repeating: 0, count: rows * O)
        }
        // y[N, O] += x[N, I] · W[O, I]ᵀ
        Scalar.gemm(transA: false, transB: true, m: rows, n: O, k: I,
                    alpha: 1, a: x, lda: I, b: weight.value.data, ldb: I,
                    beta: 1, c: y, ldc: O)
    }

    // MARK: backward

    /// Back-propagates dY [N, O] through the layer whose input was x [N, I].
    ///
    /// - dW [O, I] += dYᵀ · x
    /// - db [O]    += Σ_rows dY
    /// - dX [N, I]  = dY · W   (or += when `accumulateInputGrad`); pass nil when the input is data.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func backward(input x: UnsafePointer<Scalar>, rows: Int, outputGrad dY: UnsafePointer<Scalar>,
                         inputGrad dX: UnsafeMutablePointer<Scalar>?, accumulateInputGrad: Bool = false) {
        let I = inputSize, O = outputSize
        // dW[O, I] += dY[N, O]ᵀ · x[N, I]
        Scalar.gemm(transA: true, transB: false, m: O, n: I, k: rows,
                    alpha: 1, a: dY, lda: O, b: x, ldb: I,
                    beta: 1, c: weight.grad.data, ldc: I)
        // db[O] += Σ_r dY[r, :]
        if let db = bias?.grad.data { addColumnSums(dY, rows: rows, width: O, into: db) }
        // dX[N, I] (+)= dY[N, O] · W[O, I]
        if let dX = dX {
            Scalar.gemm(transA: false, transB: false, m: rows, n: I, k: O,
                        alpha: 1, a: dY, lda: O, b: weight.value.data, ldb: I,
                        beta: accumulateInputGrad ? 1 : 0, c: dX, ldc: I)
        }
    }
}
