import RNNCore

/// stateful: a stream cut into chunks, with answers that lie in the previous chunk. Carrying
/// the hidden state across chunks (detached, as Keras's `stateful=True` or TBPTT does) makes
/// those answers reachable; resetting it at every chunk makes them coin flips.
///
/// Task: `DelayedRecall` (name the symbol seen `lag` = 5 steps ago, K = 4 symbols). Both models
/// are the recipe's and see the same number of updates on the same amount of stream:
/// - carried: sequences of `seq_len` (200) trained by TBPTT in chunks of `tbptt` (20): the state
///   at the end of one chunk starts the next, gradients stop at the boundary;
/// - reset: sequences of one chunk (20), trained `seq_len / tbptt` times as many steps; every
///   chunk starts from a zero state.
///
/// Scored on held-out streams, each model read the way it was trained (the carried one end to
/// end, the reset one chunk by chunk): "boundary" steps are the first `lag` steps of every chunk
/// after the first, whose answer lies in the previous chunk; "inside" steps are the others.
public enum StatefulClaim: ScenarioClaim {
    public static let scenarioID = "stateful"
    public static let text = "Reading a stream in chunks of 20 steps, where each step must name the symbol seen 5 steps earlier, an LSTM that carries its state across chunks gets ≥ 95% of the boundary steps right (the first 5 of every chunk, whose answer lies in the chunk before), while the same LSTM reset at every chunk stays at chance there (≤ 35%, chance is 25%); inside the chunks both get ≥ 95%."

    public static let steps = 150
    public static let lag = 5

    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "recall"; r.seqLen = 200; r.tbptt = 20; r.cell = .lstm; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var carriedRecipe = recipe
        carriedRecipe.task = "recall"; carriedRecipe.bidirectional = false
        let stream = carriedRecipe.seqLen ?? 200
        let chunk = min(carriedRecipe.tbptt ?? 20, stream)
        carriedRecipe.tbptt = chunk
        var resetRecipe = carriedRecipe
        resetRecipe.seqLen = chunk; resetRecipe.tbptt = nil
        let chunksPerStream = max(stream / chunk, 1)

        let carried = try TrainingSession<Float>(carriedRecipe)
        for _ in 0..<steps { carried.step() }
        let reset = try TrainingSession<Float>(resetRecipe)
        for _ in 0..<(steps * chunksPerStream) { reset.step() }

        // Held-out streams: 64 of `stream` steps for the carried model, and the same amount of
        // stream as 64 · chunksPerStream separate chunks for the reset one.
        var heldOut = SeededRandom(seed: recipe.seed ^ 0x57A7E)
        let streamTask = try DelayedRecall(length: stream, lag: lag)
        let chunkTask = try DelayedRecall(length: chunk, lag: lag)
        let streams = streamTask.makeBatch(size: 64, rng: &heldOut, as: Float.self)
        let chunks = chunkTask.makeBatch(size: 64 * chunksPerStream, rng: &heldOut, as: Float.self)

        _ = carried.model.evaluate(on: streams)
        let carriedLogits = carried.model.predictionTensor()
        var boundary: [Int] = [], inside: [Int] = []
        for t in chunk..<stream { if t % chunk < lag { boundary.append(t) } else { inside.append(t) } }
        _ = reset.model.evaluate(on: chunks)
        let resetLogits = reset.model.predictionTensor()

        var m: [String: Double] = [:]
        m["carriedBoundaryAccuracy"] = accuracy(carriedLogits, streams, steps: boundary)
        m["carriedInsideAccuracy"] = accuracy(carriedLogits, streams, steps: inside)
        m["resetBoundaryAccuracy"] = accuracy(resetLogits, chunks, steps: Array(0..<min(lag, chunk)))
        m["resetInsideAccuracy"] = accuracy(resetLogits, chunks, steps: Array(min(lag, chunk)..<chunk))
        m["chance"] = 1.0 / Double(chunkTask.symbols)
        log("carried state: boundary \(m["carriedBoundaryAccuracy"]!), inside \(m["carriedInsideAccuracy"]!)")
        log("reset state:   boundary \(m["resetBoundaryAccuracy"]!), inside \(m["resetInsideAccuracy"]!)")
        let holds = m["carriedBoundaryAccuracy"]! >= 0.95 && m["resetBoundaryAccuracy"]! <= 0.35
            && m["carriedInsideAccuracy"]! >= 0.95 && m["resetInsideAccuracy"]! >= 0.95
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// Accuracy of `[T, B, C]` logits over the listed steps of every row.
    static func accuracy(_ logits: Tensor<Float>, _ batch: SequenceBatch<Float>, steps: [Int]) -> Double {
        var total = 0.0
        for t in steps { total += DelayedRecall.accuracy(logits, batch, steps: t..<(t + 1)) }
        return steps.isEmpty ? 0 : total / Double(steps.count)
    }
}
