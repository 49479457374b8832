import RealModule

/// Pointwise nonlinearities, each with its derivative written from the output y = f(a),
/// which is what the caches hold.
public enum Activation: String, CaseIterable, Sendable {
    case tanh, relu, linear, sigmoid

    @inline(__always)
    public func apply<T: BLASReal>(_ a: T) -> T {
        switch self {
        case .tanh: return T.tanh(a)
        case .relu: return a > 0 ? a : 0
        case .linear: return a
        case .sigmoid: return RNNCore.sigmoid(a)
        }
    }

    /// f'(a) expressed through y = f(a).
    @inline(__always)
    public func derivative<T: BLASReal>(fromOutput y: T) -> T {
        switch self {
        case .tanh: return 1 - y * y
        case .relu: return y > 0 ? 1 : 0
        case .linear: return 1
        case .sigmoid: return y * (1 - y)
        }
    }
}

/// 1 / (1 + e^-a), computed without overflow for large |a|.
@inline(__always)
public func sigmoid<T: BLASReal>(_ a: T) -> T {
    if a >= 0 { return 1 / (1 + T.exp(-a)) }
    let e = T.exp(a)
    return e / (1 + e)
}
