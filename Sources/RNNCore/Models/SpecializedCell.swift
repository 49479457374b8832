/// A recurrent cell held by its concrete type when it is one of the common ones.
///
/// Calling `forward` through `any RecurrentCell<Scalar>` runs the cell's unspecialised generic
/// body, where every add and multiply goes through a witness table; in a W4-sized decoder that
/// is most of the cell's time. Switching over the concrete classes lets the compiler specialise
/// the call for Float. Other cells keep the existential.
enum SpecializedCell<Scalar: BLASReal> {
    case gru(GRUCell<Scalar>)
    case lstm(LSTMCell<Scalar>)
    case elman(ElmanCell<Scalar>)
    case other(any RecurrentCell<Scalar>)

    init(_ cell: any RecurrentCell<Scalar>) {
        if let c = cell as? GRUCell<Scalar> { self = .gru(c) }
        else if let c = cell as? LSTMCell<Scalar> { self = .lstm(c) }
        else if let c = cell as? ElmanCell<Scalar> { self = .elman(c) }
        else { self = .other(cell) }
    }

    @inline(__always)
    func forward(_ s: CellStep<Scalar>) {
        switch self {
        case .gru(let c): c.forward(s)
        case .lstm(let c): c.forward(s)
        case .elman(let c): c.forward(s)
        case .other(let c): c.forward(s)
        }
    }

    @inline(__always)
    func backward(_ s: CellStep<Scalar>, _ g: CellStepGrads<Scalar>) {
        switch self {
        case .gru(let c): c.backward(s, g)
        case .lstm(let c): c.backward(s, g)
        case .elman(let c): c.backward(s, g)
        case .other(let c): c.backward(s, g)
        }
    }
}
