import Foundation
import RNNCore

/// time-series: a small recurrent network forecasts a sine wave one step ahead almost exactly,
/// but forecasting further by feeding its own forecasts back in lets each step's small error
/// become the next step's input error, so the error grows with the horizon.
///
/// Trains a `TrainingSession` on the recipe (one-step-ahead sine, T = 50) for `steps` steps
/// and reads its held-out one-step MSE. Then, on `sequences` fresh sine waves drawn like the
/// task's (ω ~ U[0.1, 0.5] rad/step, φ ~ U[0, 2π)), the model reads the first `context` true
/// values and then runs free for `horizon` steps, each forecast fed back as the next input;
/// the squared error at each horizon is averaged over the waves. Context plus horizon stays
/// within the training length, so the only thing new to the model is its own input.
public enum TimeSeriesClaim: ScenarioClaim {
    public static let scenarioID = "time-series"
    public static let text = "An LSTM forecasting sine waves one step ahead reaches held-out MSE < 0.01; run free after 30 true values, feeding its own forecasts back in, its error grows with the horizon (MSE 1 < 5 < 10 < 20 steps ahead) and is at least 100× larger at 20 steps than at 1."

    public static let steps = 600
    public static let sequences = 256
    public static let context = 30
    public static let horizon = 20
    public static let reportedHorizons = [1, 5, 10, 20]
    public static let oneStepBound = 0.01
    public static let minimumGrowth = 100.0

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "sine"; r.seqLen = 50; r.cell = .lstm; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "sine"; r.seqLen = 50; r.bidirectional = false
        let session = try TrainingSession<Float>(r)
        for s in 1...steps {
            let report = session.step()
            if s % 200 == 0 { log("step \(s): training MSE \(report.loss)") }
        }
        var m: [String: Double] = [:]
        m["oneStepMSE"] = session.evaluate()["mse"] ?? .nan
        let byHorizon = try freeRunningError(session.model, seed: r.seed)
        for h in reportedHorizons { m["freeRunningMSE@\(h)"] = byHorizon[h - 1] }
        log("held-out one-step MSE \(m["oneStepMSE"]!); free-running MSE at horizons \(reportedHorizons): \(reportedHorizons.map { byHorizon[$0 - 1] })")
        let grows = zip(reportedHorizons, reportedHorizons.dropFirst()).allSatisfy { byHorizon[$0 - 1] < byHorizon[$1 - 1] }
        let growth = byHorizon[horizon - 1] / max(byHorizon[0], 1e-12)
        m["growth"] = growth
        return ClaimResult(text: text, holds: m["oneStepMSE"]! < oneStepBound && grows && growth >= minimumGrowth, measured: m)
    }

    /// Mean squared error at horizons 1 ... `horizon` of forecasts fed back as inputs.
    static func freeRunningError(_ model: SequenceModel<Float>, seed: UInt64) throws -> [Double] {
        let B = sequences, total = context + horizon
        var rng = SeededRandom(seed: seed ^ 0x7153)
        // waves[t][b] = sin(ω_b t + φ_b)
        var omega = [Double](), phase = [Double]()
        for _ in 0..<B {
            omega.append(rng.uniform(0.1, 0.5))
            phase.append(rng.uniform(0, 2 * Double.pi))
        }
        func wave(_ t: Int, _ b: Int) -> Double { sin(omega[b] * Double(t) + phase[b]) }
        let stepper = try SequenceModelStepper(model: model, batch: B)
        stepper.reset()
        var input = [Float](repeating: 0, count: B)
        var errors = [Double](repeating: 0, count: horizon)
        for t in 0..<total {
            if t < context {
                for b in 0..<B { input[b] = Float(wave(t, b)) }
            } else {
                // The output of the last step is the forecast of step t: score it, feed it.
                let forecast = stepper.outputs
                for b in 0..<B {
                    let e = Double(forecast[b]) - wave(t, b)
                    errors[t - context] += e * e / Double(B)
                    input[b] = forecast[b]
                }
            }
            if t < total - 1 { input.withUnsafeBufferPointer { _ = stepper.step(features: $0.baseAddress!) } }
        }
        return errors
    }
}
