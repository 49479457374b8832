import RealModule
import RNNCore

/// anomaly-detection: a forecaster trained on normal data flags what it cannot predict.
///
/// The recipe's model learns one-step forecasting on `noisy-sine` (σ = 0.1) for `steps` steps.
/// Then it reads new noisy sines in which `AnomalyInjection` has replaced a few samples by
/// spikes. At step t the error is e_t = |x_t − x̂_t|, where x̂_t is the forecast the model made
/// at t − 1, before it saw x_t. The alarm threshold is set from clean data only: the 99.9th
/// percentile of the errors on held-out sequences with no anomaly. A step is flagged when its
/// error exceeds the threshold, and the detector reads the data one step at a time, feeding the
/// model its own forecast in place of a flagged sample (`StepwiseDetector`); without that, the
/// spike knocks the next forecasts off and raises false alarms after it (F1 ≈ 0.75, reported as
/// "f1FeedingSpikes"). Precision, recall and F1 count flagged steps against injected ones (no
/// credit for nearby steps). The first `AnomalyInjection.warmUp` steps, where the
/// model is still inferring the frequency, are not scored.
public enum AnomalyDetectionClaim: ScenarioClaim {
    public static let scenarioID = "anomaly-detection"
    public static let text = "A GRU trained only to forecast normal noisy sines (σ = 0.1) makes errors at injected spikes (size 0.8–1.5) at least 5× its median error (median over spikes against median over all steps); flagging errors above the 99.9th percentile of clean held-out errors, and feeding the model its own forecast in place of a flagged sample, detects the spikes with F1 ≥ 0.8."

    public static let steps = 800

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "noisy-sine"; r.seqLen = 50; r.cell = .gru; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.clip = 1; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "noisy-sine"; r.bidirectional = false
        let session = try TrainingSession<Float>(r)
        for _ in 0..<steps { session.step() }
        log("forecaster trained: held-out MSE \(session.evaluate()["mse"] ?? .nan)")

        let injection = AnomalyInjection(length: r.seqLen ?? 50)
        var rng = SeededRandom(seed: recipe.seed ^ 0xA11A)
        let clean = injection.makeBatch(rows: 256, rate: 0, rng: &rng)
        let threshold = AnomalyInjection.percentile(errors(session.model, clean).map(\.error), 0.999)
        let test = injection.makeBatch(rows: 256, rate: injection.rate, rng: &rng)
        let detector = StepwiseDetector(model: session.model, threshold: threshold)
        let scored = detector.scan(test)
        let plainFeed = errors(session.model, test)

        let all = scored.map(\.error), atAnomaly = scored.filter(\.isAnomaly).map(\.error)
        var m: [String: Double] = [:]
        m["medianError"] = AnomalyInjection.percentile(all, 0.5)
        m["medianAnomalyError"] = AnomalyInjection.percentile(atAnomaly, 0.5)
        m["errorRatio"] = m["medianAnomalyError"]! / m["medianError"]!
        m["smallestAnomalyRatio"] = (atAnomaly.min() ?? 0) / m["medianError"]!
        m["threshold"] = threshold
        m["anomalies"] = Double(atAnomaly.count)
        let f = AnomalyInjection.detectionScores(scored, threshold: threshold)
        m["precision"] = f.precision; m["recall"] = f.recall; m["f1"] = f.f1
        let plain = AnomalyInjection.detectionScores(plainFeed, threshold: threshold)
        m["f1FeedingSpikes"] = plain.f1; m["precisionFeedingSpikes"] = plain.precision
        log("median error \(m["medianError"]!), at anomalies \(m["medianAnomalyError"]!) (\(m["errorRatio"]!)×)")
        log("threshold \(threshold): precision \(f.precision), recall \(f.recall), F1 \(f.f1) over \(atAnomaly.count) anomalies")
        log("feeding the spikes to the model instead of its forecasts: precision \(plain.precision), F1 \(plain.f1)")
        let holds = m["errorRatio"]! >= 5 && f.f1 >= 0.8
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// e_t = |x_t − x̂_t| for every scored step of every row: the model's output at t − 1 is its
    /// forecast of the (clean) value at t.
    static func errors(_ model: SequenceModel<Float>, _ data: AnomalyInjection.Batch) -> [AnomalyInjection.ScoredStep] {
        let batch = data.batch
        _ = model.evaluate(on: batch)
        let forecasts = model.predictionTensor(), B = batch.batch
        var out: [AnomalyInjection.ScoredStep] = []
        for b in 0..<B {
            for t in max(AnomalyInjection.warmUp, 1)..<batch.steps {
                let observed = Double(batch.inputs.data[batch.index(t: t, b: b)])
                let forecast = Double(forecasts.data[batch.index(t: t - 1, b: b)])
                out.append(.init(error: abs(observed - forecast), isAnomaly: data.anomalies[b * batch.steps + t]))
            }
        }
        return out
    }
}
