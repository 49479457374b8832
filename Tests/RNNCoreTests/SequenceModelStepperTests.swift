import XCTest
@testable import RNNCore

/// Stepping a model one step at a time must give exactly what one forward over the whole
/// sequence gives, for state-only cells and cells with a cell state, tokens and features.
final class SequenceModelStepperTests: XCTestCase {
    func model(_ kind: CellKind, input: SequenceModel<Double>.Input, objective: SequenceModel<Double>.Objective,
               width: Int) throws -> SequenceModel<Double> {
        let stack = RecurrentStack<Double>(inputSize: width, layers: 2, bidirectional: false, seed: 5) { _, i in
            try! makeCell(kind: kind, inputSize: i, hiddenSize: 4)
        }
        let m = SequenceModel(input: input, objective: objective, stack: stack)
        var rng = SeededRandom(seed: 9)
        m.resetParameters(rng: &rng)
        return m
    }

    func testFeatureStepsMatchOneForward() throws {
        let (T, B, I) = (6, 3, 2)
        let m = try model(.gru, input: .features(I), objective: .regression(outputs: 2), width: I)
        var rng = SeededRandom(seed: 1)
        let x = Tensor<Double>(shape: [T, B, I])
        for i in 0..<x.count { x[i] = rng.uniform(-1, 1) }
        let y = Tensor<Double>(shape: [T, B, 2])
        _ = m.forward(features: x, steps: T, batch: B, targets: .values(y.data))
        let full = Array(UnsafeBufferPointer(start: m.predictions, count: T * B * 2))
        let stepper = try SequenceModelStepper(model: m, batch: B)
        stepper.reset()
        for t in 0..<T {
            let out = stepper.step(features: x.data + t * B * I)
            for k in 0..<(B * 2) { XCTAssertEqual(out[k], full[t * B * 2 + k], accuracy: 1e-12, "t \(t)") }
        }
    }

    func testTokenStepsMatchOneForward() throws {
        let (T, B, V) = (5, 2, 7)
        let m = try model(.lstm, input: .tokens(vocabulary: V, embedding: 3), objective: .classification(classes: V), width: 3)
        var rng = SeededRandom(seed: 2)
        let ids = (0..<(T * B)).map { _ in Int32(rng.int(V)) }
        let targets = [Int32](repeating: -1, count: T * B)
        _ = ids.withUnsafeBufferPointer { i in
            targets.withUnsafeBufferPointer { y in
                m.forward(tokens: i.baseAddress!, steps: T, batch: B, targets: .classes(y.baseAddress!))
            }
        }
        let full = Array(UnsafeBufferPointer(start: m.predictions, count: T * B * V))
        let stepper = try SequenceModelStepper(model: m, batch: B)
        stepper.reset()
        for t in 0..<T {
            let out = stepper.step(tokens: Array(ids[(t * B)..<((t + 1) * B)]))
            for k in 0..<(B * V) { XCTAssertEqual(out[k], full[t * B * V + k], accuracy: 1e-12, "t \(t)") }
        }
        // Reset really starts over: the first step again gives the first step's logits.
        stepper.reset()
        let again = stepper.step(tokens: Array(ids[0..<B]))
        for k in 0..<(B * V) { XCTAssertEqual(again[k], full[k], accuracy: 1e-12) }
    }

    func testBidirectionalModelIsRefused() {
        let stack = RecurrentStack<Double>(inputSize: 1, layers: 1, bidirectional: true) { _, i in
            ElmanCell<Double>(inputSize: i, hiddenSize: 2)
        }
        let m = SequenceModel(input: .features(1), objective: .regression(outputs: 1), stack: stack)
        XCTAssertThrowsError(try SequenceModelStepper(model: m, batch: 1))
    }
}
