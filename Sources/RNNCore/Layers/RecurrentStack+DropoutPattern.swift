extension RecurrentStack {
    /// Which entries of layer k's input the last training forward kept, read off the tensors the
    /// layer actually consumed: [T·B·W] in time-major order, 1 where the previous layer's output
    /// reached layer k, 0 where dropout zeroed it, −1 where that output was itself 0 (nothing to
    /// tell). Nil for layer 0, an out-of-range layer, or a forward without dropout.
    ///
    /// This is what a test or a claim reads to see whether the mask changes from step to step
    /// (standard dropout) or stays fixed along each sequence (`variationalDropout`).
    public func dropoutPattern(layer k: Int) -> [Int8]? {
        guard k >= 1, k < layers.count, dropout > 0, training else { return nil }
        let before = outputOf(layer: k - 1), after = layerInputs[k]
        let n = steps * batch * stateSize * directions
        guard before.count >= n, after.count >= n else { return nil }
        var pattern = [Int8](repeating: -1, count: n)
        for i in 0..<n where before[i] != 0 { pattern[i] = after[i] == 0 ? 0 : 1 }
        return pattern
    }
}
