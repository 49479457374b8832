// Helpers shared by attention and the encoder-decoder model.

extension Tensor {
    /// Resizes to [d0, d1] only when the shape differs, so a steady state never builds a shape
    /// array (which would allocate).
    @inline(__always)
    func resizeIfNeeded(_ d0: Int, _ d1: Int) {
        if shape.count == 2 && shape[0] == d0 && shape[1] == d1 { return }
        resize([d0, d1])
    }

    /// Resizes to [d0, d1, d2] only when the shape differs.
    @inline(__always)
    func resizeIfNeeded(_ d0: Int, _ d1: Int, _ d2: Int) {
        if shape.count == 3 && shape[0] == d0 && shape[1] == d1 && shape[2] == d2 { return }
        resize([d0, d1, d2])
    }

    /// Fills with U(-bound, bound), PyTorch's default for `Linear` with bound = 1/√fan_in.
    func fillUniform(bound: Double, _ rng: inout SeededRandom) {
        for i in 0..<count { data[i] = Scalar(rng.uniform(-bound, bound)) }
    }
}
