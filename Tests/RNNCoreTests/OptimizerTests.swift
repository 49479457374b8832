import XCTest
@testable import RNNCore

/// Each optimizer against its update rule written out by hand, entry by entry.
final class OptimizerTests: XCTestCase {
    private let w0: [Double] = [1.0, -2.0, 0.5, 3.0]
    private let g1: [Double] = [0.5, 0.1, -3.0, 1e-4]
    private let g2: [Double] = [-0.2, 0.4, 1.0, 2.0]

    private func parameter(_ values: [Double], name: String = "w") -> Parameter<Double> {
        let p = Parameter<Double>(name, shape: [values.count])
        for i in values.indices { p.value[i] = values[i] }
        return p
    }

    /// Runs `opt` for the given gradients and returns the value after each step.
    private func run<O: Optimizer>(_ opt: O, _ grads: [[Double]]) -> [[Double]] where O.Scalar == Double {
        let p = parameter(w0)
        return grads.map { g in
            for i in g.indices { p.grad[i] = g[i] }
            opt.step([p])
            return p.value.array
        }
    }

    /// The four entries of a hand-written update.
    private func each(_ entry: (Int) -> Double) -> [Double] { (0..<4).map(entry) }

    private func assertClose(_ a: [Double], _ b: [Double], _ message: String = "",
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for i in a.indices {
            XCTAssertEqual(a[i], b[i], accuracy: 1e-12 * max(1, abs(b[i])), "\(message) entry \(i)", file: file, line: line)
        }
    }

    func testPlainSGDAndWeightDecay() throws {
        assertClose(run(try SGD<Double>(learningRate: 0.1), [g1])[0], each { w0[$0] - 0.1 * g1[$0] })
        let decayed = run(try SGD<Double>(learningRate: 0.1, weightDecay: 0.01), [g1])[0]
        assertClose(decayed, each { w0[$0] - 0.1 * (g1[$0] + 0.01 * w0[$0]) })
    }

    func testSGDMomentumAndDampening() throws {
        let steps = run(try SGD<Double>(learningRate: 0.1, momentum: 0.9, dampening: 0.2), [g1, g2])
        // Step 1: the buffer starts as the gradient itself (no dampening on the first step).
        let w1 = each { w0[$0] - 0.1 * g1[$0] }
        let b2 = each { 0.9 * g1[$0] + 0.8 * g2[$0] }
        assertClose(steps[0], w1)
        assertClose(steps[1], each { w1[$0] - 0.1 * b2[$0] })
    }

