extension RecurrentStack {
    /// Backpropagates `outputGrad` [T, B, D·S] (and optionally ∂L/∂h_n [L·D, B, S], ∂L/∂c_n)
    /// through every layer. Accumulates parameter gradients and writes `inputGrad`.
    public func backward(outputGrad: Tensor<Scalar>, finalStateGrads: Tensor<Scalar>? = nil,
                         finalCellGrads: Tensor<Scalar>? = nil) {
        let T = steps, B = batch, S = stateSize, D = directions, W = S * D
        let C = layers[0][0].cell.cellSize
        var upstream = outputGrad
        // Token input sends its gradient straight to W_ih and the embedding (see TokenInput).
        let denseInput = !layers[0][0].readsTokens
        for k in stride(from: layers.count - 1, through: 0, by: -1) {
            let width = k == 0 ? inputSize : W
            let inGrad = k == 0 ? inputGrad : outputGrads[k - 1]
            let wantsInGrad = k > 0 || (computesInputGrad && denseInput)
            if wantsInGrad {
                inGrad.resize(T, B, width)
                inGrad.zero()
            }
            for (d, layer) in layers[k].enumerated() {
                let slot = k * D + d
                // With one direction the upstream gradient is already the layer's own.
                if D > 1 {
                    directionGrad.resize(T, B, S)
                    deinterleave(upstream, direction: d, reversed: d == 1, into: directionGrad)
                }
                layer.backward(outputGrad: D > 1 ? directionGrad : upstream,
                               finalStateGrad: finalStateGrads.map { UnsafePointer($0.data + slot * B * S) },
                               finalCellGrad: C > 0 ? finalCellGrads.map { UnsafePointer($0.data + slot * B * C) } : nil)
                if wantsInGrad { accumulateInputGrad(layer.inputGrad, into: inGrad, reversed: d == 1) }
            }
            if k > 0 {
                if residual && width == W { Scalar.axpy(n: T * B * W, alpha: 1, x: upstream.data, y: inGrad.data) }
                if dropout > 0 && training { dropoutBackward(layer: k, grad: inGrad) }
            }
            upstream = inGrad
        }
    }

    // MARK: Direction plumbing

    /// The reverse direction's ids: row b's step s is step len_b − 1 − s, padding (−1) after.
    func reverseTokens(_ ids: UnsafePointer<Int32>) -> UnsafeMutablePointer<Int32> {
        let T = steps, B = batch
        reversedTokens.resize(T * B)
        for s in 0..<T { for b in 0..<B {
            reversedTokens[s * B + b] = s < lengths[b] ? ids[mirrored(s, row: b) * B + b] : -1
        } }
        return reversedTokens.data
    }

    /// Row b's step s of the reversed sequence is step len_b − 1 − s of the original.
    @inline(__always) func mirrored(_ s: Int, row b: Int) -> Int { lengths[b] - 1 - s }

    /// rev[s, b] = x[len_b − 1 − s, b] for s < len_b, zero after.
    func reverseRows(_ x: Tensor<Scalar>, into rev: Tensor<Scalar>) {
        let T = steps, B = batch, I = x.count / max(T * B, 1)
        rev.resize(T, B, I)
        for s in 0..<T { for b in 0..<B {
            let dst = rev.data + (s * B + b) * I
            if s < lengths[b] { dst.update(from: x.data + (mirrored(s, row: b) * B + b) * I, count: I) }
            else { dst.update(repeating: 0, count: I) }
        } }
    }

    /// Writes one direction's [T, B, S] outputs into its half of the [T, B, D·S] output.
    func interleave(_ src: Tensor<Scalar>, into out: Tensor<Scalar>, direction d: Int, reversed: Bool) {
        let T = steps, B = batch, S = stateSize, W = S * directions
        for t in 0..<T { for b in 0..<B {
            let dst = out.data + (t * B + b) * W + d * S
            if !reversed { dst.update(from: src.data + (t * B + b) * S, count: S) }
            else if t < lengths[b] { dst.update(from: src.data + (mirrored(t, row: b) * B + b) * S, count: S) }
            else { dst.update(repeating: 0, count: S) }
        } }
    }

    /// The inverse of `interleave` for gradients.
    func deinterleave(_ g: Tensor<Scalar>, direction d: Int, reversed: Bool, into dst: Tensor<Scalar>) {
        let T = steps, B = batch, S = stateSize, W = S * directions
        for s in 0..<T { for b in 0..<B {
            let out = dst.data + (s * B + b) * S
            if !reversed { out.update(from: g.data + (s * B + b) * W + d * S, count: S) }
            else if s < lengths[b] { out.update(from: g.data + (mirrored(s, row: b) * B + b) * W + d * S, count: S) }
            else { out.update(repeating: 0, count: S) }
        } }
    }

    /// inGrad += a direction's input gradient, un-reversing the reverse direction's rows.
    func accumulateInputGrad(_ g: Tensor<Scalar>, into inGrad: Tensor<Scalar>, reversed: Bool) {
        let T = steps, B = batch, I = inGrad.count / max(T * B, 1)
        if !reversed { Scalar.axpy(n: T * B * I, alpha: 1, x: g.data, y: inGrad.data); return }
        for s in 0..<T { for b in 0..<B where s < lengths[b] {
            Scalar.axpy(n: I, alpha: 1, x: g.data + (s * B + b) * I, y: inGrad.data + (mirrored(s, row: b) * B + b) * I)
        } }
    }

    // MARK: Dropout between layers

    /// The input of layer k: the previous layer's output, with inverted dropout while training.
    func dropoutInput(layer k: Int, from prev: Tensor<Scalar>) -> Tensor<Scalar> {
        guard dropout > 0 && training else { return prev }
        let T = steps, B = batch, W = stateSize * directions
        let x = layerInputs[k]
        x.resize(T, B, W)
        if variationalDropout {
            let d = sequenceDropouts[k]
            d.p = dropout
            d.resample(rows: B, width: W, rng: &rng)
            for t in 0..<T { d.forward(prev.data + t * B * W, rows: B, into: x.data + t * B * W) }
        } else {
            stepDropouts[k].p = dropout
            stepDropouts[k].forward(prev.data, rows: T * B, width: W, into: x.data, rng: &rng)
        }
        return x
    }

    /// ∂L/∂(previous output) = ∂L/∂(layer k's input) ⊙ mask, in place.
    func dropoutBackward(layer k: Int, grad: Tensor<Scalar>) {
        let T = steps, B = batch, W = stateSize * directions
        if variationalDropout {
            for t in 0..<T { sequenceDropouts[k].backward(grad.data + t * B * W, rows: B, into: grad.data + t * B * W) }
        } else {
            stepDropouts[k].backward(grad.data, into: grad.data)
        }
    }

    /// Restarts the generators of every mask in the stack.
    public func reseedMasks(_ seed: UInt64) {
        rng = SeededRandom(seed: seed)
        for (k, dirs) in layers.enumerated() { for (d, l) in dirs.enumerated() { l.reseedMasks(seed &+ UInt64(2 * k + d + 1)) } }
    }
}
