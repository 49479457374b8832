import Foundation
import XCTest
@testable import RNNCore

final class EchoStateTests: XCTestCase {
    // MARK: Ridge regression

    /// Random features [R, F] with a leading column of ones.
    private func randomFeatures(rows: Int, width: Int, seed: UInt64) -> Tensor<Double> {
        var rng = SeededRandom(seed: seed)
        let x = Tensor<Double>(shape: [rows, width])
        for r in 0..<rows {
            x[r, 0] = 1
            for c in 1..<width { x[r, c] = rng.normal() }
        }
        return x
    }

    /// y = x · wᵀ, naively.
    private func product(_ x: Tensor<Double>, _ w: Tensor<Double>) -> Tensor<Double> {
        let rows = x.shape[0], f = x.shape[1], o = w.shape[0]
        let y = Tensor<Double>(shape: [rows, o])
        for r in 0..<rows { for k in 0..<o {
            var s = 0.0
            for c in 0..<f { s += x[r, c] * w[k, c] }
            y[r, k] = s
        } }
        return y
    }

    func testRidgeRecoversKnownLinearWeightsOnNoiselessData() throws {
        let x = randomFeatures(rows: 300, width: 7, seed: 3)
        var rng = SeededRandom(seed: 4)
        let w = Tensor<Double>(shape: [2, 7])
        for k in 0..<w.count { w[k] = rng.uniform(-3, 3) }
        let fitted = try RidgeRegression.fit(features: x, targets: product(x, w), beta: 0)
        XCTAssertEqual(fitted.shape, [2, 7])
        for k in 0..<w.count { XCTAssertEqual(fitted[k], w[k], accuracy: 1e-10) }
    }

    func testRidgeAccumulatedInChunksEqualsOneShot() throws {
        let x = randomFeatures(rows: 100, width: 5, seed: 5)
        let y = randomFeatures(rows: 100, width: 3, seed: 6)
        let oneShot = try RidgeRegression.fit(features: x, targets: y, beta: 0.1)
        let ridge = RidgeRegression(featureCount: 5, outputCount: 3)
        ridge.accumulate(features: x.data, targets: y.data, rows: 37)
        ridge.accumulate(features: x.data + 37 * 5, targets: y.data + 37 * 3, rows: 63)
        let chunked = try ridge.solve(beta: 0.1)
        for k in 0..<oneShot.count { XCTAssertEqual(chunked[k], oneShot[k], accuracy: 1e-12) }
    }

    /// With β > 0 the answer must satisfy (XᵀX + βI) wᵀ = Xᵀy, checked without LAPACK.
    func testRidgeWithPenaltySatisfiesNormalEquations() throws {
        let x = randomFeatures(rows: 40, width: 6, seed: 7)
        let y = randomFeatures(rows: 40, width: 2, seed: 8)
        let beta = 0.7
        let w = try RidgeRegression.fit(features: x, targets: y, beta: beta)
        let unpenalised = try RidgeRegression.fit(features: x, targets: y, beta: 0)
        for o in 0..<2 { for i in 0..<6 {
            var lhs = beta * w[o, i], rhs = 0.0
            for r in 0..<40 {
                var xw = 0.0
                for j in 0..<6 { xw += x[r, j] * w[o, j] }
                lhs += x[r, i] * xw
                rhs += x[r, i] * y[r, o]
            }
            XCTAssertEqual(lhs, rhs, accuracy: 1e-10)
        } }
        XCTAssertLessThan(w.norm, unpenalised.norm, "the penalty should shrink the weights")
    }