    func testNesterovMomentum() throws {
        let steps = run(try SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true), [g1, g2])
        let w1 = each { w0[$0] - 0.1 * (g1[$0] + 0.9 * g1[$0]) }
        let b2 = each { 0.9 * g1[$0] + g2[$0] }
        assertClose(steps[0], w1)
        assertClose(steps[1], each { w1[$0] - 0.1 * (g2[$0] + 0.9 * b2[$0]) })
    }

    func testAdagradPyTorchEpsilonOutsideSqrt() throws {
        let steps = run(try Adagrad<Double>(learningRate: 0.1, lrDecay: 0.5), [g1, g2])
        let w1 = each { w0[$0] - 0.1 * g1[$0] / (abs(g1[$0]) + 1e-10) }
        let w2 = each { w1[$0] - 0.1 / 1.5 * g2[$0] / ((g1[$0] * g1[$0] + g2[$0] * g2[$0]).squareRoot() + 1e-10) }
        assertClose(steps[0], w1)
        assertClose(steps[1], w2)
    }

    func testAdagradMinCharRNNEpsilonInsideSqrt() throws {
        let steps = run(try Adagrad<Double>.minCharRNN(), [g1, g2])
        let w1 = each { w0[$0] - 0.1 * g1[$0] / (g1[$0] * g1[$0] + 1e-8).squareRoot() }
        let w2 = each { w1[$0] - 0.1 * g2[$0] / (g1[$0] * g1[$0] + g2[$0] * g2[$0] + 1e-8).squareRoot() }
        assertClose(steps[0], w1)
        assertClose(steps[1], w2)
        // The tiny gradient 1e-4 is where the placement shows: a step of 0.1/√2, not 0.1.
        XCTAssertEqual(w0[3] - steps[0][3], 0.1 / 2.0.squareRoot(), accuracy: 1e-9)
    }

    func testRMSPropPlainCenteredAndMomentum() throws {
        let plain = run(try RMSProp<Double>(learningRate: 0.01), [g1])[0]
        assertClose(plain, each { w0[$0] - 0.01 * g1[$0] / ((0.01 * g1[$0] * g1[$0]).squareRoot() + 1e-8) })

        let centered = run(try RMSProp<Double>(learningRate: 0.01, alpha: 0.9, centered: true), [g1])[0]
        assertClose(centered, each { j in
            let v = 0.1 * g1[j] * g1[j], m = 0.1 * g1[j]
            return w0[j] - 0.01 * g1[j] / ((v - m * m).squareRoot() + 1e-8)
        })

        let moving = run(try RMSProp<Double>(learningRate: 0.01, momentum: 0.5), [g1, g2])
        var w = w0, v = [Double](repeating: 0, count: 4), b = v
        for g in [g1, g2] {
            for j in 0..<4 {
                v[j] = 0.99 * v[j] + 0.01 * g[j] * g[j]
                b[j] = 0.5 * b[j] + g[j] / (v[j].squareRoot() + 1e-8)
                w[j] -= 0.01 * b[j]
            }
        }
        assertClose(moving[1], w)
    }

    func testAdamTwoStepsWithBiasCorrection() throws {
        let steps = run(try Adam<Double>(learningRate: 1e-3), [g1, g2])
        // Step 1: m̂ = g and v̂ = g², so every entry moves by lr·g/(|g| + ε).
        let w1 = each { w0[$0] - 1e-3 * g1[$0] / (abs(g1[$0]) + 1e-8) }
        assertClose(steps[0], w1)
        let w2 = each { j in
            let m = 0.9 * 0.1 * g1[j] + 0.1 * g2[j]
            let v = 0.999 * 0.001 * g1[j] * g1[j] + 0.001 * g2[j] * g2[j]
            let mHat = m / (1 - 0.9 * 0.9), vHat = v / (1 - 0.999 * 0.999)
            return w1[j] - 1e-3 * mHat / (vHat.squareRoot() + 1e-8)
        }
        assertClose(steps[1], w2)
    }

    func testAdamWeightDecayCoupledAndDecoupled() throws {
        let coupled = run(try Adam<Double>(learningRate: 1e-2, weightDecay: 0.1), [g1])[0]
        assertClose(coupled, each { j in
            let d = g1[j] + 0.1 * w0[j]
            return w0[j] - 1e-2 * d / (abs(d) + 1e-8)
        })
        let decoupled = run(try Adam<Double>(learningRate: 1e-2, weightDecay: 0.1, decoupledWeightDecay: true), [g1])[0]
        assertClose(decoupled, each { w0[$0] * (1 - 1e-3) - 1e-2 * g1[$0] / (abs(g1[$0]) + 1e-8) })
    }

    func testFrozenParametersAreSkippedAndMasksHold() throws {
        let frozen = parameter(w0, name: "reservoir"), masked = parameter(w0, name: "masked")
        frozen.frozen = true
        masked.mask = Tensor(shape: [4], values: [1, 0, 1, 1])
        for p in [frozen, masked] { for i in 0..<4 { p.grad[i] = g1[i] } }
        let adam = try Adam<Double>(learningRate: 0.1)
        for _ in 0..<3 { adam.step([frozen, masked]) }
        XCTAssertEqual(frozen.value.array, w0)
        XCTAssertEqual(masked.value[1], 0, "masked entry held at zero")
        XCTAssertNotEqual(masked.value[0], w0[0])
    }

    func testFloatMatchesDouble() throws {
        let pf = Parameter<Float>("w", shape: [4]), pd = parameter(w0)
        for i in 0..<4 { pf.value[i] = Float(w0[i]) }
        let adamF = try Adam<Float>(learningRate: 1e-2), adamD = try Adam<Double>(learningRate: 1e-2)
        for g in [g1, g2, g1] {
            for i in 0..<4 { pf.grad[i] = Float(g[i]); pd.grad[i] = g[i] }
            adamF.step([pf])
            adamD.step([pd])
        }
        for i in 0..<4 { XCTAssertEqual(Double(pf.value[i]), pd.value[i], accuracy: 1e-5) }
    }

    func testZeroGradAndReset() throws {
        let p = parameter(w0)
        p.grad.fill(3)
        zeroGrad([p])
        XCTAssertEqual(p.grad.array, [0, 0, 0, 0])
        // After reset the next step behaves like a first step again.
        let sgd = try SGD<Double>(learningRate: 0.1, momentum: 0.9)
        for i in 0..<4 { p.grad[i] = g1[i] }
        sgd.step([p])
        sgd.reset()
        let before = p.value.array
        sgd.step([p])
        assertClose(p.value.array, each { before[$0] - 0.1 * g1[$0] })
    }

    func testInvalidSettingsThrow() {
        XCTAssertThrowsError(try SGD<Float>(learningRate: -1))
        XCTAssertThrowsError(try SGD<Float>(learningRate: 0.1, momentum: 0, nesterov: true))
        XCTAssertThrowsError(try Adam<Float>(beta1: 1))
        XCTAssertThrowsError(try RMSProp<Float>(alpha: 1.5))
        XCTAssertThrowsError(try Adagrad<Float>(epsilon: -1))
    }
}
