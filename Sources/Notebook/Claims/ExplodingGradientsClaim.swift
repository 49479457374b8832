import RealModule
import RNNCore

/// exploding-gradients: with nothing to saturate (a linear RNN), a recurrent matrix of radius
/// 1.5 multiplies the gradient by 1.5 at every step back, and plain SGD steps of that size
/// throw the weights away.
///
/// The task is one-step-ahead sine prediction (every step scored), which a linear RNN can
/// learn once its recurrence is tamed (see gradient-clipping). The growth is read at
/// initialisation: the mean over `seeds` fresh models of log ‖∂L/∂h_{T−1−k}‖, and the growth is
/// ‖∂L/∂h_{T−21}‖ / ‖∂L/∂h_{T−1}‖ (each ‖∂L/∂h_t‖ is the total derivative, from every later
/// loss). Then the recipe trains without clipping
/// for up to `steps` steps: it has diverged when a training loss is NaN or infinite, or the
/// held-out loss ends above the one it started at.
public enum ExplodingGradientsClaim: ScenarioClaim {
    public static let scenarioID = "exploding-gradients"
    public static let text = "Predicting a sine wave with a linear RNN at spectral radius 1.5, ‖∂L/∂h_t‖ grows by ≥ 1000× over 20 steps back, and plain SGD without clipping diverges: the loss turns NaN or infinite, or ends above where it started."

    public static let span = 20
    public static let seeds = 4
    public static let steps = 300

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "sine"; r.seqLen = 30; r.cell = .rnn_linear; r.hidden = 32; r.initializer = "orthogonal"
        r.radius = 1.5; r.optimizer = "sgd"; r.lr = 0.1; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "sine"; r.radius = 1.5; r.clip = nil; r.clipValue = nil; r.tbptt = nil
        r.seqLen = max(recipe.seqLen ?? 30, span + 1)
        var m: [String: Double] = [:]
        let profile = try BasicsMeasures.meanLogNormsBack(r, seeds: seeds, span: span)
        m["growth"] = Double.exp(profile[span] - profile[0])
        m["perStepFactor"] = BasicsMeasures.perStepFactor(profile)
        log("growth of ‖∂L/∂h_t‖ over \(span) steps back: \(m["growth"]!)× (per step \(m["perStepFactor"]!))")

        let run = try TrainingRun.train(r, steps: steps, log: log)
        m["initialLoss"] = run.initialLoss
        m["finalLoss"] = run.finalLoss.isFinite ? run.finalLoss : Double.greatestFiniteMagnitude
        m["nonFiniteAtStep"] = Double(run.nonFiniteStep ?? -1)
        let diverged = run.nonFiniteStep != nil || !(run.finalLoss <= run.initialLoss)
        m["diverged"] = diverged ? 1 : 0
        let holds = m["growth"]! >= 1000 && diverged
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}

/// Training a recipe for a number of steps, watching for the loss leaving the numbers.
enum TrainingRun {
    struct Outcome {
        /// Held-out loss before the first step and after the last one taken.
        var initialLoss: Double
        var finalLoss: Double
        /// The first step whose training loss was NaN or infinite (training stops there).
        var nonFiniteStep: Int?
        var stepsTaken: Int
    }

    static func train(_ r: TrainingRecipe, steps: Int, log: (String) -> Void) throws -> Outcome {
        let session = try TrainingSession<Float>(r)
        let initial = session.evaluate()["loss"] ?? .nan
        var nonFinite: Int? = nil, taken = 0
        for s in 1...steps {
            let loss = session.step().loss
            taken = s
            if !loss.isFinite { nonFinite = s; break }
            if s % 100 == 0 { log("step \(s): training loss \(loss)") }
        }
        let final = session.evaluate()["loss"] ?? .nan
        log("held-out loss \(initial) → \(final)" + (nonFinite.map { ", non-finite at step \($0)" } ?? ""))
        return Outcome(initialLoss: initial, finalLoss: final, nonFiniteStep: nonFinite, stepsTaken: taken)
    }
}
