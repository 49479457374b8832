import RealModule
import RNNCore

/// Noisy sines like the `noisy-sine` task's (ω ~ U[0.1, 0.5], φ ~ U[0, 2π), noise σ = 0.1), with
/// spikes injected: at a scored step, with probability `rate`, the observation gets ± U[0.8, 1.5]
/// added. Spikes are at least `spacing` steps apart, so each is judged on its own.
struct AnomalyInjection {
    static let warmUp = 10
    static let noise = 0.1
    static let sizes = 0.8...1.5
    static let spacing = 3

    let length: Int
    let rate = 0.02

    /// A regression batch (inputs: observations; targets: the clean next value, as the task's)
    /// and, per row-major (b, t), whether the observation at t is a spike.
    struct Batch {
        let batch: SequenceBatch<Float>
        let anomalies: [Bool]
    }

    struct ScoredStep {
        var error: Double
        var isAnomaly: Bool
    }

    func makeBatch(rows: Int, rate: Double, rng: inout SeededRandom) -> Batch {
        let batch = SequenceBatch<Float>()
        batch.prepare(.init(steps: length, batch: rows, inputSize: 1, regressionOutputs: 1))
        var anomalies = [Bool](repeating: false, count: rows * length)
        for b in 0..<rows {
            let omega = rng.uniform(0.1, 0.5), phase = rng.uniform(0, 2 * Double.pi)
            var lastSpike = -Self.spacing
            for t in 0..<length {
                var x = Double.sin(omega * Double(t) + phase) + Self.noise * rng.normal()
                if t >= Self.warmUp && t - lastSpike >= Self.spacing && rng.bernoulli(rate) {
                    let size = rng.uniform(Self.sizes.lowerBound, Self.sizes.upperBound)
                    x += rng.bernoulli(0.5) ? size : -size
                    anomalies[b * length + t] = true
                    lastSpike = t
                }
                let i = batch.index(t: t, b: b)
                batch.inputs.data[i] = Float(x)
                batch.targets?.data[i] = Float(Double.sin(omega * Double(t + 1) + phase))
                batch.lossMask.data[i] = 1
            }
        }
        return Batch(batch: batch, anomalies: anomalies)
    }

    /// The q-quantile (0…1) of `values` by the nearest-rank rule; 0 when empty.
    static func percentile(_ values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    /// Precision, recall and F1 of flagging the steps whose error exceeds `threshold`.
    static func detectionScores(_ steps: [ScoredStep], threshold: Double)
        -> (precision: Double, recall: Double, f1: Double)
    {
        var tp = 0.0, fp = 0.0, fn = 0.0
        for s in steps {
            let flagged = s.error > threshold
            if flagged && s.isAnomaly { tp += 1 } else if flagged { fp += 1 } else if s.isAnomaly { fn += 1 }
        }
        let precision = tp + fp == 0 ? 0 : tp / (tp + fp)
        let recall = tp + fn == 0 ? 0 : tp / (tp + fn)
        let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
        return (precision, recall, f1)
    }
}

/// Reads a batch one step at a time, as a deployed detector does: the forecast for step t is
/// compared with x_t, and a flagged x_t is replaced by the forecast before the model reads it,
/// so one spike does not throw the next forecasts off and raise false alarms after it.
struct StepwiseDetector {
    let model: SequenceModel<Float>
    let threshold: Double

    /// Error e_t = |x_t − x̂_t| of every step from `AnomalyInjection.warmUp` on, row by row.
    func scan(_ data: AnomalyInjection.Batch) -> [AnomalyInjection.ScoredStep] {
        let batch = data.batch, B = batch.batch, T = batch.steps
        let wasTraining = model.stack.training
        model.stack.training = false
        defer { model.stack.training = wasTraining }
        let x = Tensor<Float>(shape: [1, B, 1]), y = Tensor<Float>(shape: [1, B, 1])
        let states = Tensor<Float>(shape: [1]), cells = Tensor<Float>(shape: [1])
        let hasCells = model.stack.layers[0][0].cell.cellSize > 0
        var forecast = [Float](repeating: 0, count: B)
        var errors = [AnomalyInjection.ScoredStep?](repeating: nil, count: B * T)
        for t in 0..<T {
            for b in 0..<B {
                let observed = batch.inputs.data[batch.index(t: t, b: b)]
                var fed = observed
                if t >= max(AnomalyInjection.warmUp, 1) {
                    let e = Double(abs(observed - forecast[b]))
                    errors[b * T + t] = .init(error: e, isAnomaly: data.anomalies[b * T + t])
                    if e > threshold { fed = forecast[b] }
                }
                x.data[b] = fed
            }
            _ = model.forward(features: x, steps: 1, batch: B, targets: .values(y.data),
                              initialStates: t == 0 ? nil : states, initialCells: t == 0 || !hasCells ? nil : cells)
            for b in 0..<B { forecast[b] = model.predictions[b] }
            states.resize(model.stack.finalStates.shape); states.copy(from: model.stack.finalStates)
            cells.resize(model.stack.finalCells.shape); cells.copy(from: model.stack.finalCells)
        }
        return errors.compactMap { $0 }
    }
}
