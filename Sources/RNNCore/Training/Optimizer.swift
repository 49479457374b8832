/// Updates parameters from their gradients.
///
/// Every optimizer follows PyTorch's update rule of the same name (torch.optim, defaults
/// included), so a curve here can be laid next to a PyTorch one. Shared behaviour:
/// - frozen parameters are skipped (an echo state network's reservoir);
/// - a parameter's `mask` is applied before the update (masked entries contribute no gradient
///   to the optimizer's state) and after it (masked entries stay exactly zero);
/// - weight decay is PyTorch's L2 form, g ← g + λ·w, unless an optimizer says otherwise;
/// - state (momentum, squared averages) lives in tensors keyed by the parameter's position in
///   the list. Pass the same list, in the same order, at every step; it is allocated on the
///   first step and again only if the list's sizes change.
public protocol Optimizer<Scalar>: AnyObject {
    associatedtype Scalar: BLASReal
    /// May be changed between steps (a live slider, a schedule).
    var learningRate: Double { get set }
    var weightDecay: Double { get set }
    /// Throws `InputError` when a hyper-parameter is out of its valid range. Initialisers call
    /// it; call it again after changing settings from user input.
    func validate() throws
    /// One update of every trainable parameter from its current gradient.
    func step(_ params: [Parameter<Scalar>])
    /// Clamps every gradient entry to ±limit (`clipGradValue`), then updates: the same result,
    /// in one pass over the gradients where an optimizer fuses the two.
    func step(_ params: [Parameter<Scalar>], clippingValuesTo limit: Double) -> ClipEvent
    /// Forgets all state, as if no step had been taken.
    func reset()
}

extension Optimizer {
    public func step(_ params: [Parameter<Scalar>], clippingValuesTo limit: Double) -> ClipEvent {
        let event = clipGradValue(params, limit: limit)
        step(params)
        return event
    }
}

/// Sets every gradient to zero (PyTorch's `zero_grad(set_to_none=False)`).
public func zeroGrad<Scalar: BLASReal>(_ params: [Parameter<Scalar>]) {
    for p in params { p.grad.zero() }
}

/// Per-parameter state: `perParameter` tensors with each parameter's shape, plus a step count.
///
/// Slot k of parameter i lives at `tensors[i * perParameter + k]`, so a step reads its state by
/// index instead of hashing a name.
final class OptimizerSlots<Scalar: BLASReal> {
    let perParameter: Int
    /// The value fresh state starts from (Adagrad's `initial_accumulator_value`).
    @exclusivity(unchecked) var initialValue: Scalar = 0
    @exclusivity(unchecked) private var tensors: [Tensor<Scalar>] = []
    @exclusivity(unchecked) private var steps: [Int] = []

    init(perParameter: Int) { self.perParameter = perParameter }

    /// Allocates state for `params` unless it already matches their sizes.
    func prepare(_ params: [Parameter<Scalar>]) {
        if matches(params) { return }
        tensors = []
        for p in params {
            for _ in 0..<perParameter { tensors.append(Tensor(shape: p.shape, repeating: initialValue)) }
        }
        steps = Array(repeating: 0, count: params.count)
    }

    private func matches(_ params: [Parameter<Scalar>]) -> Bool {
        guard steps.count == params.count else { return false }
        for i in params.indices where tensors[i * perParameter].count != params[i].count { return false }
        return true
    }

    /// Pointer to state slot `k` of parameter `i`.
    @inline(__always)
    func slot(_ k: Int, of i: Int) -> UnsafeMutablePointer<Scalar> { tensors[i * perParameter + k].data }

    /// Counts one more step for parameter `i` and returns the new count (1 on its first step).
    @inline(__always)
    func advance(_ i: Int) -> Int {
        steps[i] += 1
        return steps[i]
    }

    func reset() {
        tensors = []
        steps = []
    }
}

/// Throws an `InputError` for the optimizer setting `name` unless `ok`.
func requireSetting(_ ok: Bool, _ optimizer: String, _ name: String, _ value: Double, _ expected: String) throws {
    if !ok {
        throw InputError(place: "optimizer.\(name)", "\(optimizer) \(name) must be \(expected), got \(value)")
    }
}
