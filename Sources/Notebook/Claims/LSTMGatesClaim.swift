import RNNCore

/// lstm-gates: on the adding problem at T = 50 an LSTM learns to carry the marked values to the
/// end, through a unit whose forget gate stays open, while a tanh RNN of the same size does not.
///
/// Both models train on the recipe (adding, T = 50, the same hidden size, optimizer, learning
/// rate, batch and seed) for `steps` steps and are scored on the session's held-out batch.
///
/// The forget gate is read from probe snapshots of rows 0 ..< `probedRows`. What a unit keeps
/// of its cell state from the first marker to the answer is the product of its forget gates
/// over those steps (c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t); the claim reads the unit that keeps the
/// most, averaged over the rows. The mean forget gate over all units is reported too: it does
/// not rise, because most units learn to forget and only a few carry the memory.
public enum LSTMGatesClaim: ScenarioClaim {
    public static let scenarioID = "lstm-gates"
    public static let text = "On the adding problem at T = 50, an LSTM reaches held-out MSE < 0.01 while a tanh RNN of the same size stays ≥ 0.1; and one LSTM unit's forget gate stays open across the span it must remember: the product of its forget gates from the first marker to the answer keeps ≥ 50% of its cell state (at initialisation no unit keeps 0.1%)."

    public static let steps = 1500
    public static let probedRows = 4
    public static let retentionThreshold = 0.5
    public static let initialRetentionBound = 1e-3

    /// The configuration the scenario's front matter should hold (the claim sets the cells).
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 50; r.cell = .lstm; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "adding"; r.seqLen = 50; r.tbptt = nil; r.activation = nil; r.radius = nil
        var lstmRecipe = r, tanhRecipe = r
        lstmRecipe.cell = .lstm; tanhRecipe.cell = .rnn_tanh
        var m: [String: Double] = [:]

        let lstm = try TrainingSession<Float>(lstmRecipe)
        // At initialisation: the first batch's rows, each probed from the untrained weights.
        let initial = forgetGates(lstm, resetEachRow: true)
        lstm.reset()
        for _ in 0..<steps { lstm.step() }
        m["lstmMSE"] = lstm.evaluate()["mse"] ?? .nan
        let trained = forgetGates(lstm, resetEachRow: false)
        m["retentionInitial"] = initial.bestRetention
        m["retentionTrained"] = trained.bestRetention
        m["memoryUnit"] = Double(trained.bestUnit)
        m["meanForgetInitial"] = initial.meanForget
        m["meanForgetTrained"] = trained.meanForget
        log("LSTM: held-out MSE \(m["lstmMSE"]!); unit \(trained.bestUnit) keeps \(trained.bestRetention) of its cell state over the span (best at initialisation \(initial.bestRetention)); mean forget gate \(initial.meanForget) → \(trained.meanForget)")

        let tanh = try TrainingSession<Float>(tanhRecipe)
        for _ in 0..<steps { tanh.step() }
        m["tanhMSE"] = tanh.evaluate()["mse"] ?? .nan
        log("tanh RNN: held-out MSE \(m["tanhMSE"]!) (predicting the mean scores \(AddingProblem.baselineMSE))")

        let holds = m["lstmMSE"]! < 0.01 && m["tanhMSE"]! >= 0.1
            && trained.bestRetention >= retentionThreshold && initial.bestRetention < initialRetentionBound
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    struct ForgetReading {
        var bestUnit = 0
        /// Mean over rows of Π f_t from the first marker to the last step, for the best unit.
        var bestRetention = 0.0
        /// Mean f over units, rows and the span.
        var meanForget = 0.0
    }

    /// Probes rows 0 ..< `probedRows`, one probed step each (which also trains, unless the
    /// session is reset before each so every row is read from the same, initial, weights).
    static func forgetGates(_ session: TrainingSession<Float>, resetEachRow: Bool) -> ForgetReading {
        let savedRow = session.trainer.probe.row
        defer { session.trainer.probe.row = savedRow }
        var retention: [Double] = [], forgetSum = 0.0, forgetCount = 0, rows = 0
        for row in 0..<probedRows {
            session.trainer.probe.row = row
            if resetEachRow { session.reset() }
            guard let f = session.step(probe: true).snapshot?.layers.first?.gates["f"],
                  // The adding problem's marked steps carry a "*" label.
                  let first = session.inputLabels.firstIndex(where: { $0.hasPrefix("*") }),
                  let H = f.first?.count else { continue }
            if retention.isEmpty { retention = Array(repeating: 0, count: H) }
            var keep = [Double](repeating: 1, count: H)
            for t in (first + 1)..<f.count {
                for j in 0..<H {
                    keep[j] *= Double(f[t][j])
                    forgetSum += Double(f[t][j]); forgetCount += 1
                }
            }
            for j in 0..<H { retention[j] += keep[j] }
            rows += 1
        }
        guard rows > 0, let best = retention.indices.max(by: { retention[$0] < retention[$1] }) else {
            return ForgetReading(bestUnit: -1, bestRetention: .nan, meanForget: .nan)
        }
        return ForgetReading(bestUnit: best, bestRetention: retention[best] / Double(rows),
                             meanForget: forgetSum / Double(max(forgetCount, 1)))
    }
}
