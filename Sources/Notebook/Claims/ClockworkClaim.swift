import RNNCore

/// clockwork: the hidden units form modules with periods 1, 2, 4, 8; module k recomputes its
/// state only at steps t with t mod T_k = 0 and copies it otherwise. On the waveforms task (a
/// cue at step 0, then a slow signal to play back), that lets slow modules keep time cheaply, and
/// a clockwork RNN beats an Elman RNN with the same number of units.
///
/// Ticks: after training, probed snapshots of rows 0 ..< `probedRows` give h_t for every unit.
/// For each module, every off-tick step (t ≥ 1, t mod T_k ≠ 0) must leave every unit's state
/// bit-for-bit equal to the step before; the claim also counts how many on-tick steps changed
/// some unit (they should, or the module would be dead).
///
/// Race: both cells train on the recipe (waveforms, same hidden size, optimizer, learning
/// rate, batch, seed) for `steps` steps and are scored on the session's held-out batch.
public enum ClockworkClaim: ScenarioClaim {
    public static let scenarioID = "clockwork"
    public static let text = "In a trained clockwork RNN (32 units in 4 modules of periods 1, 2, 4, 8), no module's state changes between its ticks (measured on every unit and step of probed sequences) while every module changes on its ticks; and on playing back 64-step waveforms from a cue, the clockwork RNN's held-out MSE is at least 10× lower than that of an Elman (tanh) RNN with the same 32 units."

    public static let steps = 1500
    public static let probedRows = 4
    public static let mseRatioBound = 0.1

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "waveforms"; r.seqLen = 64; r.cell = .clockwork; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "waveforms"; r.tbptt = nil; r.activation = nil; r.layers = 1; r.bidirectional = false
        var cw = r, elman = r
        cw.cell = .clockwork; elman.cell = .rnn_tanh
        var m: [String: Double] = [:]

        let clock = try TrainingSession<Float>(cw)
        for _ in 0..<steps { clock.step() }
        m["clockworkMSE"] = clock.evaluate()["mse"] ?? .nan
        let ticks = try tickReading(clock)
        m["offTickChanges"] = Double(ticks.offTickChanges)
        m["offTickChecks"] = Double(ticks.offTickChecks)
        m["silentModules"] = Double(ticks.silentModules)
        log("clockwork: held-out MSE \(m["clockworkMSE"]!); \(ticks.offTickChanges) of \(ticks.offTickChecks) off-tick unit-steps changed; \(ticks.silentModules) modules never changed on a tick")

        let plain = try TrainingSession<Float>(elman)
        for _ in 0..<steps { plain.step() }
        m["elmanMSE"] = plain.evaluate()["mse"] ?? .nan
        m["baselineMSE"] = plain.evaluate()["baselineMSE"] ?? .nan
        m["mseRatio"] = m["clockworkMSE"]! / m["elmanMSE"]!
        log("Elman: held-out MSE \(m["elmanMSE"]!) (ignoring the cue scores \(m["baselineMSE"]!)); clockwork/Elman \(m["mseRatio"]!)")

        let holds = ticks.offTickChanges == 0 && ticks.offTickChecks > 0 && ticks.silentModules == 0
            && m["mseRatio"]! <= mseRatioBound
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    struct TickReading {
        /// Unit-steps off a module's tick whose state differed from the step before.
        var offTickChanges = 0
        var offTickChecks = 0
        /// Modules with no unit changing on any of their ticks (t ≥ 1) in any probed row.
        var silentModules = 0
    }

    /// Reads h_t of rows 0 ..< `probedRows` (one probed training step each).
    static func tickReading(_ session: TrainingSession<Float>) throws -> TickReading {
        guard let cell = session.model.stack.layers.first?.first?.cell as? ClockworkCell<Float> else {
            throw InputError(place: "cell", "the tick check needs a clockwork cell")
        }
        let savedRow = session.trainer.probe.row
        defer { session.trainer.probe.row = savedRow }
        var reading = TickReading()
        var changedOnTick = [Bool](repeating: false, count: cell.modules)
        for row in 0..<probedRows {
            session.trainer.probe.row = row
            guard let h = session.step(probe: true).snapshot?.layers.first?.hidden else { continue }
            for t in 1..<h.count {
                for k in 0..<cell.modules {
                    let units = (k * cell.moduleSize)..<((k + 1) * cell.moduleSize)
                    let changed = units.filter { h[t][$0] != h[t - 1][$0] }.count
                    if cell.isActive(module: k, time: t) {
                        if changed > 0 { changedOnTick[k] = true }
                    } else {
                        reading.offTickChanges += changed
                        reading.offTickChecks += units.count
                    }
                }
            }
        }
        reading.silentModules = changedOnTick.filter { !$0 }.count
        return reading
    }
}
