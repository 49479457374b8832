/// A trainable tensor together with its gradient.
///
/// Names follow PyTorch's state_dict (`weight_ih_l0`, `bias_hh_l1_reverse`, `fc.weight`), so a
/// checkpoint maps onto parameters by name.
public final class Parameter<Scalar: BLASReal> {
    public var name: String
    public let value: Tensor<Scalar>
    public let grad: Tensor<Scalar>
    /// Optional 0/1 mask with the value's shape: masked entries are held at zero and receive no
    /// gradient (clockwork RNN's block structure, magnitude pruning).
    @exclusivity(unchecked) public var mask: Tensor<Scalar>?
    /// Frozen parameters are skipped by optimizers (an echo state network's reservoir).
    @exclusivity(unchecked) public var frozen = false

    public init(_ name: String, shape: [Int]) {
        self.name = name
        value = Tensor(shape: shape)
        grad = Tensor(shape: shape)
    }

    public var shape: [Int] { value.shape }
    public var count: Int { value.count }

    /// Zeroes masked entries of the value and of the gradient.
    public func applyMask() {
        guard let m = mask else { return }
        for i in 0..<count where m.data[i] == 0 {
            value.data[i] = 0
            grad.data[i] = 0
        }
    }
}
