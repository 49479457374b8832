import XCTest
@testable import RNNCore

/// Linear and Embedding: finite-difference gradients, naming, validation, and a small
/// embedding → linear → cross-entropy pipeline checked end to end.
final class TrainingBlocksTests: XCTestCase {
    /// Σ ½·c·y²: a loss whose gradient c ⊙ y depends on the output, so a wrong forward shows up.
    private func quadraticLoss(_ y: UnsafePointer<Double>, _ c: Tensor<Double>, dY: Tensor<Double>) -> Double {
        var loss = 0.0
        for i in 0..<c.count {
            loss += 0.5 * c[i] * y[i] * y[i]
            dY[i] = c[i] * y[i]
        }
        return loss
    }

    func testLinearNamesAndShapesFollowPyTorch() {
        let fc = Linear<Float>(inputSize: 4, outputSize: 3, prefix: "decoder.out")
        XCTAssertEqual(fc.parameters.map(\.name), ["decoder.out.weight", "decoder.out.bias"])
        XCTAssertEqual(fc.weight.shape, [3, 4])
        XCTAssertEqual(fc.bias?.shape, [3])
        XCTAssertEqual(Linear<Float>(inputSize: 2, outputSize: 2, prefix: "p", hasBias: false).parameters.count, 1)
    }

    func testLinearForwardMatchesNaiveProduct() {
        var rng = SeededRandom(seed: 3)
        let fc = Linear<Double>(inputSize: 3, outputSize: 2, prefix: "fc")
        GradCheck.randomize(fc.weight.value, &rng)
        GradCheck.randomize(fc.bias!.value, &rng)
        let x = Tensor<Double>(shape: [4, 3])
        GradCheck.randomize(x, &rng)
        let y = fc.forward(x.data, rows: 4)
        for r in 0..<4 {
            for o in 0..<2 {
                var s = fc.bias!.value[o]
                for i in 0..<3 { s += x[r, i] * fc.weight.value[o, i] }
                XCTAssertEqual(y[r * 2 + o], s, accuracy: 1e-12)
            }
        }
        XCTAssertEqual(fc.output.shape, [4, 2])
    }

    func testLinearGradients() {
        var rng = SeededRandom(seed: 11)
        let fc = Linear<Double>(inputSize: 4, outputSize: 3, prefix: "fc")
        GradCheck.randomize(fc.weight.value, &rng)
        GradCheck.randomize(fc.bias!.value, &rng)
        let x = Tensor<Double>(shape: [5, 4]), dX = Tensor<Double>(shape: [5, 4])
        let c = Tensor<Double>(shape: [5, 3]), dY = Tensor<Double>(shape: [5, 3])
        GradCheck.randomize(x, &rng)
        GradCheck.randomize(c, &rng, scale: 1)
        GradCheck.assertGradients(
            [("fc.weight", fc.weight.value, fc.weight.grad), ("fc.bias", fc.bias!.value, fc.bias!.grad),
             ("input", x, dX)]
        ) {
            zeroGrad(fc.parameters)
            let y = fc.forward(x.data, rows: 5)
            let loss = quadraticLoss(y, c, dY: dY)
            fc.backward(input: x.data, rows: 5, outputGrad: dY.data, inputGrad: dX.data)
            return loss
        }
    }

    func testLinearInputGradAccumulatesWhenAsked() {
        var rng = SeededRandom(seed: 5)
        let fc = Linear<Double>(inputSize: 3, outputSize: 2, prefix: "fc")
        GradCheck.randomize(fc.weight.value, &rng)
        let x = Tensor<Double>(shape: [2, 3]), dY = Tensor<Double>(shape: [2, 2])
        GradCheck.randomize(x, &rng)
        GradCheck.randomize(dY, &rng)
        let fresh = Tensor<Double>(shape: [2, 3], repeating: 7)
        let summed = Tensor<Double>(shape: [2, 3], repeating: 7)
        fc.backward(input: x.data, rows: 2, outputGrad: dY.data, inputGrad: fresh.data)
        fc.backward(input: x.data, rows: 2, outputGrad: dY.data, inputGrad: summed.data, accumulateInputGrad: true)
        for i in 0..<6 { XCTAssertEqual(summed[i], fresh[i] + 7, accuracy: 1e-12) }
        // Parameter gradients accumulate across the two calls.
        var expected = 0.0
        for r in 0..<2 { expected += dY[r, 1] * x[r, 2] }
        XCTAssertEqual(fc.weight.grad[1, 2], 2 * expected, accuracy: 1e-12)
    }

