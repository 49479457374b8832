import XCTest
@testable import RNNCore

final class DropoutTests: XCTestCase {
    private func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor<Double> {
        var rng = SeededRandom(seed: seed)
        let t = Tensor<Double>(shape: shape)
        GradCheck.randomize(t, &rng, scale: 1)
        return t
    }

    func testMasksAreDeterministicPerSeedAndInverted() throws {
        let x = Tensor<Double>(shape: [50, 40], repeating: 1), y = Tensor<Double>(shape: [50, 40])
        let a = try Dropout<Double>(p: 0.25), b = try Dropout<Double>(p: 0.25)
        var ra = SeededRandom(seed: 7), rb = SeededRandom(seed: 7), rc = SeededRandom(seed: 8)
        a.forward(x.data, rows: 50, width: 40, into: y.data, rng: &ra)
        b.forward(x.data, rows: 50, width: 40, into: y.data, rng: &rb)
        XCTAssertEqual(a.mask.array, b.mask.array)
        b.forward(x.data, rows: 50, width: 40, into: y.data, rng: &rc)
        XCTAssertNotEqual(a.mask.array, b.mask.array)
        XCTAssertTrue(a.mask.array.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3) < 1e-15 })
        let kept = Double(a.mask.array.filter { $0 != 0 }.count) / 2000
        XCTAssertEqual(kept, 0.75, accuracy: 0.03)
    }

    func testEvaluationModeIsIdentity() throws {
        let x = randomTensor([3, 4], seed: 1), y = Tensor<Double>(shape: [3, 4])
        let d = try Dropout<Double>(p: 0.5)
        d.isTraining = false
        var rng = SeededRandom(seed: 1)
        d.forward(x.data, rows: 3, width: 4, into: y.data, rng: &rng)
        XCTAssertEqual(y.array, x.array)
        XCTAssertThrowsError(try Dropout<Double>(p: 1.5))
    }

    func testDropoutGradient() throws {
        let x = randomTensor([4, 5], seed: 2), c = randomTensor([4, 5], seed: 3)
        let y = Tensor<Double>(shape: [4, 5]), dY = Tensor<Double>(shape: [4, 5]), dX = Tensor<Double>(shape: [4, 5])
        let d = try Dropout<Double>(p: 0.4)
        GradCheck.assertGradients([("x", x, dX)]) {
            var rng = SeededRandom(seed: 5)   // the same mask on every evaluation
            d.forward(x.data, rows: 4, width: 5, into: y.data, rng: &rng)
            var loss = 0.0
            for i in 0..<20 { loss += 0.5 * c[i] * y[i] * y[i]; dY[i] = c[i] * y[i] }
            d.backward(dY.data, into: dX.data)
            return loss
        }
    }

    func testVariationalMaskIsTheSameAtEveryStep() throws {
        let d = try VariationalDropout<Double>(p: 0.5)
        var rng = SeededRandom(seed: 11)
        d.resample(rows: 3, width: 8, rng: &rng)
        let mask = d.mask.array
        let ones = Tensor<Double>(shape: [3, 8], repeating: 1), y = Tensor<Double>(shape: [3, 8])
        for t in 0..<5 {
            let x = randomTensor([3, 8], seed: UInt64(100 + t))
            d.forward(x.data, rows: 3, into: y.data)
            for i in 0..<24 { XCTAssertEqual(y[i], x[i] * mask[i]) }
            XCTAssertEqual(d.mask.array, mask, "step \(t)")
        }
        d.forward(ones.data, rows: 3, into: y.data)
        XCTAssertEqual(y.array, mask)
        d.resample(rows: 3, width: 8, rng: &rng)
        XCTAssertNotEqual(d.mask.array, mask, "a new sequence gets a new mask")
    }

    func testRecurrentDropoutBackwardAccumulates() throws {
        let d = try RecurrentDropout<Double>(p: 0.3)
        var rng = SeededRandom(seed: 12)
        d.resample(rows: 2, width: 3, rng: &rng)
        let g = randomTensor([2, 3], seed: 4), dX = Tensor<Double>(shape: [2, 3], repeating: 1)
        d.backward(g.data, rows: 2, into: dX.data, accumulate: true)
        for i in 0..<6 { XCTAssertEqual(dX[i], 1 + g[i] * d.mask[i]) }
    }

    func testZoneoutTrainingEvaluationAndGradients() throws {
        let z = try Zoneout<Double>(p: 0.3)
        z.reserve(steps: 4, rows: 2, width: 3)
        let hPrev = randomTensor([2, 3], seed: 6), cand = randomTensor([2, 3], seed: 7)
        let h = Tensor<Double>(shape: [2, 3])
        var rng = SeededRandom(seed: 8)
        z.forward(slot: 2, count: 6, previous: hPrev.data, candidate: cand.data, into: h.data, rng: &rng)
        let d = Array(z.masks.array[12..<18])
        XCTAssertTrue(d.allSatisfy { $0 == 0 || $0 == 1 })
        for i in 0..<6 { XCTAssertEqual(h[i], d[i] == 1 ? hPrev[i] : cand[i]) }

        z.isTraining = false
        z.forward(slot: 0, count: 6, previous: hPrev.data, candidate: cand.data, into: h.data, rng: &rng)
        for i in 0..<6 { XCTAssertEqual(h[i], 0.3 * hPrev[i] + 0.7 * cand[i], accuracy: 1e-15) }

        z.isTraining = true
        let c = randomTensor([2, 3], seed: 9), dH = Tensor<Double>(shape: [2, 3])
        let dPrev = Tensor<Double>(shape: [2, 3]), dCand = Tensor<Double>(shape: [2, 3])
        GradCheck.assertGradients([("previous", hPrev, dPrev), ("candidate", cand, dCand)]) {
            dPrev.zero()
            var rng = SeededRandom(seed: 10)
            z.forward(slot: 1, count: 6, previous: hPrev.data, candidate: cand.data, into: h.data, rng: &rng)
            var loss = 0.0
            for i in 0..<6 { loss += 0.5 * c[i] * h[i] * h[i]; dH[i] = c[i] * h[i] }
            z.backward(slot: 1, count: 6, outputGrad: dH.data, candidateGrad: dCand.data, previousGrad: dPrev.data)
            return loss
        }
    }

    func testZoneoutKeepRateAndDeterminism() throws {
        let a = try Zoneout<Double>(p: 0.2), b = try Zoneout<Double>(p: 0.2)
        for z in [a, b] { z.reserve(steps: 1, rows: 40, width: 50) }
        let hPrev = Tensor<Double>(shape: [2000]), cand = Tensor<Double>(shape: [2000]), h = Tensor<Double>(shape: [2000])
        var ra = SeededRandom(seed: 3), rb = SeededRandom(seed: 3)
        a.forward(slot: 0, count: 2000, previous: hPrev.data, candidate: cand.data, into: h.data, rng: &ra)
        b.forward(slot: 0, count: 2000, previous: hPrev.data, candidate: cand.data, into: h.data, rng: &rb)
        XCTAssertEqual(a.masks.array, b.masks.array)
        XCTAssertEqual(a.masks.array.reduce(0, +) / 2000, 0.2, accuracy: 0.03)
    }
}