    func testRidgeRejectsSingularSystemWithClearError() throws {
        let x = randomFeatures(rows: 50, width: 4, seed: 9)
        for r in 0..<50 { x[r, 3] = 2 * x[r, 2] }  // two collinear columns
        let y = randomFeatures(rows: 50, width: 1, seed: 10)
        XCTAssertThrowsError(try RidgeRegression.fit(features: x, targets: y, beta: 0)) { error in
            XCTAssertTrue(error is InputError)
            XCTAssertTrue("\(error)".contains("increase β"), "\(error)")
        }
        XCTAssertNoThrow(try RidgeRegression.fit(features: x, targets: y, beta: 1e-3))
        XCTAssertThrowsError(try RidgeRegression.fit(features: x, targets: y, beta: -1))
        x[0, 1] = .nan
        XCTAssertThrowsError(try RidgeRegression.fit(features: x, targets: y, beta: 1))
    }

    // MARK: Reservoir

    func testEigenvaluesOfKnownMatrices() throws {
        // [[0, −2], [2, 0]] has eigenvalues ±2i.
        let rotation: [Double] = [0, -2, 2, 0]
        let values = try XCTUnwrap(rotation.withUnsafeBufferPointer { eigenvalues($0.baseAddress!, n: 2) })
        XCTAssertEqual(values.map { abs($0.real) }.max()!, 0, accuracy: 1e-14)
        XCTAssertEqual(values.map { abs($0.imaginary) }.max()!, 2, accuracy: 1e-14)
        // Triangular: the eigenvalues are the diagonal, so the radius is 3.
        let triangular: [Double] = [1, 5, 7, 0, -3, 2, 0, 0, 0.5]
        let radius = try XCTUnwrap(triangular.withUnsafeBufferPointer { eigenvalues($0.baseAddress!, n: 3) })
            .map(\.magnitude).max()!
        XCTAssertEqual(radius, 3, accuracy: 1e-13)
    }

    func testSpectralRadiusAfterScalingEqualsTarget() throws {
        for target in [0.8, 1.25] {
            var rng = SeededRandom(seed: 11)
            let w = try SparseReservoir<Double>(size: 200, connectivity: 0.1, rng: &rng)
            try w.scale(toSpectralRadius: target)
            XCTAssertEqual(try w.spectralRadius(), target, accuracy: 1e-6)
        }
        let esn = try EchoStateNetwork<Double>(EchoStateConfiguration(reservoirSize: 150, spectralRadius: 1.1, seed: 2))
        XCTAssertEqual(try esn.reservoir.spectralRadius(), 1.1, accuracy: 1e-6)
    }

    func testSparseReservoirHasRequestedDensityAndMultipliesLikeDense() throws {
        var rng = SeededRandom(seed: 12)
        let n = 300
        let w = try SparseReservoir<Double>(size: n, connectivity: 0.1, rng: &rng)
        let density = Double(w.nonzeroCount) / Double(n * n)
        XCTAssertEqual(density, 0.1, accuracy: 0.005)
        let dense = w.denseDouble()
        let x = (0..<n).map { _ in rng.normal() }
        var y = [Double](repeating: 1, count: n)
        w.multiplyAdd(x, into: &y)
        for r in 0..<n {
            var s = 1.0
            for c in 0..<n { s += dense[r * n + c] * x[c] }
            XCTAssertEqual(y[r], s, accuracy: 1e-12)
        }
    }

    /// One leaky step computed by hand from dense W, W_in and b.
    func testStateUpdateIsLeakyIntegrator() throws {
        let config = EchoStateConfiguration(reservoirSize: 30, inputSize: 2, outputSize: 1, connectivity: 0.3,
                                            spectralRadius: 0.9, inputScaling: 0.7, biasScaling: 0.2,
                                            leakRate: 0.3, seed: 13)
        let esn = try EchoStateNetwork<Double>(config)
        var rng = SeededRandom(seed: 14)
        for k in 0..<30 { esn.state[k] = rng.uniform(-1, 1) }
        let previous = esn.state.array
        let u = Tensor<Double>(shape: [1, 2], values: [0.4, -1.1])
        let states = try esn.collectStates(inputs: u)
        let dense = esn.reservoir.denseDouble()
        for r in 0..<30 {
            var pre = esn.bias[r] + esn.inputWeights[r, 0] * 0.4 + esn.inputWeights[r, 1] * -1.1
            for c in 0..<30 { pre += dense[r * 30 + c] * previous[c] }
            let expected = 0.7 * previous[r] + 0.3 * tanh(pre)
            XCTAssertEqual(states[0, r], expected, accuracy: 1e-13)
            XCTAssertEqual(esn.state[r], states[0, r], "state holds the last step")
        }
        XCTAssertNotEqual(esn.bias.norm, 0)
    }

