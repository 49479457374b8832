import RNNCore

/// One recurrent encoder read by two linear heads, for multi-task learning.
///
/// Shape letters: T steps, B batch, K input symbols (one-hot features), H hidden units,
/// C_A and C_B classes of the two heads.
///
/// Built from two `SequenceModel`s over the same `RecurrentStack`: each owns its head and its
/// loss, the stack (and so W_ih, W_hh and biases) is shared. A joint step runs task A's batch
/// forward and backward, then task B's; `SequenceModel.backward` accumulates into the
/// parameters' gradients, so the stack's gradient is ∂L_A/∂θ + ∂L_B/∂θ and each head gets its
/// own task's gradient only. A model trained on B alone is the same thing with A's weight 0.
final class SharedEncoderModel<Scalar: BLASReal> {
    let stack: RecurrentStack<Scalar>
    /// Head A over the shared stack: [T·B, H] → [T·B, C_A].
    let taskA: SequenceModel<Scalar>
    /// Head B over the shared stack: [T·B, H] → [T·B, C_B].
    let taskB: SequenceModel<Scalar>
    /// Stack, then head A, then head B: each parameter once.
    let parameters: [Parameter<Scalar>]
    let optimizer: any Optimizer<Scalar>
    var clipNorm: Double?

    /// The recipe's cell, hidden size and optimizer; inputs are one-hot rows of `inputs` symbols.
    init(_ recipe: TrainingRecipe, inputs K: Int, classesA: Int, classesB: Int, seed: UInt64) throws {
        let (kind, H, ln) = (recipe.effectiveCell, recipe.hidden, recipe.layerNorm)
        var failure: Error?
        stack = RecurrentStack<Scalar>(inputSize: K, layers: 1, bidirectional: false, seed: seed &+ 17) { _, i in
            do { return try makeCell(kind: kind, inputSize: i, hiddenSize: H, layerNorm: ln) }
            catch { failure = failure ?? error; return ElmanCell<Scalar>(inputSize: i, hiddenSize: H) }
        }
        if let failure { throw failure }
        taskA = SequenceModel(input: .features(K), objective: .classification(classes: classesA), stack: stack)
        taskB = SequenceModel(input: .features(K), objective: .classification(classes: classesB), stack: stack)
        var rng = SeededRandom(seed: seed)
        taskA.resetParameters(rng: &rng)
        for p in taskB.head.parameters { Initializer.pytorchDefault(p.value, fanIn: H, rng: &rng) }
        parameters = stack.parameters + taskA.head.parameters + taskB.head.parameters
        optimizer = try recipe.makeOptimizer(Scalar.self)
        clipNorm = recipe.clip
    }

    /// Gradients of L_A on `a` (when given) plus L_B on `b` (when given), from zero.
    /// Returns the two losses (0 for a task left out).
    @discardableResult
    func accumulateGradients(a: SequenceBatch<Scalar>?, b: SequenceBatch<Scalar>?) -> (a: Double, b: Double) {
        zeroGrad(parameters)
        stack.training = true
        var losses = (a: 0.0, b: 0.0)
        if let a { losses.a = Self.forwardBackward(taskA, a) }
        if let b { losses.b = Self.forwardBackward(taskB, b) }
        return losses
    }

    /// One update from the gradients of `accumulateGradients`.
    @discardableResult
    func step(a: SequenceBatch<Scalar>?, b: SequenceBatch<Scalar>?) -> (a: Double, b: Double) {
        let losses = accumulateGradients(a: a, b: b)
        if let clipNorm { _ = clipGradNorm(parameters, maxNorm: clipNorm) }
        optimizer.step(parameters)
        return losses
    }

    /// Mean cross-entropy of one head on `batch` (targets: class ids), leaving ∂L/∂θ added in.
    static func forwardBackward(_ head: SequenceModel<Scalar>, _ batch: SequenceBatch<Scalar>) -> Double {
        guard let ids = batch.targetTokens else { return 0 }
        let loss = ids.withUnsafeBufferPointer { p in
            head.forward(features: batch.inputs, steps: batch.steps, batch: batch.batch,
                         targets: .classes(p.baseAddress!), mask: batch.lossMask.data).loss
        }
        head.backward()
        return loss
    }
}
