import XCTest
@testable import RNNCore

final class CompressionTests: XCTestCase {
    private func randomParameter(_ name: String, _ shape: [Int], seed: UInt64) -> Parameter<Float> {
        var rng = SeededRandom(seed: seed)
        let p = Parameter<Float>(name, shape: shape)
        Initializer.normal(p.value, std: 0.3, rng: &rng)
        return p
    }

    func testPerTensorRoundTripErrorAndSize() {
        let p = randomParameter("w", [64, 32], seed: 1)
        let q = QuantizedTensor(p.value)
        let back = Tensor<Float>(shape: [64, 32])
        q.dequantize(into: back)
        let scale = Double(q.scales[0])
        XCTAssertEqual(scale, p.value.array.map { abs(Double($0)) }.max()! / 127, accuracy: 1e-9)
        for i in 0..<p.count {
            XCTAssertLessThanOrEqual(abs(Double(back[i]) - Double(p.value[i])), scale / 2 * (1 + 1e-6))
        }
        XCTAssertEqual(q.values.map { abs(Int($0)) }.max(), 127)

        let report = quantizeInPlace([p])[0]
        XCTAssertEqual(report.bytesBefore, 4 * q.values.count, "Float is 4 bytes per entry, int8 is 1")
        XCTAssertEqual(report.bytesAfter, q.values.count + 4)
        XCTAssertEqual(report.compressionRatio, 4, accuracy: 0.01)
        XCTAssertLessThanOrEqual(report.maxAbsError, scale / 2 * (1 + 1e-6))
        XCTAssertGreaterThan(report.maxAbsError, 0)
        XCTAssertEqual(p.value.array, back.array, "in-place values are the round trip")
    }

    func testPerRowScalesBoundEachRow() {
        let p = randomParameter("w", [8, 16], seed: 2)
        for j in 0..<16 { p.value[0, j] *= 100 }   // one loud row must not coarsen the others
        let perRow = QuantizedTensor(p.value, granularity: .perRow)
        let perTensor = QuantizedTensor(p.value)
        XCTAssertEqual(perRow.scales.count, 8)
        let back = Tensor<Float>(shape: [8, 16]), coarse = Tensor<Float>(shape: [8, 16])
        perRow.dequantize(into: back)
        perTensor.dequantize(into: coarse)
        var rowError = 0.0, tensorError = 0.0
        for r in 0..<8 {
            for j in 0..<16 {
                let e = abs(Double(back[r, j]) - Double(p.value[r, j]))
                XCTAssertLessThanOrEqual(e, Double(perRow.scales[r]) / 2 * (1 + 1e-6))
                if r > 0 { rowError = max(rowError, e); tensorError = max(tensorError, abs(Double(coarse[r, j]) - Double(p.value[r, j]))) }
            }
        }
        XCTAssertLessThan(rowError, tensorError)
    }

    func testZeroAndNonFiniteTensorsDoNotTrap() {
        let zero = Tensor<Float>(shape: [3, 3])
        let q = QuantizedTensor(zero)
        XCTAssertEqual(q.scales, [0])
        XCTAssertEqual(q.values, [Int8](repeating: 0, count: 9))
        let bad = Tensor<Float>(shape: [3], values: [1, .nan, -2])
        XCTAssertEqual(QuantizedTensor(bad).values, [64, 0, -127])
    }

    func testGlobalPruningHitsExactSparsityOnSmallestWeights() throws {
        let a = randomParameter("a", [10, 10], seed: 3), b = randomParameter("b", [50], seed: 4)
        let magnitudes = (a.value.array + b.value.array).map { abs($0) }
        let report = try magnitudePrune([a, b], sparsity: 0.3)
        XCTAssertEqual(report.prunedCount, 45)
        XCTAssertEqual(report.actualSparsity, 0.3, accuracy: 1e-12)
        let masks = a.mask!.array + b.mask!.array
        let prunedMax = zip(magnitudes, masks).filter { $0.1 == 0 }.map(\.0).max()!
        let keptMin = zip(magnitudes, masks).filter { $0.1 == 1 }.map(\.0).min()!
        XCTAssertLessThanOrEqual(prunedMax, keptMin)
        for (p, m) in [(a, a.mask!), (b, b.mask!)] {
            for i in 0..<p.count where m[i] == 0 { XCTAssertEqual(p.value[i], 0) }
        }
    }

    func testPerTensorPruningAndOptimizerKeepsPrunedAtZero() throws {
        let a = randomParameter("a", [10, 10], seed: 5), b = randomParameter("b", [50], seed: 6)
        let report = try magnitudePrune([a, b], sparsity: 0.5, scope: .perTensor)
        XCTAssertEqual(report.perTensor.map(\.sparsity), [0.5, 0.5])
        XCTAssertEqual(report.prunedCount, 75)
        for p in [a, b] { p.grad.fill(1) }
        let sgd = try SGD<Float>(learningRate: 0.1, momentum: 0.9)
        for _ in 0..<3 { sgd.step([a, b]) }
        for p in [a, b] {
            for i in 0..<p.count where p.mask![i] == 0 { XCTAssertEqual(p.value[i], 0) }
        }
        XCTAssertThrowsError(try magnitudePrune([a], sparsity: 1.2))
    }
}