    // MARK: Echo state property

    func testContractiveReservoirForgetsItsInitialState() throws {
        let esn = try EchoStateNetwork<Double>(EchoStateConfiguration(reservoirSize: 200, spectralRadius: 0.8, seed: 15))
        var rng = SeededRandom(seed: 16)
        let u = Tensor<Double>(shape: [300, 1])
        for t in 0..<300 { u[t] = rng.uniform(-0.5, 0.5) }
        let d = try esn.echoStateDistances(inputs: u, seed: 17)
        XCTAssertEqual(d.count, 300)
        XCTAssertGreaterThan(d[0], 1, "the copies should start far apart")
        XCTAssertLessThan(d[299], 1e-8, "distance after 300 steps: \(d[299])")
        XCTAssertEqual(esn.state.norm, 0, "the network's own state is untouched")
    }

    func testLargeRadiusReservoirKeepsItsInitialState() throws {
        let esn = try EchoStateNetwork<Double>(EchoStateConfiguration(reservoirSize: 200, spectralRadius: 2, seed: 15))
        let zeroInput = Tensor<Double>(shape: [300, 1])
        let d = try esn.echoStateDistances(inputs: zeroInput, seed: 17)
        let tail = d[250...].min()!
        XCTAssertGreaterThan(tail, 1, "two copies at ρ = 2 should stay apart; min distance over the tail \(tail)")
    }

    // MARK: Mackey–Glass

