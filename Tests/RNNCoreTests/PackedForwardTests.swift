import XCTest
@testable import RNNCore

/// Packing computes only the real steps and must land on the same final states as the
/// padded forward with lengths.
final class PackedForwardTests: XCTestCase {
    func check(_ kind: CellKind) throws {
        let (T, B, I) = (7, 4, 3)
        let lengths = [3, 7, 1, 5]
        let stack = RecurrentStack<Double>(inputSize: I, layers: 2, bidirectional: false, seed: 2) { _, i in
            try! makeCell(kind: kind, inputSize: i, hiddenSize: 5)
        }
        var rng = SeededRandom(seed: 4)
        for l in stack.layers.flatMap({ $0 }) { l.cell.resetParameters(rng: &rng) }
        let x = Tensor<Double>(shape: [T, B, I])
        for i in 0..<x.count { x[i] = rng.uniform(-1, 1) }
        stack.training = false
        stack.forward(x, steps: T, batch: B, lengths: lengths)
        let packed = PackedForward<Double>()
        try packed.run(stack, input: x, steps: T, batch: B, lengths: lengths)
        for i in 0..<(2 * B * 5) {
            XCTAssertEqual(packed.finalStates[i], stack.finalStates[i], accuracy: 1e-12, "\(kind) state \(i)")
        }
        XCTAssertEqual(packed.computedRowSteps, 2 * lengths.reduce(0, +))
        XCTAssertEqual(packed.skippedRowSteps, 2 * (T * B - lengths.reduce(0, +)))
    }

    func testPackedMatchesPaddedForward() throws {
        try check(.lstm)
        try check(.gru)
        try check(.rnn_tanh)
    }

    func testBadLengthsAreRefused() {
        let stack = RecurrentStack<Double>(inputSize: 1, layers: 1, bidirectional: false) { _, i in
            ElmanCell<Double>(inputSize: i, hiddenSize: 2)
        }
        let x = Tensor<Double>(shape: [3, 2, 1])
        XCTAssertThrowsError(try PackedForward<Double>().run(stack, input: x, steps: 3, batch: 2, lengths: [0, 3]))
        XCTAssertThrowsError(try PackedForward<Double>().run(stack, input: x, steps: 3, batch: 2, lengths: [3]))
    }
}
