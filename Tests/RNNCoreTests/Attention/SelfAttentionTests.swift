import XCTest
@testable import RNNCore

/// SelfAttention's forward against the formula written out with plain loops in Double.
final class SelfAttentionTests: XCTestCase {
    func testForwardMatchesTheFormulaForEverySequenceOfABatch() {
        assertMatchesFormula(T: 5, B: 3, D: 4, seed: 41)
    }

    /// At T = 300 the 64K-score blocks hold 218 query rows, so the sequence is done in two
    /// blocks of different sizes.
    func testQueryBlocksGiveTheSameResultAsTheWholeMatrix() {
        XCTAssertLessThan(SelfAttention<Double>.scoresPerBlock / 300, 300)
        assertMatchesFormula(T: 300, B: 2, D: 3, seed: 43)
    }

    func testEveryRowOfWeightsIsADistribution() {
        var rng = SeededRandom(seed: 42)
        let layer = SelfAttention<Float>(width: 8, rng: &rng)
        let x = Tensor<Float>(shape: [64, 1, 8])
        for i in 0..<x.count { x[i] = Float(rng.uniform(-3, 3)) }
        layer.forward(x, steps: 64, batch: 1)
        for i in 0..<64 {
            let row = (0..<64).map { Double(layer.weights[i * layer.weightStride + $0]) }
            XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-5)
            XCTAssertTrue(row.allSatisfy { $0 >= 0 })
        }
    }

    func assertMatchesFormula(T: Int, B: Int, D: Int, seed: UInt64, file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededRandom(seed: seed)
        let layer = SelfAttention<Double>(width: D, rng: &rng)
        let x = Tensor<Double>(shape: [T, B, D])
        for i in 0..<x.count { x[i] = rng.uniform(-1, 1) }
        layer.forward(x, steps: T, batch: B)
        func project(_ w: Parameter<Double>, _ rows: [[Double]]) -> [[Double]] {
            rows.map { r in (0..<D).map { i in (0..<D).reduce(0) { $0 + w.value[i * D + $1] * r[$1] } } }
        }
        var worst = 0.0
        for b in 0..<B {
            let xs = (0..<T).map { t in (0..<D).map { x[(t * B + b) * D + $0] } }
            let q = project(layer.query, xs), k = project(layer.key, xs), v = project(layer.value, xs)
            var mixed: [[Double]] = []
            for i in 0..<T {
                let scores = (0..<T).map { j in (0..<D).reduce(0) { $0 + q[i][$1] * k[j][$1] } / Double(D).squareRoot() }
                let top = scores.max()!, e = scores.map { Double.exp($0 - top) }, sum = e.reduce(0, +)
                let a = e.map { $0 / sum }
                mixed.append((0..<D).map { d in (0..<T).reduce(0) { $0 + a[$1] * v[$1][d] } })
            }
            let y = project(layer.out, mixed)
            for t in 0..<T { for d in 0..<D { worst = max(worst, abs(layer.output[(t * B + b) * D + d] - y[t][d])) } }
        }
        XCTAssertLessThan(worst, 1e-12, file: file, line: line)
    }
}