    /// Mackey–Glass, dx/dt = β x(t−τ) / (1 + x(t−τ)ⁿ) − γ x(t), τ = 17, β = 0.2, γ = 0.1, n = 10,
    /// RK4 with dt = 0.1 (delayed midpoints averaged), sampled every 1.0 after a transient.
    /// A stand-in until the `tasks` branch's generator lands in RNNCore.
    private func mackeyGlass(samples: Int, transient: Int = 500) -> [Double] {
        let dt = 0.1, stride = 10, delay = 170
        func f(_ x: Double, _ lagged: Double) -> Double { 0.2 * lagged / (1 + pow(lagged, 10)) - 0.1 * x }
        var history = [Double](repeating: 1.2, count: delay + 1)
        var out: [Double] = []
        let total = (samples + transient) * stride
        for step in 0..<total {
            let i = history.count - 1
            let x = history[i]
            let lag0 = history[i - delay], lag1 = history[i - delay + 1], lagMid = (lag0 + lag1) / 2
            let k1 = f(x, lag0)
            let k2 = f(x + dt / 2 * k1, lagMid)
            let k3 = f(x + dt / 2 * k2, lagMid)
            let k4 = f(x + dt * k3, lag1)
            history.append(x + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4))
            if (step + 1) % stride == 0, (step + 1) / stride > transient { out.append(history.last!) }
        }
        return out
    }

    private func column(_ values: ArraySlice<Double>) -> Tensor<Float> {
        Tensor(shape: [values.count, 1], values: values.map { Float($0) })
    }

    private func mackeyGlassESN() throws -> EchoStateNetwork<Float> {
        try EchoStateNetwork<Float>(EchoStateConfiguration(
            reservoirSize: 200, connectivity: 0.1, spectralRadius: 1.0, inputScaling: 1,
            biasScaling: 0.2, leakRate: 0.5, ridge: 1e-7, seed: 42))
    }

    func testMackeyGlassOneStepPredictionOnHeldOutData() throws {
        let series = mackeyGlass(samples: 3001)
        let clock = ContinuousClock(), started = clock.now
        let esn = try mackeyGlassESN()
        try esn.fit(inputs: column(series[0..<2000]), targets: column(series[1..<2001]), washout: 100)
        let predicted = try esn.predict(inputs: column(series[2000..<3000]))
        let error = try normalizedRMSE(prediction: predicted, target: column(series[2001..<3001]))
        let elapsed = clock.now - started
        // Persistence (ŷ_{t+1} = u_t) is the baseline any one-step predictor must clearly beat.
        let persistence = try normalizedRMSE(prediction: column(series[2000..<3000]), target: column(series[2001..<3001]))
        print("ESN Mackey–Glass one-step: NRMSE \(error) on 1000 held-out steps (persistence \(persistence)); "
              + "build+fit+predict \(elapsed)")
        XCTAssertLessThan(error, 0.05)
        XCTAssertLessThan(error, persistence / 10)
    }

    func testMackeyGlassFreeRunningStaysCloseAtFirst() throws {
        let series = mackeyGlass(samples: 2300)
        let esn = try mackeyGlassESN()
        try esn.fit(inputs: column(series[0..<2000]), targets: column(series[1..<2001]), washout: 100)
        // Warm up on 100 fresh steps, then run on its own for 200.
        let generated = try esn.generate(primer: column(series[2000..<2100]), steps: 200)
        let truth = column(series[2100..<2300])
        let first = try normalizedRMSE(prediction: Tensor(shape: [50, 1], values: Array(generated.array[0..<50])),
                                       target: Tensor(shape: [50, 1], values: Array(truth.array[0..<50])))
        print("ESN Mackey–Glass free-running: NRMSE over the first 50 generated steps \(first)")
        XCTAssertLessThan(first, 0.2)
    }

    // MARK: Errors and repeatability

    func testBadUseThrowsInsteadOfCrashing() throws {
        XCTAssertThrowsError(try EchoStateNetwork<Float>(EchoStateConfiguration(leakRate: 0)))
        XCTAssertThrowsError(try EchoStateNetwork<Float>(EchoStateConfiguration(connectivity: 1.5)))
        XCTAssertThrowsError(try EchoStateNetwork<Float>(EchoStateConfiguration(spectralRadius: -1)))
        XCTAssertThrowsError(try EchoStateNetwork<Float>(EchoStateConfiguration(reservoirSize: 0)))
        let esn = try EchoStateNetwork<Float>(EchoStateConfiguration(reservoirSize: 20, outputSize: 2))
        let u = Tensor<Float>(shape: [10, 1], repeating: 0.5)
        XCTAssertThrowsError(try esn.predict(inputs: u), "predict before fit")
        XCTAssertThrowsError(try esn.fit(inputs: u, targets: Tensor(shape: [10, 2]), washout: 10))
        XCTAssertThrowsError(try esn.fit(inputs: u, targets: Tensor(shape: [9, 2]), washout: 0))
        XCTAssertThrowsError(try esn.fit(inputs: Tensor(shape: [10, 3]), targets: Tensor(shape: [10, 2]), washout: 0))
        XCTAssertThrowsError(try esn.generate(primer: u, steps: 5), "O != I cannot run free")
        XCTAssertThrowsError(try normalizedRMSE(prediction: u, target: u), "constant target")
    }

    func testSameSeedGivesBitIdenticalReadout() throws {
        let series = mackeyGlass(samples: 601)
        let a = try mackeyGlassESN(), b = try mackeyGlassESN()
        try a.fit(inputs: column(series[0..<600]), targets: column(series[1..<601]), washout: 50)
        try b.fit(inputs: column(series[0..<600]), targets: column(series[1..<601]), washout: 50)
        XCTAssertEqual(a.readout!.array, b.readout!.array)
    }
}
