import RealModule
import RNNCore

/// Measurements shared by the Basics and gradients-through-time claims.
enum BasicsMeasures {
    /// log ‖∂L/∂h_{T−1−k}‖ for k = 0 … span, averaged over `seeds` fresh models (seeds from the
    /// recipe's on), each read by one probed step at initialisation. With the loss on the last
    /// step only (the adding problem), this is pure backpropagation from step T−1.
    static func meanLogNormsBack(_ recipe: TrainingRecipe, seeds: Int, span: Int) throws -> [Double] {
        var sums = [Double](repeating: 0, count: span + 1)
        var r = recipe
        for i in 0..<seeds {
            r.seed = recipe.seed &+ UInt64(i)
            let session = try TrainingSession<Float>(r)
            guard let norms = session.step(probe: true).snapshot?.gradHNorms, norms.count > span else {
                throw InputError(place: "seq_len", "the probe recorded fewer than \(span + 1) gradient norms")
            }
            let last = norms.count - 1
            for k in 0...span { sums[k] += Double.log(max(norms[last - k], .leastNonzeroMagnitude)) }
        }
        return sums.map { $0 / Double(seeds) }
    }

    /// e^slope of a least-squares line through log-norms listed k = 0, 1, … steps back, read
    /// as the factor by which one step back shrinks (< 1) or grows (> 1) the gradient.
    static func perStepFactor(_ logNormsBack: [Double]) -> Double {
        Double.exp(slope(logNormsBack))
    }

    /// Least-squares slope of y against its index.
    static func slope(_ y: [Double]) -> Double {
        let n = Double(y.count), meanX = (n - 1) / 2, meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (i, v) in y.enumerated() {
            let dx = Double(i) - meanX
            sxy += dx * (v - meanY); sxx += dx * dx
        }
        return sxx == 0 ? 0 : sxy / sxx
    }

    /// Task metrics and loss of `model` on `size` fresh sequences drawn from `seed` (a held-out
    /// set larger than the session's, so an accuracy is read to better than a percent).
    static func heldOut(_ model: SequenceModel<Float>, task: any SequenceTask, size: Int,
                        seed: UInt64) -> [String: Double] {
        var rng = SeededRandom(seed: seed ^ 0x4E1D_0A7)
        let batch = task.makeBatch(size: size, rng: &rng, as: Float.self)
        let loss = model.evaluate(on: batch).loss
        var m = task.metrics(predictions: model.predictionTensor(), batch: batch)
        m["loss"] = loss
        return m
    }
}
