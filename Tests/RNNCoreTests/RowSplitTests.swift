import XCTest
@testable import RNNCore

/// A layer that hands half its batch rows to a second thread computes exactly what it does on
/// one thread, and its gradients still match finite differences.
final class RowSplitTests: XCTestCase {
    override func tearDown() {
        RowSplit.threshold = 1 << 18
        setBLASThreads(1)
    }

    func makeStack(lstm: Bool, layers: Int = 1, bidirectional: Bool = false) -> RecurrentStack<Double> {
        RecurrentStack<Double>(inputSize: 3, layers: layers, bidirectional: bidirectional, seed: 2) { _, i in
            lstm ? LSTMCell<Double>(inputSize: i, hiddenSize: 4) as any RecurrentCell<Double>
                 : ElmanCell<Double>(inputSize: i, hiddenSize: 4)
        }
    }

    /// Loss Σ output ⊙ r + Σ h_n ⊙ rn (+ Σ c_n ⊙ rc) and every gradient, with or without a split.
    func check(lstm: Bool, layers: Int = 1, bidirectional: Bool = false, batch B: Int, file: StaticString = #filePath, line: UInt = #line) {
        let T = 5
        let stack = makeStack(lstm: lstm, layers: layers, bidirectional: bidirectional)
        var rng = SeededRandom(seed: 4)
        for p in stack.parameters { GradCheck.randomize(p.value, &rng, scale: 0.6) }
        let D = stack.directions, S = stack.stateSize, C = lstm ? S : 1
        let x = Tensor<Double>(shape: [T, B, 3]); GradCheck.randomize(x, &rng, scale: 1)
        let r = Tensor<Double>(shape: [T, B, S * D]); GradCheck.randomize(r, &rng, scale: 1)
        let h0 = Tensor<Double>(shape: [layers * D, B, S]); GradCheck.randomize(h0, &rng)
        let c0 = Tensor<Double>(shape: [layers * D, B, C]); GradCheck.randomize(c0, &rng)
        let rn = Tensor<Double>(shape: [layers * D, B, S]); GradCheck.randomize(rn, &rng, scale: 1)
        let rc = Tensor<Double>(shape: [layers * D, B, C]); GradCheck.randomize(rc, &rng, scale: 1)
        func run() -> Double {
            zeroGrad(stack.parameters)
            stack.forward(x, steps: T, batch: B, initialStates: h0, initialCells: lstm ? c0 : nil)
            var loss = 0.0
            for i in 0..<r.count { loss += stack.output[i] * r[i] }
            for i in 0..<rn.count { loss += stack.finalStates[i] * rn[i] }
            if lstm { for i in 0..<rc.count { loss += stack.finalCells[i] * rc[i] } }
            stack.backward(outputGrad: r, finalStateGrads: rn, finalCellGrads: lstm ? rc : nil)
            return loss
        }
        setBLASThreads(1)
        let single = run()
        XCTAssertFalse(stack.layers[0][0].splitsRows(), file: file, line: line)
        let singleGrads = stack.parameters.map { $0.grad.clone() }, singleInput = stack.inputGrad.clone()
        setBLASThreads(2)
        RowSplit.threshold = 0
        XCTAssertTrue(stack.layers[0][0].splitsRows(), file: file, line: line)
        XCTAssertEqual(run(), single, accuracy: 1e-12, file: file, line: line)
        for (p, g) in zip(stack.parameters, singleGrads) {
            for i in 0..<g.count { XCTAssertEqual(p.grad[i], g[i], accuracy: 1e-12, "\(p.name)[\(i)]", file: file, line: line) }
        }
        for i in 0..<singleInput.count { XCTAssertEqual(stack.inputGrad[i], singleInput[i], accuracy: 1e-12, file: file, line: line) }
        let named = stack.namedParameters.map { ($0.0, $0.1.value, $0.1.grad) } + [("input", x, stack.inputGrad)]
        GradCheck.assertGradients(named, label: lstm ? "lstm split" : "elman split", run: run, file: file, line: line)
    }

    func testLSTMEvenBatch() { check(lstm: true, batch: 6) }
    func testLSTMOddBatchTwoLayersBidirectional() { check(lstm: true, layers: 2, bidirectional: true, batch: 5) }
    func testElman() { check(lstm: false, batch: 4) }

    /// A token model whose first layer gathers and sums token rows inside the split loops.
    func testEmbeddingFoldedTokenModel() {
        let T = 4, B = 6, V = 5
        let stack = makeStack(lstm: true)
        let model = SequenceModel(input: .tokens(vocabulary: V, embedding: 3), objective: .classification(classes: 4), stack: stack)
        var rng = SeededRandom(seed: 8)
        for p in model.parameters { GradCheck.randomize(p.value, &rng, scale: 0.6) }
        let ids = TokenBuffer(capacity: T * B), targets = TokenBuffer(capacity: T * B)
        ids.resize(T * B); targets.resize(T * B)
        for r in 0..<T * B { ids[r] = Int32(rng.int(V)); targets[r] = Int32(rng.int(4)) }
        func run() -> Double {
            zeroGrad(model.parameters)
            let loss = model.forward(tokens: ids.data, steps: T, batch: B, targets: .classes(targets.data)).loss
            model.backward()
            return loss
        }
        setBLASThreads(1)
        let single = run(), singleGrads = model.parameters.map { $0.grad.clone() }
        setBLASThreads(2)
        RowSplit.threshold = 0
        XCTAssertEqual(run(), single, accuracy: 1e-12)
        XCTAssertTrue(stack.layers[0][0].readsTokens)
        XCTAssertEqual(stack.layers[0][0].rowParts(), 2)
        for (p, g) in zip(model.parameters, singleGrads) {
            for i in 0..<g.count { XCTAssertEqual(p.grad[i], g[i], accuracy: 1e-12, "\(p.name)[\(i)]") }
        }
        GradCheck.assertGradients(model.namedParameters.map { ($0.0, $0.1.value, $0.1.grad) }, label: "token split", run: run)
    }

    func testNoSplitForPeepholesOrTinyWork() {
        setBLASThreads(2)
        let peephole = RecurrentLayer<Double>(cell: LSTMCell<Double>(inputSize: 2, hiddenSize: 64, peepholes: true))
        peephole.reserve(steps: 2, batch: 64)
        XCTAssertFalse(peephole.splitsRows(), "peephole gradients accumulate across rows")
        let small = RecurrentLayer<Double>(cell: LSTMCell<Double>(inputSize: 2, hiddenSize: 8))
        small.reserve(steps: 2, batch: 8)
        XCTAssertFalse(small.splitsRows(), "8·32·8 multiply-adds per step is below the threshold")
    }
}
