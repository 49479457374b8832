/// Training and evaluation on the batches tasks produce.
extension Trainer {
    /// One training step on a task batch (encoder-only tasks: classification and regression).
    @discardableResult
    public func step(on batch: SequenceBatch<Scalar>, metrics: [String: Double] = [:]) -> Report {
        model.withTargets(of: batch) { tokens, targets in
            step(features: tokens == nil ? batch.inputs : nil, tokens: tokens, steps: batch.steps,
                 batch: batch.batch, lengths: batch.lengths, targets: targets, mask: batch.lossMask.data,
                 metrics: metrics)
        }
    }
}

extension SequenceModel {
    /// The loss on `batch` without training: dropout off, no gradients kept.
    public func evaluate(on batch: SequenceBatch<Scalar>) -> LossResult {
        let wasTraining = stack.training
        stack.training = false
        defer { stack.training = wasTraining }
        return withTargets(of: batch) { tokens, targets in
            forward(features: tokens == nil ? batch.inputs : nil, tokens: tokens, steps: batch.steps,
                    batch: batch.batch, lengths: batch.lengths, targets: targets, mask: batch.lossMask.data)
        }
    }

    /// [T, B, O] predictions of the last forward, as a tensor for task metrics.
    public func predictionTensor() -> Tensor<Scalar> {
        let t = Tensor<Scalar>(shape: [steps, batch, objective.width])
        t.data.update(from: predictions, count: t.count)
        return t
    }

    /// Hands `body` pointers to the batch's input tokens (nil for feature inputs) and targets.
    func withTargets<R>(of batch: SequenceBatch<Scalar>,
                        _ body: (UnsafePointer<Int32>?, Targets) -> R) -> R {
        func targetsThen(_ tokens: UnsafePointer<Int32>?) -> R {
            if case .classification = objective {
                guard let ids = batch.targetTokens else { preconditionFailure("a classification task needs target tokens") }
                return ids.withUnsafeBufferPointer { body(tokens, .classes($0.baseAddress!)) }
            }
            guard let y = batch.targets else { preconditionFailure("a regression task needs targets") }
            return body(tokens, .values(y.data))
        }
        if input != .features(stack.inputSize), let ids = batch.inputTokens {
            return ids.withUnsafeBufferPointer { targetsThen($0.baseAddress!) }
        }
        return targetsThen(nil)
    }
}
