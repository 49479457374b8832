// Token input: the first layer of a token model reads ids, and its input projection becomes a
// lookup (see TokenInput). Everything after the projection is the dense forward's.
extension RecurrentLayer {
    /// Runs the sequence of token ids [T·B] (time-major, −1 for padding) read `as` one-hot
    /// vectors or embedding rows. Backward then accumulates the W_ih gradient, and the
    /// embedding's, directly; `inputGrad` is not written.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func forward(tokens: UnsafePointer<Int32>, as source: TokenInput<Scalar>, steps T: Int, batch B: Int,
                        lengths: [Int]? = nil, initialState: UnsafePointer<Scalar>? = nil,
                        initialCell: UnsafePointer<Scalar>? = nil, timeOffset: Int = 0) {
        begin(steps: T, batch: B, lengths: lengths, initialState: initialState, initialCell: initialCell)
        input = nil
        tokenProjection.prepare(tokens, as: source, weightIH: cell.weightIH)
        unroll(timeOffset: timeOffset)   // gathers each step's projections as it goes
    }

    /// True when the last forward read token ids.
    public var readsTokens: Bool { tokenProjection.source != nil }
}
