/// Maps a PyTorch nn.RNN / nn.LSTM / nn.GRU state_dict onto a `RecurrentStack`.
///
/// The names are `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}`, with
/// `_reverse` for the backward direction; gates are stacked i,f,g,o (LSTM) and r,z,n (GRU).
/// The number of layers and directions is read from the names.
public struct TorchRecurrentCheckpoint {
    public enum Cell: String, CaseIterable, Sendable {
        case rnn_tanh, rnn_relu, lstm, gru
        public var gates: Int { self == .lstm ? 4 : self == .gru ? 3 : 1 }
    }

    public let cell: Cell
    public let layers: Int
    public let directions: Int
    public let inputSize: Int
    public let hiddenSize: Int

    /// Reads the layout and checks every tensor is present with a shape that fits `cell`.
    public init(_ source: TensorSource, cell: Cell) throws {
        self.cell = cell
        let file = source.origin
        var maxLayer = -1, reverse = false
        for name in source.tensorNames {
            if let dtype = source.dtype(of: name), dtype != "F32" && dtype != "F64" {
                throw InputError(file: file, place: name, "dtype \(dtype) is not supported (expected F32 or F64)")
            }
            guard let (k, rev) = Self.parse(name) else {
                throw InputError(file: file, place: name, "unexpected tensor for a \(cell.rawValue) checkpoint")
            }
            maxLayer = max(maxLayer, k); reverse = reverse || rev
        }
        guard maxLayer >= 0 else { throw InputError(file: file, place: "weight_ih_l0", "missing tensor") }
        layers = maxLayer + 1
        directions = reverse ? 2 : 1
        guard let hh = source.shape(of: "weight_hh_l0"), hh.count == 2 else {
            throw InputError(file: file, place: "weight_hh_l0", "missing tensor or not a matrix")
        }
        guard let ih = source.shape(of: "weight_ih_l0"), ih.count == 2 else {
            throw InputError(file: file, place: "weight_ih_l0", "missing tensor or not a matrix")
        }
        hiddenSize = hh[1]
        inputSize = ih[1]
        try Limits.checkHidden(hiddenSize, file: file, place: "weight_hh_l0")
        guard hiddenSize > 0, inputSize > 0 else {
            throw InputError(file: file, place: "weight_hh_l0", "zero-sized layer")
        }
        let G = cell.gates * hiddenSize
        for k in 0..<layers { for d in 0..<directions {
            let sfx = "_l\(k)" + (d == 1 ? "_reverse" : "")
            let width = k == 0 ? inputSize : hiddenSize * directions
            for (stem, want) in [("weight_ih", [G, width]), ("weight_hh", [G, hiddenSize]),
                                 ("bias_ih", [G]), ("bias_hh", [G])] {
                guard let got = source.shape(of: stem + sfx) else {
                    throw InputError(file: file, place: stem + sfx, "missing tensor")
                }
                guard got == want else {
                    throw InputError(file: file, place: stem + sfx,
                                     "shape \(got) does not fit a \(cell.rawValue) layer (expected \(want))")
                }
            }
        } }
    }

    /// "weight_ih_l3_reverse" → (3, true); nil for names that are not recurrent weights.
    static func parse(_ name: String) -> (Int, Bool)? {
        var rest = Substring(name)
        guard let stem = ["weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"].first(where: { rest.hasPrefix($0) })
        else { return nil }
        rest = rest.dropFirst(stem.count)
        let reverse = rest.hasSuffix("_reverse")
        if reverse { rest = rest.dropLast("_reverse".count) }
        guard !rest.isEmpty, rest.allSatisfy(\.isNumber), let k = Int(rest), k < 1000 else { return nil }
        return (k, reverse)
    }

    /// A stack with this layout, its parameters copied from `source`.
    public func makeStack<Scalar: BLASReal>(_ source: TensorSource, as: Scalar.Type = Scalar.self) throws -> RecurrentStack<Scalar> {
        let H = hiddenSize, kind = cell
        let stack = RecurrentStack<Scalar>(inputSize: inputSize, layers: layers, bidirectional: directions == 2) { _, i in
            switch kind {
            case .rnn_tanh: return ElmanCell<Scalar>(inputSize: i, hiddenSize: H, activation: .tanh)
            case .rnn_relu: return ElmanCell<Scalar>(inputSize: i, hiddenSize: H, activation: .relu)
            case .lstm: return LSTMCell<Scalar>(inputSize: i, hiddenSize: H)
            case .gru: return GRUCell<Scalar>(inputSize: i, hiddenSize: H)
            }
        }
        for (name, p) in stack.namedParameters {
            let t = try source.doubleTensor(name)
            for i in 0..<p.count { p.value[i] = Scalar(t[i]) }
        }
        return stack
    }
}
