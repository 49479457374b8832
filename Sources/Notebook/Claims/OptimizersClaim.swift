import RNNCore

/// optimizers: Adam adapts each parameter's step to its own gradient scale and gets to a target
/// loss sooner than plain SGD, even SGD at its best learning rate; and any optimizer with a
/// learning rate far past its stable range diverges.
///
/// Every run trains the recipe's model from the same seed on the same batches, and is scored
/// on the session's held-out batch every `evalEvery` steps. "Steps to target" is the first
/// scored step with held-out MSE ≤ `target` (`budget` + 1 when it never gets there). SGD runs
/// at each learning rate of `sgdRates` and the best is kept (fewest steps, then lowest final
/// MSE), so SGD is not handicapped by a bad guess. The too-high run uses 10× the best SGD rate, and "diverged" means its held-out loss
/// became non-finite or ended above its loss at initialisation.
public enum OptimizersClaim: ScenarioClaim {
    public static let scenarioID = "optimizers"
    public static let text = "On one-step sine prediction with a 32-unit tanh RNN, Adam (lr 0.01) reaches held-out MSE 0.005 within 2,000 steps and in fewer steps than plain SGD at the best of learning rates 0.03, 0.1, 0.3 and 1; and SGD at 10× that best rate diverges (its held-out loss turns NaN or ends above its starting value)."

    public static let target = 0.005
    public static let budget = 2000
    public static let evalEvery = 10
    public static let sgdRates = [0.03, 0.1, 0.3, 1.0]

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "sine"; r.seqLen = 50; r.cell = .rnn_tanh; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var base = recipe
        base.task = "sine"; base.tbptt = nil
        var m: [String: Double] = [:]

        var adam = base
        adam.optimizer = "adam"
        let adamRun = try train(adam, stopAtTarget: true)
        m["adamSteps"] = Double(adamRun.steps)
        log("adam lr \(adam.lr): \(describe(adamRun))")

        var bestSGD = (rate: sgdRates[0], steps: budget + 2, final: Double.infinity)
        for rate in sgdRates {
            var sgd = base
            sgd.optimizer = "sgd"; sgd.lr = rate
            let result = try train(sgd, stopAtTarget: true)
            m["sgdSteps@\(rate)"] = Double(result.steps)
            log("sgd lr \(rate): \(describe(result))")
            let final = result.final.isFinite ? result.final : .infinity
            if result.steps < bestSGD.steps || (result.steps == bestSGD.steps && final < bestSGD.final) {
                bestSGD = (rate, result.steps, final)
            }
        }
        m["sgdBestSteps"] = Double(bestSGD.steps)
        m["sgdBestRate"] = bestSGD.rate
        m["sgdBestFinalMSE"] = bestSGD.final

        var high = base
        high.optimizer = "sgd"; high.lr = 10 * bestSGD.rate
        let highRun = try train(high, stopAtTarget: false)
        m["tooHighRate"] = high.lr
        m["tooHighInitialLoss"] = highRun.initial
        m["tooHighFinalLoss"] = highRun.final.isFinite ? highRun.final : -1
        let diverged = !highRun.final.isFinite || highRun.final > highRun.initial
        m["tooHighDiverged"] = diverged ? 1 : 0
        log("sgd lr \(high.lr): held-out loss \(highRun.initial) → \(highRun.final)")

        let holds = adamRun.steps <= budget && adamRun.steps < bestSGD.steps && diverged
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    struct Run { var steps: Int; var initial: Double; var final: Double }

    static func describe(_ r: Run) -> String {
        r.steps <= budget ? "held-out MSE ≤ \(target) after \(r.steps) steps" : "not at \(target) within \(budget) steps (final \(r.final))"
    }

    /// Trains until the held-out MSE reaches `target` (when `stopAtTarget`) or for `budget` steps.
    static func train(_ r: TrainingRecipe, stopAtTarget: Bool) throws -> Run {
        let session = try TrainingSession<Float>(r)
        let initial = session.evaluate()["mse"] ?? .nan
        var loss = initial
        for s in 1...budget {
            session.step()
            guard s % evalEvery == 0 else { continue }
            loss = session.evaluate()["mse"] ?? .nan
            if !loss.isFinite { return Run(steps: budget + 1, initial: initial, final: loss) }
            if stopAtTarget && loss <= target { return Run(steps: s, initial: initial, final: loss) }
        }
        return Run(steps: stopAtTarget ? budget + 1 : budget, initial: initial, final: loss)
    }
}