    func testEmbeddingGradientsWithRepeatsAndPadding() {
        var rng = SeededRandom(seed: 13)
        let emb = Embedding<Double>(vocabularySize: 6, embeddingSize: 3, prefix: "embedding")
        XCTAssertEqual(emb.weight.name, "embedding.weight")
        GradCheck.randomize(emb.weight.value, &rng)
        let ids: [Int32] = [2, 5, 2, -1, 0, 2]
        let c = Tensor<Double>(shape: [6, 3]), dY = Tensor<Double>(shape: [6, 3])
        GradCheck.randomize(c, &rng, scale: 1)
        GradCheck.assertGradients([("embedding.weight", emb.weight.value, emb.weight.grad)]) {
            zeroGrad(emb.parameters)
            let y = emb.forward(ids, rows: 6)
            let loss = quadraticLoss(y, c, dY: dY)
            emb.backward(ids, rows: 6, outputGrad: dY.data)
            return loss
        }
        let y = emb.forward(ids, rows: 6)
        for e in 0..<3 {
            XCTAssertEqual(y[3 * 3 + e], 0, "padding row is zeros")
            XCTAssertEqual(y[0 * 3 + e], emb.weight.value[2, e])
            XCTAssertEqual(emb.weight.grad[1, e], 0, "unused token gets no gradient")
        }
    }

    func testEmbeddingValidationNamesTheBadId() throws {
        let emb = Embedding<Float>(vocabularySize: 65, embeddingSize: 4, prefix: "embedding")
        XCTAssertNoThrow(try emb.validate([0, 64, 3] as [Int32]))
        XCTAssertThrowsError(try emb.validate([0, 65] as [Int32], file: "corpus.txt")) { error in
            let text = String(describing: error)
            XCTAssertTrue(text.contains("corpus.txt") && text.contains("65") && text.contains("position 1"), text)
        }
        XCTAssertThrowsError(try emb.validate([-1] as [Int32]))
        XCTAssertNoThrow(try emb.validate([-1, 2] as [Int32], allowPadding: true))
        XCTAssertThrowsError(try emb.validate([-2] as [Int32], allowPadding: true))
    }

    /// embedding → linear → masked cross-entropy: every gradient of the chain at once.
    func testEmbeddingLinearCrossEntropyPipeline() {
        var rng = SeededRandom(seed: 21)
        let V = 5, E = 4, N = 6
        let emb = Embedding<Double>(vocabularySize: V, embeddingSize: E, prefix: "embedding")
        let fc = Linear<Double>(inputSize: E, outputSize: V, prefix: "fc")
        let params = emb.parameters + fc.parameters
        for p in params { GradCheck.randomize(p.value, &rng) }
        let ids: [Int32] = [1, 4, 0, 4, 2, 3]
        let targets: [Int32] = [4, 0, -1, 2, 2, 1]
        let mask: [Double] = [1, 1, 1, 0, 1, 0.5]
        let ce = SoftmaxCrossEntropy<Double>()
        let dLogits = Tensor<Double>(shape: [N, V]), dEmb = Tensor<Double>(shape: [N, E])
        GradCheck.assertGradients(params.map { ($0.name, $0.value, $0.grad) }) {
            zeroGrad(params)
            let x = emb.forward(ids, rows: N)
            let logits = fc.forward(x, rows: N)
            let result = ce(logits: logits, rows: N, classes: V, targets: targets, mask: mask, logitsGrad: dLogits.data)
            fc.backward(input: x, rows: N, outputGrad: dLogits.data, inputGrad: dEmb.data)
            emb.backward(ids, rows: N, outputGrad: dEmb.data)
            return result.loss
        }
    }
}
