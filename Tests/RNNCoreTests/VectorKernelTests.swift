import XCTest
@testable import RNNCore

/// The hand-vectorised kernels against plain scalar arithmetic, at lengths that exercise both
/// the eight-lane body and the partial last vector.
final class VectorKernelTests: XCTestCase {
    private let lengths = [1, 7, 8, 9, 37]

    func testReciprocalSquareRootWithinOnePartPerMillion() {
        var worst = 0.0
        var x: Float = 1e-12
        while x < 1e12 {
            var v = SIMD8<Float>()
            for i in 0..<8 { v[i] = x * (1 + Float(i) / 8) }
            let y = reciprocalSquareRoot8(v)
            for i in 0..<8 {
                let exact = 1 / Double(v[i]).squareRoot()
                worst = max(worst, abs(Double(y[i]) - exact) / exact)
            }
            x *= 1.9
        }
        XCTAssertLessThan(worst, 1e-6)
        XCTAssertEqual(squareRoot8(SIMD8<Double>(repeating: 2))[5], 2.0.squareRoot())
    }

    func testClampKeepsNaNAndCountsWhatMoved() {
        for n in lengths {
            var rng = SeededRandom(seed: UInt64(n))
            var xs = (0..<n).map { _ in Float(rng.normal() * 4) }
            let finite = xs
            var r = xs.withUnsafeMutableBufferPointer { Float.clampInPlace($0.baseAddress!, count: n, limit: 3) }
            let expected = finite.map { min(max($0, -3), 3) }
            XCTAssertEqual(xs, expected)
            XCTAssertEqual(r.clamped, zip(finite, expected).filter { $0.0 != $0.1 }.count, "n = \(n)")
            let before = finite.reduce(0) { $0 + Double($1 * $1) }, after = expected.reduce(0) { $0 + Double($1 * $1) }
            XCTAssertEqual(Double(r.before), before, accuracy: 1e-5 * before)
            XCTAssertEqual(Double(r.after), after, accuracy: 1e-5 * after)

            // NaN passes through uncounted; infinities clamp like any large value.
            xs = finite
            xs[0] = .nan
            if n > 2 { xs[1] = .infinity; xs[2] = -.infinity }
            r = xs.withUnsafeMutableBufferPointer { Float.clampInPlace($0.baseAddress!, count: n, limit: 3) }
            XCTAssertTrue(xs[0].isNaN)
            if n > 2 { XCTAssertEqual(xs[1], 3); XCTAssertEqual(xs[2], -3) }
            XCTAssertEqual(r.clamped, (n > 2 ? 2 : 0) + zip(finite, expected).dropFirst(n > 2 ? 3 : 1).filter { $0.0 != $0.1 }.count)
        }
    }

    func testVectorOpsMatchScalarLoops() {
        for n in lengths {
            var rng = SeededRandom(seed: 7 &+ UInt64(n))
            let a = Tensor<Float>(shape: [3, n]), y = Tensor<Float>(shape: [n])
            Initializer.normal(a, rng: &rng); Initializer.normal(y, rng: &rng)
            var expected = y.array
            for r in 0..<3 { for j in 0..<n { expected[j] += a[r * n + j] } }
            addColumnSums(a.data, rows: 3, width: n, into: y.data)
            XCTAssertEqual(y.array, expected)
            let four = Tensor<Float>(shape: [n])
            addFour(a.data, a.data + n, a.data + 2 * n, y.data, into: four.data, count: n)
            for j in 0..<n { XCTAssertEqual(four[j], a[j] + a[n + j] + a[2 * n + j] + y[j]) }
            let total = (0..<n).reduce(0.0) { $0 + Double(y[$1]) }
            XCTAssertEqual(Double(sum(y.data, count: n)), total, accuracy: 1e-5 * Double(n))
            let before = y.array
            scale(y.data, by: 0.5, count: n)
            XCTAssertEqual(y.array, before.map { $0 * 0.5 })
        }
    }

    func testNonlinearitiesTakeTheVectorFormulaInTheTail() {
        for n in lengths {
            var xs = (0..<n).map { Float($0) * 0.37 - 3 }
            let copy = xs
            xs.withUnsafeMutableBufferPointer { Float.tanhInPlace($0.baseAddress!, count: n) }
            for (x, y) in zip(copy, xs) { XCTAssertEqual(Double(y), Double.tanh(Double(x)), accuracy: 1e-6) }
        }
    }

    /// Float optimizers over 37 entries (four full vectors and a partial one) against Double.
    func testFloatOptimizersTrackDouble() throws {
        let n = 37
        func run<F: Optimizer, D: Optimizer>(_ f: F, _ d: D) where F.Scalar == Float, D.Scalar == Double {
            let pf = Parameter<Float>("w", shape: [n]), pd = Parameter<Double>("w", shape: [n])
            var rng = SeededRandom(seed: 11)
            for i in 0..<n { let v = rng.normal(); pf.value[i] = Float(v); pd.value[i] = Double(Float(v)) }
            for _ in 0..<20 {
                for i in 0..<n { let g = rng.normal(); pf.grad[i] = Float(g); pd.grad[i] = Double(Float(g)) }
                f.step([pf])
                d.step([pd])
            }
            for i in 0..<n {
                XCTAssertEqual(Double(pf.value[i]), pd.value[i], accuracy: 1e-5 * max(1, abs(pd.value[i])), "\(F.self) entry \(i)")
            }
        }
        run(try Adagrad<Float>.minCharRNN(), try Adagrad<Double>.minCharRNN())
        run(try Adagrad<Float>(learningRate: 0.05), try Adagrad<Double>(learningRate: 0.05))
        run(try Adam<Float>(learningRate: 1e-2), try Adam<Double>(learningRate: 1e-2))
    }

    /// Adagrad's fused clip-and-update against clipping, then stepping: the same weights and
    /// accumulators bit for bit, and the same report up to summation order.
    func testFusedClipAndAdagradMatchTheTwoPasses() throws {
        func params() -> [Parameter<Float>] {
            var rng = SeededRandom(seed: 3)
            return [13, 37, 64].map { n in
                let p = Parameter<Float>("p\(n)", shape: [n])
                for i in 0..<n { p.value[i] = Float(rng.normal()); p.grad[i] = Float(rng.normal() * 6) }
                return p
            }
        }
        let a = params(), b = params()
        let fused = try Adagrad<Float>.minCharRNN(), separate = try Adagrad<Float>.minCharRNN()
        for _ in 0..<3 {
            let e1 = fused.step(a, clippingValuesTo: 5)
            let e2 = clipGradValue(b, limit: 5)
            separate.step(b)
            XCTAssertEqual(e1.clippedFraction, e2.clippedFraction)
            XCTAssertGreaterThan(e1.clippedFraction, 0)
            XCTAssertEqual(e1.normBefore, e2.normBefore, accuracy: 1e-5 * e2.normBefore)
            XCTAssertEqual(e1.normAfter, e2.normAfter, accuracy: 1e-5 * e2.normAfter)
            for (p, q) in zip(a, b) { XCTAssertEqual(p.value.array, q.value.array); XCTAssertEqual(p.grad.array, q.grad.array) }
            for p in a + b { for i in 0..<p.count { p.grad[i] = Float(i % 7) * 2.1 - 6 } }
        }
    }
}
