extension EchoStateNetwork {
    /// Fits the readout W_out [O, F] by ridge regression of targets on [1; u_t; x_t].
    ///
    /// The state is reset to zero first and the first `washout` steps are run but not fitted:
    /// they still remember the arbitrary zero start rather than the input. The penalty is
    /// `configuration.ridge`, and the system is solved in Double whatever `Scalar` is. `state`
    /// ends at the last training step, ready for `predict` on the data that follows.
    ///
    /// - Parameters:
    ///   - inputs: [T, I] u_t.
    ///   - targets: [T, O] y_t, the value the readout should produce after seeing u_t.
    ///   - washout: steps skipped at the start, 0 ≤ washout < T.
    /// - Throws: `InputError` for mismatched shapes, a bad washout, or a readout system too
    ///   badly conditioned to solve (raise `ridge`).
    public func fit(inputs: Tensor<Scalar>, targets: Tensor<Scalar>, washout: Int) throws {
        let steps = try checkSequence(inputs, width: inputSize, place: "esn.inputs")
        let targetSteps = try checkSequence(targets, width: outputSize, place: "esn.targets")
        guard targetSteps == steps else {
            throw InputError(place: "esn.targets", "has \(targetSteps) steps but the inputs have \(steps)")
        }
        guard washout >= 0, washout < steps else {
            throw InputError(place: "esn.washout", "must be in 0..<\(steps) (the sequence length), got \(washout)")
        }
        let n = reservoirSize, i = inputSize, o = outputSize, f = featureCount
        let blockRows = Self.blockSteps
        let ridge = RidgeRegression(featureCount: f, outputCount: o)
        // [blockRows, F] and [blockRows, O] in Double, refilled every block.
        let features = Tensor<Double>(shape: [blockRows, f])
        let wanted = Tensor<Double>(shape: [blockRows, o])
        resetState()
        var start = 0
        while start < steps {
            let count = Swift.min(blockRows, steps - start)
            advance(inputs: inputs.slice(start), steps: count, from: state.data, into: block.data)
            var rows = 0
            for r in 0..<count where start + r >= washout {
                let t = start + r
                let row = features.data + rows * f
                row[0] = 1
                for k in 0..<i { row[1 + k] = Double(inputs[t * i + k]) }
                for k in 0..<n { row[1 + i + k] = Double(block[r * n + k]) }
                for k in 0..<o { wanted[rows * o + k] = Double(targets[t * o + k]) }
                rows += 1
            }
            ridge.accumulate(features: features.data, targets: wanted.data, rows: rows)
            start += count
        }
        let solved = try ridge.solve(beta: configuration.ridge)
        readout = solved.converted(to: Scalar.self)
    }

    /// Teacher-forced one-step prediction: feeds the true inputs [T, I] and returns the readout
    /// [T, O] after each, continuing from the current state.
    ///
    /// - Throws: `InputError` before `fit`, or for inputs of the wrong shape.
    public func predict(inputs: Tensor<Scalar>) throws -> Tensor<Scalar> {
        let steps = try checkSequence(inputs, width: inputSize, place: "esn.inputs")
        let weights = try fittedReadout()
        let outputs = Tensor<Scalar>(shape: [steps, outputSize])
        var start = 0
        while start < steps {
            let count = Swift.min(Self.blockSteps, steps - start)
            advance(inputs: inputs.slice(start), steps: count, from: state.data, into: block.data)
            applyReadout(weights, inputs: inputs.slice(start), states: block.data, rows: count,
                         into: outputs.slice(start))
            start += count
        }
        return outputs
    }

    /// Free-running generation: after a teacher-forced `primer` [T, I], each output becomes the
    /// next input. Returns [steps, O]; row 0 is the prediction that follows the primer's last
    /// step. Needs O == I, since outputs are fed back as inputs.
    ///
    /// Errors compound: a one-step NRMSE of 1e-3 can still drift off the attractor within a
    /// few hundred steps, which is exactly what a generative-mode plot should show.
    public func generate(primer: Tensor<Scalar>, steps: Int) throws -> Tensor<Scalar> {
        guard outputSize == inputSize else {
            throw InputError(place: "esn.output_size",
                             "free-running mode feeds outputs back as inputs, so it needs output_size (\(outputSize)) == input_size (\(inputSize))")
        }
        guard steps >= 1 else { throw InputError(place: "esn.steps", "must be at least 1, got \(steps)") }
        try Limits.checkSequenceLength(steps, place: "esn.steps")
        let primed = try predict(inputs: primer)
        let weights = try fittedReadout()
        let o = outputSize
        let outputs = Tensor<Scalar>(shape: [steps, o])
        outputs.data.update(from: primed.slice(primed.shape[0] - 1), count: o)
        for s in 1..<steps {
            let fedBack = outputs.slice(s - 1)
            advance(inputs: fedBack, steps: 1, from: state.data, into: block.data)
            applyReadout(weights, inputs: fedBack, states: block.data, rows: 1, into: outputs.slice(s))
        }
        return outputs
    }

    // MARK: Readout

    func fittedReadout() throws -> Tensor<Scalar> {
        guard let w = readout else { throw InputError(place: "esn.readout", "the readout is not fitted yet; call fit first") }
        return w
    }

    /// y_t = W_out [1; u_t; x_t] for `rows` steps, without assembling the feature rows: the
    /// three column blocks of W_out [O, F] are read in place through the row stride F.
    ///
    /// - Parameters: inputs [rows, I], states [rows, N], outputs [rows, O].
    func applyReadout(_ w: Tensor<Scalar>, inputs: UnsafePointer<Scalar>, states: UnsafePointer<Scalar>,
                      rows: Int, into outputs: UnsafeMutablePointer<Scalar>) {
        let n = reservoirSize, i = inputSize, o = outputSize, f = featureCount
        // y = x · W_xᵀ         [rows, N] · [N, O]
        Scalar.gemm(transA: false, transB: true, m: rows, n: o, k: n, alpha: 1, a: states, lda: n,
                    b: w.data + 1 + i, ldb: f, beta: 0, c: outputs, ldc: o)
        // y += u · W_uᵀ        [rows, I] · [I, O]
        Scalar.gemm(transA: false, transB: true, m: rows, n: o, k: i, alpha: 1, a: inputs, lda: i,
                    b: w.data + 1, ldb: f, beta: 1, c: outputs, ldc: o)
        // y += w_0 (the column that multiplies the constant 1)
        for r in 0..<rows { for k in 0..<o { outputs[r * o + k] += w[k * f] } }
    }
}
