import Foundation
import RNNCore

/// padding-masking: a padded batch gives the loss of its sequences, and nothing else, only
/// when the padding is masked; packing gets the same numbers without computing padded steps.
///
/// Trains a `TrainingSession` on the recipe (padded sequences of lengths 5 … seq_len, one
/// label per sequence: is the sum of the values positive?) for `steps` steps, then copies its weights into a Double model, so
/// "exactly" can be checked at double precision. On a fresh padded batch of `rows` sequences:
/// - per-sequence losses: each sequence run alone at its own length, cross-entropy at its
///   last step; their mean is the reference;
/// - masked: the padded batch with lengths, loss only at each row's own last step;
/// - unmasked: the padded batch read to the end as if padding were data, every row scored at
///   the last padded step T − 1 (what taking the final state of a padded batch does);
/// - packed: `PackedForward` (rows sorted by length, each step run only on rows still going),
///   the head applied to each row's final state; it reports the row-steps it skipped.
public enum PaddingMaskingClaim: ScenarioClaim {
    public static let scenarioID = "padding-masking"
    public static let text = "On a padded batch of 64 sequences (lengths 5 to 20), the masked loss equals the mean of the per-sequence losses to within 1e-12 in double precision, while reading the padding as data and scoring at the last padded step gives a different loss; packing gives the same loss as masking without computing any padded step, and reports how many it skipped (about a third of the batch's 1280 row-steps)."

    public static let steps = 300
    public static let rows = 64
    public static let tolerance = 1e-12

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "padded-sum"; r.seqLen = 20; r.cell = .gru; r.hidden = 32
        r.optimizer = "adam"; r.lr = 1e-2; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "padded-sum"; r.bidirectional = false; r.dropout = 0
        let session = try TrainingSession<Float>(r)
        for _ in 0..<steps { session.step() }
        let accuracy = session.evaluate()["accuracy"] ?? 0
        log("after \(steps) steps: held-out accuracy \(accuracy)")

        // The trained weights, in Double.
        var initRandom = SeededRandom(seed: r.seed)
        let model = try r.makeModel(for: session.task, rng: &initRandom, Double.self)
        for (p, q) in zip(model.parameters, session.model.parameters) {
            for i in 0..<p.value.count { p.value[i] = Double(q.value[i]) }
        }
        model.stack.training = false

        let batch = SequenceBatch<Double>()
        var data = SeededRandom(seed: r.seed ^ 0x9ADD)
        session.task.fill(batch, size: rows, rng: &data)
        let T = batch.steps, B = batch.batch
        guard let labels = batch.targetTokens else { throw InputError(place: "task", "padded-sum has no labels") }
        func label(_ b: Int) -> Int32 { labels[batch.index(t: batch.lengths[b] - 1, b: b)] }

        // Each sequence alone, at its own length.
        var perSequence: [Double] = []
        for b in 0..<B {
            let L = batch.lengths[b]
            let x = Tensor<Double>(shape: [L, 1, 1])
            for t in 0..<L { x[t] = batch.inputs[batch.index(t: t, b: b)] }
            var y = [Int32](repeating: -1, count: L)
            y[L - 1] = label(b)
            let loss = y.withUnsafeBufferPointer {
                model.forward(features: x, steps: L, batch: 1, targets: .classes($0.baseAddress!)).loss
            }
            perSequence.append(loss)
        }
        let reference = perSequence.reduce(0, +) / Double(B)
        let masked = model.evaluate(on: batch).loss

        // Padding read as data, every row scored at the end.
        var atEnd = [Int32](repeating: -1, count: T * B)
        for b in 0..<B { atEnd[batch.index(t: T - 1, b: b)] = label(b) }
        let unmasked = atEnd.withUnsafeBufferPointer {
            model.forward(features: batch.inputs, steps: T, batch: B, targets: .classes($0.baseAddress!)).loss
        }

        // Packed: only real steps computed; the head on each row's own final state.
        let packer = PackedForward<Double>()
        try packer.run(model.stack, input: batch.inputs, steps: T, batch: B, lengths: batch.lengths)
        var packedTotal = 0.0
        let L = model.stack.layers.count, S = model.stack.stateSize
        for b in 0..<B {
            packedTotal += headLoss(model, state: packer.finalStates.data + ((L - 1) * B + b) * S, label: Int(label(b)))
        }
        let packed = packedTotal / Double(B)

        var m: [String: Double] = [:]
        m["accuracy"] = accuracy
        m["meanPerSequenceLoss"] = reference
        m["maskedLoss"] = masked
        m["unmaskedLoss"] = unmasked
        m["packedLoss"] = packed
        m["maskedError"] = abs(masked - reference)
        m["packedError"] = abs(packed - reference)
        m["unmaskedError"] = abs(unmasked - reference)
        m["rowSteps"] = Double(T * B)
        m["skippedRowSteps"] = Double(packer.skippedRowSteps / L)
        m["computedRowSteps"] = Double(packer.computedRowSteps / L)
        log("mean of per-sequence losses \(reference); masked \(masked) (off by \(m["maskedError"]!)); unmasked \(unmasked); packed \(packed) (off by \(m["packedError"]!))")
        log("packing computed \(packer.computedRowSteps / L) of \(T * B) row-steps per layer and skipped \(packer.skippedRowSteps / L) padded ones")
        let holds = m["maskedError"]! <= tolerance && m["packedError"]! <= tolerance
            && m["unmaskedError"]! > 1e3 * tolerance && packer.skippedRowSteps > 0
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// Cross-entropy of the head's logits on one final state [S].
    static func headLoss(_ model: SequenceModel<Double>, state: UnsafePointer<Double>, label: Int) -> Double {
        let W = model.head.weight.value, bias = model.head.bias?.value
        let O = W.shape[0], S = W.shape[1]
        var logits = [Double](repeating: 0, count: O)
        for o in 0..<O {
            var z = bias?[o] ?? 0
            for s in 0..<S { z += W[o * S + s] * state[s] }
            logits[o] = z
        }
        let top = logits.max() ?? 0
        let logZ = top + log(logits.reduce(0) { $0 + exp($1 - top) })
        return logZ - logits[label]
    }
}
