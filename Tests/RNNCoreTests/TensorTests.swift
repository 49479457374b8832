import XCTest
@testable import RNNCore

final class TensorTests: XCTestCase {
    func testGemmMatchesNaiveProduct() {
        var rng = SeededRandom(seed: 1)
        let a = Tensor<Double>(shape: [3, 4]), b = Tensor<Double>(shape: [5, 4])
        for i in 0..<a.count { a[i] = rng.normal() }
        for i in 0..<b.count { b[i] = rng.normal() }
        let c = Tensor<Double>(shape: [3, 5])
        Double.gemm(transA: false, transB: true, m: 3, n: 5, k: 4, alpha: 1, a: a.data, lda: 4,
                    b: b.data, ldb: 4, beta: 0, c: c.data, ldc: 5)
        for i in 0..<3 { for j in 0..<5 {
            var s = 0.0
            for k in 0..<4 { s += a[i, k] * b[j, k] }
            XCTAssertEqual(c[i, j], s, accuracy: 1e-12)
        } }
    }

    func testResizeWithinCapacityKeepsBuffer() {
        let t = Tensor<Float>(shape: [4, 4])
        let p = t.data
        t.resize([2, 8]); XCTAssertEqual(t.data, p)
        t.resize([3, 3]); XCTAssertEqual(t.data, p)
        t.resize([5, 5]); XCTAssertNotEqual(t.count, 16)
    }

    func testSeededRandomRepeats() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42)
        for _ in 0..<100 { XCTAssertEqual(a.next(), b.next()) }
        var c = SeededRandom(seed: 43), d = SeededRandom(seed: 42)
        XCTAssertNotEqual(d.next(), c.next())
    }
}
