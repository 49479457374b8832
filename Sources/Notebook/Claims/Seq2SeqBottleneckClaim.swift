import RNNCore

/// seq2seq-bottleneck: an encoder–decoder without attention has to squeeze the whole source
/// into the encoder's final state, so the longer the source, the less of it survives.
///
/// One model per source length in `lengths`, each trained from the same seed, with the same
/// recipe (cell, size, optimizer, batch) and the same number of steps, on reversal at that
/// length, attention forced off. Each is scored free-running (greedy decoding, the model fed
/// its own previous argmax) on its held-out batch. The claim: accuracy falls at every step up
/// the length ladder, and the longest source loses at least `minimumDrop` of the shortest's.
public enum Seq2SeqBottleneckClaim: ScenarioClaim {
    public static let scenarioID = "seq2seq-bottleneck"
    public static let text = "Without attention, an encoder–decoder trained the same way on reversal at source lengths 4, 8 and 16 gets fewer tokens right (greedy decoding) at every step up in length, and at 16 at least 30 points fewer than at 4."

    public static let lengths = [4, 8, 16]
    public static let steps = 800
    public static let minimumDrop = 0.30

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "reverse"; r.seqLen = 8; r.cell = .gru; r.hidden = 64; r.attention = "none"
        r.teacherForcing = 1; r.optimizer = "adam"; r.lr = 3e-3; r.clip = 5; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var measured: [String: Double] = [:]
        var accuracies: [Double] = []
        for length in lengths {
            var r = recipe
            r.task = "reverse"; r.seqLen = length; r.attention = "none"
            let session = try Seq2SeqSession<Float>(r)
            for _ in 0..<steps { session.step(probe: false) }
            let m = session.evaluate()
            let greedy = m["greedyAccuracy"] ?? 0
            accuracies.append(greedy)
            measured["greedyAccuracy@\(length)"] = greedy
            measured["teacherForcedAccuracy@\(length)"] = m["accuracy"] ?? 0
            measured["sequenceAccuracy@\(length)"] = m["greedySequenceAccuracy"] ?? 0
            log("length \(length): greedy token accuracy \(greedy), whole sequences right \(m["greedySequenceAccuracy"] ?? 0)")
        }
        let falling = zip(accuracies, accuracies.dropFirst()).allSatisfy { $0 > $1 }
        let drop = accuracies[0] - accuracies[accuracies.count - 1]
        measured["drop"] = drop
        return ClaimResult(text: text, holds: falling && drop >= minimumDrop, measured: measured)
    }
}
