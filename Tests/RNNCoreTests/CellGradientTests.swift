import XCTest
@testable import RNNCore

/// Finite-difference checks of every cell's backward, two steps at a time (slot 0 feeding
/// slot 1), with respect to xProj, hProj, h_{t-1}, c_{t-1} and every cell parameter.
final class CellGradientTests: XCTestCase {
    private func check(_ cell: any RecurrentCell<Double>, times: [Int] = [0, 1], seed: UInt64,
                       file: StaticString = #filePath, line: UInt = #line) {
        let harness = CellStepHarness(cell: cell, times: times, seed: seed)
        GradCheck.assertGradients(harness.checked, run: harness.run, file: file, line: line)
        // A gradient that is zero everywhere would pass any check; make sure each one flowed.
        // h_{t-1} is exempt: most cells reach it only through hProj, which the layer handles.
        _ = harness.run()
        for (name, _, grad) in harness.checked where name != "hPrev" {
            XCTAssertGreaterThan(grad.norm, 0, "\(cell.kind): gradient of \(name) is all zero",
                                 file: file, line: line)
        }
    }

    // MARK: Elman

    func testElmanTanh() { check(ElmanCell(inputSize: 2, hiddenSize: 4, activation: .tanh), seed: 1) }
    func testElmanReLU() { check(ElmanCell(inputSize: 2, hiddenSize: 4, activation: .relu), seed: 2) }
    func testElmanLinear() { check(ElmanCell(inputSize: 2, hiddenSize: 4, activation: .linear), seed: 3) }
    func testElmanSigmoid() { check(ElmanCell(inputSize: 2, hiddenSize: 4, activation: .sigmoid), seed: 4) }

    // MARK: Gated

    func testLSTM() { check(LSTMCell(inputSize: 2, hiddenSize: 3), seed: 5) }
    func testLSTMPeephole() { check(LSTMCell(inputSize: 2, hiddenSize: 3, peepholes: true), seed: 6) }
    func testGRU() { check(GRUCell(inputSize: 2, hiddenSize: 3), seed: 7) }

    // MARK: Other recurrences

    func testJordan() { check(JordanCell(inputSize: 2, units: 4, outputSize: 3), seed: 8) }
    func testJordanSigmoid() {
        check(JordanCell(inputSize: 2, units: 3, outputSize: 5, activation: .sigmoid), seed: 9)
    }

    /// Times 2 and 3 with periods 1, 2, 4: at t=2 the slowest module holds, at t=3 only the
    /// fastest updates, so both the update and the copy path are checked.
    func testClockwork() throws {
        check(try ClockworkCell(inputSize: 2, hiddenSize: 6, modules: 3), times: [2, 3], seed: 10)
    }

    // MARK: Layer norm

    func testLayerNormElman() { check(LayerNormCell(wrapping: ElmanCell<Double>(inputSize: 2, hiddenSize: 4)), seed: 11) }
    func testLayerNormLSTM() { check(LayerNormCell(wrapping: LSTMCell<Double>(inputSize: 2, hiddenSize: 3)), seed: 12) }
    func testLayerNormLSTMPeephole() {
        check(LayerNormCell(wrapping: LSTMCell<Double>(inputSize: 2, hiddenSize: 3, peepholes: true)), seed: 13)
    }
    func testLayerNormGRU() { check(LayerNormCell(wrapping: GRUCell<Double>(inputSize: 2, hiddenSize: 3)), seed: 14) }
    func testLayerNormJordan() {
        check(LayerNormCell(wrapping: JordanCell<Double>(inputSize: 2, units: 4, outputSize: 3)), seed: 15)
    }

    // MARK: Factory

    /// Every kind the factory builds, with and without layer norm, passes the same check.
    func testEveryFactoryCell() throws {
        var seed: UInt64 = 100
        for kind in CellKind.allCases {
            for ln in [false, true] {
                let cell: any RecurrentCell<Double> = try makeCell(
                    kind: kind, inputSize: 2, hiddenSize: 4, layerNorm: ln, outputSize: 3, modules: 2)
                XCTAssertEqual(cell.kind, (ln ? "ln_" : "") + kind.rawValue)
                seed += 1
                check(cell, times: [2, 3], seed: seed)
            }
        }
    }

    func testFactoryRejectsBadSizes() {
        XCTAssertThrowsError(try makeCell(kind: .clockwork, inputSize: 2, hiddenSize: 5, modules: 2, scalar: Float.self))
        XCTAssertThrowsError(try makeCell(kind: .lstm, inputSize: 0, hiddenSize: 5, scalar: Float.self))
        XCTAssertThrowsError(try makeCell(kind: .gru, inputSize: 2, hiddenSize: Limits.maxHidden + 1, scalar: Float.self))
        XCTAssertThrowsError(try makeCell(kind: .jordan, inputSize: 2, hiddenSize: 4, outputSize: -1, scalar: Float.self))
        XCTAssertThrowsError(try CellKind(name: "lstmm", file: "s.md", place: "model.cell")) { error in
            XCTAssertTrue("\(error)".hasPrefix("s.md: model.cell: unknown cell"), "\(error)")
        }
    }
}
