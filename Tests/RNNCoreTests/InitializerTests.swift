import XCTest
@testable import RNNCore

final class InitializerTests: XCTestCase {
    /// Max |(AᵀA or AAᵀ) − gain²·I| over the smaller Gram matrix of a [rows, cols] tensor.
    private func orthogonalityError(_ w: Tensor<Double>, gain: Double = 1) -> Double {
        let rows = w.shape[0], cols = w.shape[1]
        let n = min(rows, cols)
        var worst = 0.0
        for a in 0..<n {
            for b in 0..<n {
                var s = 0.0
                if rows >= cols {
                    for i in 0..<rows { s += w[i, a] * w[i, b] }   // columns orthonormal
                } else {
                    for j in 0..<cols { s += w[a, j] * w[b, j] }   // rows orthonormal
                }
                worst = max(worst, abs(s - (a == b ? gain * gain : 0)))
            }
        }
        return worst
    }

    func testOrthogonalSquareTallWideAndGain() {
        var rng = SeededRandom(seed: 1)
        for (shape, gain) in [([8, 8], 1.0), ([10, 4], 1.0), ([3, 7], 1.0), ([6, 6], 2.0)] {
            let w = Tensor<Double>(shape: shape)
            Initializer.orthogonal(w, gain: gain, rng: &rng)
            XCTAssertLessThan(orthogonalityError(w, gain: gain), 1e-12, "\(shape)")
        }
    }

    func testOrthogonalPerGateBlocksAndDeterminism() {
        var a = SeededRandom(seed: 9), b = SeededRandom(seed: 9)
        let w = Tensor<Double>(shape: [12, 3]), v = Tensor<Double>(shape: [12, 3])
        Initializer.orthogonal(w, blocks: 4, rng: &a)
        Initializer.orthogonal(v, blocks: 4, rng: &b)
        XCTAssertEqual(w.array, v.array)
        for gate in ["i", "f", "g", "o"] {
            let block = gateBlock(w, gate: gate, gateNames: ["i", "f", "g", "o"])!
            XCTAssertLessThan(orthogonalityError(block), 1e-12, gate)
        }
    }

    func testIdentityAndEye() {
        let w = Tensor<Float>(shape: [3, 3])
        Initializer.identity(w, gain: 0.5)
        XCTAssertEqual(w.array, [0.5, 0, 0, 0, 0.5, 0, 0, 0, 0.5])
        let wide = Tensor<Float>(shape: [2, 3], repeating: 9)
        Initializer.identity(wide)
        XCTAssertEqual(wide.array, [1, 0, 0, 0, 1, 0])
    }

    func testUniformFamiliesRespectTheirBoundsAndVariance() {
        var rng = SeededRandom(seed: 3)
        let w = Tensor<Double>(shape: [200, 300])
        Initializer.xavierUniform(w, rng: &rng)
        let bound = (6.0 / 500).squareRoot()
        XCTAssertLessThanOrEqual(w.array.map(abs).max()!, bound)
        XCTAssertEqual(w.squaredNorm / Double(w.count), bound * bound / 3, accuracy: 0.03 * bound * bound / 3)

        Initializer.xavierNormal(w, gain: 2, rng: &rng)
        XCTAssertEqual(w.squaredNorm / Double(w.count), 4 * 2.0 / 500, accuracy: 0.03 * 4 * 2.0 / 500)

        Initializer.pytorchDefault(w, fanIn: 64, rng: &rng)
        XCTAssertLessThanOrEqual(w.array.map(abs).max()!, 0.125)
        XCTAssertGreaterThan(w.array.map(abs).max()!, 0.12)
    }

    // MARK: spectral radius

    func testSpectralRadiusOfScaledRotation() {
        let theta = 0.7
        let w = Tensor<Double>(shape: [2, 2], values: [0.9 * cos(theta), -0.9 * sin(theta),
                                                      0.9 * sin(theta), 0.9 * cos(theta)])
        XCTAssertEqual(spectralRadius(w), 0.9, accuracy: 1e-12)
        let values = eigenvalues(w)!.sorted { $0.imaginary < $1.imaginary }
        XCTAssertEqual(values[0].real, 0.9 * cos(theta), accuracy: 1e-12)
        XCTAssertEqual(values[0].imaginary, -0.9 * sin(theta), accuracy: 1e-12)
        XCTAssertEqual(values[1].imaginary, 0.9 * sin(theta), accuracy: 1e-12)
    }

    func testSpectralRadiusWithComplexPairAndNonSymmetricMatrices() {
        // [[1, −2], [2, 1]] ⊕ [2]: eigenvalues 1 ± 2i and 2, so ρ = √5.
        let block = Tensor<Float>(shape: [3, 3], values: [1, -2, 0, 2, 1, 0, 0, 0, 2])
        XCTAssertEqual(spectralRadius(block), 5.0.squareRoot(), accuracy: 1e-6)
        // Triangular: the eigenvalues are the diagonal, whatever lies above it.
        let tri = Tensor<Double>(shape: [3, 3], values: [-3, 5, 7, 0, 1, 11, 0, 0, 2])
        XCTAssertEqual(spectralRadius(tri), 3, accuracy: 1e-12)
        XCTAssertTrue(spectralRadius(Tensor<Double>(shape: [2, 3])).isNaN)
        XCTAssertTrue(spectralRadius(Tensor<Double>(shape: [2, 2], values: [1, .nan, 0, 1])).isNaN)
    }

    func testScaleToSpectralRadiusHitsTarget() {
        var rng = SeededRandom(seed: 4)
        let w = Tensor<Double>(shape: [30, 30])
        Initializer.normal(w, rng: &rng)
        let before = spectralRadius(w)
        XCTAssertEqual(scaleToSpectralRadius(w, radius: 0.95), before, accuracy: 1e-12)
        XCTAssertEqual(spectralRadius(w), 0.95, accuracy: 1e-10)
        let zero = Tensor<Double>(shape: [3, 3])
        XCTAssertEqual(scaleToSpectralRadius(zero, radius: 1), 0)
        XCTAssertEqual(zero.array, [Double](repeating: 0, count: 9))
    }

    func testGateBlockSelection() {
        let h = 2
        let w = Tensor<Double>(shape: [3 * h, h], values: (0..<12).map(Double.init))
        let z = gateBlock(w, gate: "z", gateNames: ["r", "z", "n"])!
        XCTAssertEqual(z.array, [4, 5, 6, 7])
        XCTAssertNil(gateBlock(w, gate: "q", gateNames: ["r", "z", "n"]))
        XCTAssertNil(gateBlock(w, gate: nil, gateNames: []), "not square")
        let square = Tensor<Double>(shape: [2, 2], values: [0, 1, -1, 0])
        XCTAssertEqual(spectralRadius(square, gate: nil, gateNames: [])!, 1, accuracy: 1e-12)
    }
}
