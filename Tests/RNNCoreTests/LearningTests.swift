import XCTest
import RNNCore

/// The core learns what it should, and only that: gated cells bridge a 50-step gap that a
/// plain tanh RNN of the same size cannot.
final class LearningTests: XCTestCase {
    func recipe(_ cell: CellKind) -> TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 50; r.cell = cell; r.hidden = 32
        r.optimizer = "adam"; r.lr = 0.01; r.batch = 32; r.seed = 0
        return r
    }

    func train(_ r: TrainingRecipe, steps: Int) throws -> (TrainingSession<Float>, [Double]) {
        let s = try TrainingSession<Float>(r)
        var losses: [Double] = []
        for _ in 0..<steps { losses.append(s.step().loss) }
        return (s, losses)
    }

    func testLSTMSolvesAddingAtFiftyStepsWhereTanhStaysAtBaseline() throws {
        let (lstm, _) = try train(recipe(.lstm), steps: 1500)
        let lstmMSE = try XCTUnwrap(lstm.evaluate()["mse"])
        XCTAssertLessThan(lstmMSE, 0.01, "LSTM on adding, T=50")

        let (tanh, _) = try train(recipe(.rnn_tanh), steps: 1500)
        let m = tanh.evaluate()
        let tanhMSE = try XCTUnwrap(m["mse"]), baseline = try XCTUnwrap(m["baselineMSE"])
        // Predicting the mean scores the targets' variance (1/6); the tanh RNN stays there.
        XCTAssertGreaterThan(tanhMSE, 0.8 * baseline, "tanh RNN should stay near the mean baseline")
    }

    func testSameSeedGivesBitIdenticalLosses() throws {
        var r = recipe(.lstm)
        r.layers = 2; r.dropout = 0.2
        let (_, a) = try train(r, steps: 100)
        let (_, b) = try train(r, steps: 100)
        XCTAssertEqual(a.map(\.bitPattern), b.map(\.bitPattern))
        r.seed = 1
        let (_, c) = try train(r, steps: 100)
        XCTAssertNotEqual(a, c)
    }

    func testTruncatedBPTTMatchesFullBPTTWhenTheWindowCoversTheSequence() throws {
        // TBPTT(k1 = T, k2 = T) is one full-BPTT update: the same loss and the same gradients.
        for seed in [UInt64(3), 4] {
            var rng = SeededRandom(seed: seed)
            let task = try AddingProblem(length: 12)
            let batch = task.makeBatch(size: 4, rng: &rng, as: Float.self)
            func model() -> Trainer<Float> {
                var initRNG = SeededRandom(seed: 9)
                let stack = RecurrentStack<Float>(inputSize: 2, layers: 1, bidirectional: false) { _, i in
                    LSTMCell<Float>(inputSize: i, hiddenSize: 5) }
                let m = SequenceModel(input: .features(2), objective: .regression(outputs: 1), stack: stack)
                m.resetParameters(rng: &initRNG)
                return Trainer(model: m, optimizer: try! SGD<Float>(learningRate: 0.1))
            }
            let full = model(), truncated = model()
            let a = full.step(on: batch).loss
            let b = truncated.truncatedStep(features: batch.inputs, steps: 12, batch: 4, k1: 12, k2: 12,
                                            targets: .values(batch.targets!.data), mask: batch.lossMask.data).loss
            XCTAssertEqual(a, b, accuracy: 1e-6)
            for (p, q) in zip(full.model.parameters, truncated.model.parameters) {
                for i in 0..<p.count { XCTAssertEqual(p.value[i], q.value[i], accuracy: 1e-6) }
            }
        }
    }

    func testTruncationCutsGradientsBeyondTheWindow() throws {
        // With k2 = 3, the loss at the last step cannot reach inputs more than 3 steps back:
        // the first layer's input weights get gradient only through the last window.
        var rng = SeededRandom(seed: 5)
        let task = try AddingProblem(length: 10)
        let batch = task.makeBatch(size: 2, rng: &rng, as: Double.self)
        let stack = RecurrentStack<Double>(inputSize: 2, layers: 1, bidirectional: false) { _, i in
            ElmanCell<Double>(inputSize: i, hiddenSize: 3) }
        stack.recordsGradNorms = true
        let m = SequenceModel(input: .features(2), objective: .regression(outputs: 1), stack: stack)
        var r2 = SeededRandom(seed: 1)
        m.resetParameters(rng: &r2)
        let trainer = Trainer(model: m, optimizer: try SGD<Double>(learningRate: 0))
        trainer.probe.isOn = true
        // Adding scores only the last step, so only the final window carries a loss.
        let report = trainer.truncatedStep(features: batch.inputs, steps: 10, batch: 2, k1: 2, k2: 3,
                                           targets: .values(batch.targets!.data), mask: batch.lossMask.data)
        let norms = try XCTUnwrap(report.snapshot?.gradHNorms)
        XCTAssertEqual(norms.count, 3, "the last window spans k2 = 3 steps")
        XCTAssertTrue(norms.allSatisfy { $0 > 0 })
    }
}
