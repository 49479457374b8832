extension EchoStateNetwork {
    /// The echo state property, measured: runs two copies of the reservoir from different
    /// initial states on the same inputs [T, I] and returns ‖x_t − x'_t‖ (Euclidean) after each
    /// step, T values.
    ///
    /// A reservoir with the property forgets where it started, so the distance decays towards
    /// zero and its state becomes a function of the input history alone; that is what makes a
    /// fixed readout meaningful. With a large spectral radius and weak input the two copies
    /// can keep their own dynamics and the distance stays large. `state` is left untouched.
    ///
    /// - Parameters: initialA, initialB: [N] starting states.
    public func echoStateDistances(inputs: Tensor<Scalar>, initialA: Tensor<Scalar>,
                                   initialB: Tensor<Scalar>) throws -> [Double] {
        let steps = try checkSequence(inputs, width: inputSize, place: "esn.inputs")
        let n = reservoirSize
        guard initialA.count == n, initialB.count == n else {
            throw InputError(place: "esn.initial_state",
                             "initial states need \(n) values, got \(initialA.count) and \(initialB.count)")
        }
        let xA = initialA.clone(), xB = initialB.clone()
        let blockB = Tensor<Scalar>(shape: block.shape)
        var distances: [Double] = []
        distances.reserveCapacity(steps)
        var start = 0
        while start < steps {
            let count = Swift.min(Self.blockSteps, steps - start)
            advance(inputs: inputs.slice(start), steps: count, from: xA.data, into: block.data)
            advance(inputs: inputs.slice(start), steps: count, from: xB.data, into: blockB.data)
            for r in 0..<count {
                var sum = 0.0
                for k in 0..<n {
                    let d = Double(block[r * n + k]) - Double(blockB[r * n + k])
                    sum += d * d
                }
                distances.append(sum.squareRoot())
            }
            start += count
        }
        return distances
    }

    /// `echoStateDistances` from two random initial states, uniform in (−1, 1) per unit and
    /// drawn from `seed`.
    public func echoStateDistances(inputs: Tensor<Scalar>, seed: UInt64) throws -> [Double] {
        var rng = SeededRandom(seed: seed)
        let a = Tensor<Scalar>(shape: [reservoirSize]), b = Tensor<Scalar>(shape: [reservoirSize])
        for k in 0..<reservoirSize { a[k] = Scalar(rng.uniform(-1, 1)); b[k] = Scalar(rng.uniform(-1, 1)) }
        return try echoStateDistances(inputs: inputs, initialA: a, initialB: b)
    }
}
