import XCTest
@testable import Notebook
import RNNCore

/// The hand-written BPTT of the bptt scenario: its per-step terms add up to the true gradient
/// of W_hh (finite differences, and RNNCore's own backward pass).
final class ElmanBPTTTests: XCTestCase {
    /// A small random network and batch: I = 2, H = 4, O = 1, T = 6, B = 3, some steps unscored.
    func makeCase(seed: UInt64) -> (net: ElmanBPTT, x: [Double], y: [Double], mask: [Double]) {
        var rng = SeededRandom(seed: seed)
        func draw(_ n: Int, _ scale: Double) -> [Double] { (0..<n).map { _ in rng.uniform(-scale, scale) } }
        let net = ElmanBPTT(inputSize: 2, hiddenSize: 4, outputSize: 1,
                            weightIH: draw(8, 1), weightHH: draw(16, 0.8), biasIH: draw(4, 0.3),
                            biasHH: draw(4, 0.3), weightHY: draw(4, 1), biasY: draw(1, 0.3))
        let mask = (0..<18).map { $0 % 4 == 1 ? 0.0 : 1.0 }
        return (net, draw(6 * 3 * 2, 1), draw(6 * 3, 1), mask)
    }

    func testContributionsSumToTheFiniteDifferenceGradient() {
        for seed in [1, 2, 3] as [UInt64] {
            let c = makeCase(seed: seed)
            let result = c.net.run(x: c.x, y: c.y, mask: c.mask, steps: 6, batch: 3)
            XCTAssertEqual(result.contributions.count, 6)
            XCTAssertEqual(result.contributions[0], [Double](repeating: 0, count: 16), "h_{−1} = 0, so C_0 = 0")
            let h = 1e-5
            for e in 0..<16 {
                var up = c.net, down = c.net
                up.weightHH[e] += h; down.weightHH[e] -= h
                let numeric = (up.run(x: c.x, y: c.y, mask: c.mask, steps: 6, batch: 3).loss
                    - down.run(x: c.x, y: c.y, mask: c.mask, steps: 6, batch: 3).loss) / (2 * h)
                let err = abs(numeric - result.total[e]) / max(abs(numeric) + abs(result.total[e]), 1e-4)
                XCTAssertLessThanOrEqual(err, 1e-6, "seed \(seed), W_hh entry \(e)")
            }
            // Perturbing another weight changes the loss: the check can fail.
            var other = c.net
            other.weightIH[0] += 0.1
            XCTAssertNotEqual(other.run(x: c.x, y: c.y, mask: c.mask, steps: 6, batch: 3).loss, result.loss)
        }
    }

    func testAgreesWithRNNCoresBackwardAndLoss() throws {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 8; r.cell = .rnn_tanh; r.hidden = 5; r.batch = 4
        let task = try r.makeTask()
        var rng = SeededRandom(seed: 11)
        let model = try r.makeModel(for: task, rng: &rng, Double.self)
        let batch = task.makeBatch(size: 4, rng: &rng, as: Double.self)
        let targets = try XCTUnwrap(batch.targets)
        let cell = try XCTUnwrap(model.stack.layers[0][0].cell as? ElmanCell<Double>)
        for p in model.parameters { p.grad.zero() }
        let loss = model.forward(features: batch.inputs, steps: 8, batch: 4, targets: .values(targets.data),
                                 mask: batch.lossMask.data).loss
        model.backward()
        let a = BPTTClaim.array
        let net = ElmanBPTT(inputSize: 2, hiddenSize: 5, outputSize: 1, weightIH: a(cell.weightIH.value),
                            weightHH: a(cell.weightHH.value), biasIH: a(cell.biasIH.value), biasHH: a(cell.biasHH.value),
                            weightHY: a(model.head.weight.value), biasY: a(try XCTUnwrap(model.head.bias).value))
        let result = net.run(x: a(batch.inputs), y: a(targets), mask: a(batch.lossMask), steps: 8, batch: 4)
        XCTAssertEqual(result.loss, loss, accuracy: 1e-12)
        for (mine, theirs) in zip(result.total, a(cell.weightHH.grad)) { XCTAssertEqual(mine, theirs, accuracy: 1e-12) }
        // The adding problem scores the last step only: ∂L/∂h_t there is W_hyᵀ ∂L/∂p alone.
        XCTAssertGreaterThan(result.gradHNormsRow0[7], 0)
    }
}
