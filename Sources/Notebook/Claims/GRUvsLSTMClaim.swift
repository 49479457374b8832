import Foundation
import RNNCore

/// gru-vs-lstm: a GRU has three gate blocks where an LSTM has four, so its recurrent layer has
/// exactly ¾ of the LSTM's weights, and on the same task it reaches a similar loss.
///
/// Both models train on the recipe (same task, hidden size, optimizer, learning rate, batch,
/// seed, so the same batches) for `steps` steps and are scored on the session's held-out batch.
/// The parameter counts are read from the built models: the recurrent stack's parameters
/// (W_ih, W_hh and both biases of every layer), and, for the record, the whole model's (with
/// the head, which is the same for both). Time per training step is wall-clock time over the
/// `steps` steps, reported but not judged: it depends on the machine.
public enum GRUvsLSTMClaim: ScenarioClaim {
    public static let scenarioID = "gru-vs-lstm"
    public static let text = "On one-step-ahead prediction of a noisy sine (T = 50), a GRU's recurrent layer has exactly ¾ of an LSTM's parameters (counted from the two built models), and after the same 1000 training steps its held-out MSE is within 2× of the LSTM's, both below the noise variance 0.01; the time per training step of each is measured and reported."

    public static let steps = 1000
    public static let lossRatioBound = 2.0
    /// The variance of the observation noise (σ = 0.1): below it, a model predicts the clean
    /// signal better than the noisy input it reads.
    public static let solvedBound = 0.01

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "noisy-sine"; r.seqLen = 50; r.cell = .gru; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "noisy-sine"; r.seqLen = 50; r.tbptt = nil; r.activation = nil
        var m: [String: Double] = [:]
        var recurrent: [CellKind: Int] = [:]
        for kind in [CellKind.lstm, .gru] {
            var cr = r
            cr.cell = kind
            let session = try TrainingSession<Float>(cr)
            let stackCount = session.model.stack.parameters.reduce(0) { $0 + $1.count }
            let totalCount = session.model.parameters.reduce(0) { $0 + $1.count }
            recurrent[kind] = stackCount
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<steps { session.step() }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(steps)
            let mse = session.evaluate()["mse"] ?? .nan
            let name = kind.rawValue
            m["\(name)RecurrentParameters"] = Double(stackCount)
            m["\(name)ModelParameters"] = Double(totalCount)
            m["\(name)MSE"] = mse
            m["\(name)MsPerStep"] = ms
            log("\(name): \(stackCount) recurrent parameters (\(totalCount) in all), held-out MSE \(mse) after \(steps) steps, \(ms) ms per step")
        }
        let ratio = Double(recurrent[.gru] ?? 0) / Double(max(recurrent[.lstm] ?? 1, 1))
        let lstm = m["lstmMSE"]!, gru = m["gruMSE"]!
        let lossRatio = max(lstm, gru) / max(min(lstm, gru), .leastNonzeroMagnitude)
        m["parameterRatio"] = ratio
        m["lossRatio"] = lossRatio
        log("GRU/LSTM recurrent parameters \(ratio); larger/smaller held-out MSE \(lossRatio)")
        let holds = ratio == 0.75 && lossRatio <= lossRatioBound && lstm < solvedBound && gru < solvedBound
        return ClaimResult(text: text, holds: holds, measured: m)
    }
}
