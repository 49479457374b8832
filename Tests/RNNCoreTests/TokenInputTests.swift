import XCTest
import RNNCore

/// Token input (one-hot ids, and an embedding folded into the first input projection) against
/// finite differences and against the same model fed the dense input it stands for.
final class TokenInputTests: XCTestCase {
    struct Setup {
        var T = 4, B = 3, V = 5, E = 3, H = 3, layers = 1, bidirectional = false
        var lengths: [Int]? = nil
        var lstm = true
    }

    func makeStack(_ s: Setup, inputSize: Int) -> RecurrentStack<Double> {
        RecurrentStack<Double>(inputSize: inputSize, layers: s.layers, bidirectional: s.bidirectional, seed: 3) { _, i in
            s.lstm ? LSTMCell<Double>(inputSize: i, hiddenSize: s.H) as any RecurrentCell<Double>
                   : ElmanCell<Double>(inputSize: i, hiddenSize: s.H)
        }
    }

    /// Ids in 0..<V, with −1 where a row has ended, in a buffer whose address stays valid
    /// from forward to backward.
    func tokens(_ s: Setup, _ rng: inout SeededRandom) -> TokenBuffer {
        let ids = TokenBuffer(capacity: s.T * s.B)
        ids.resize(s.T * s.B)
        for r in 0..<s.T * s.B { ids[r] = Int32(rng.int(s.V)) }
        if let lengths = s.lengths { for t in 0..<s.T { for b in 0..<s.B where t >= lengths[b] { ids[t * s.B + b] = -1 } } }
        return ids
    }

    /// Loss and gradients of a token model with the fold on, checked by finite differences,
    /// then compared entry by entry with the fold off.
    func checkEmbeddingFold(_ s: Setup, label: String, file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededRandom(seed: 5)
        let model = SequenceModel(input: .tokens(vocabulary: s.V, embedding: s.E), objective: .classification(classes: 4),
                                  stack: makeStack(s, inputSize: s.E))
        for p in model.parameters { GradCheck.randomize(p.value, &rng, scale: 0.6) }
        let ids = tokens(s, &rng)
        let targets = TokenBuffer(capacity: s.T * s.B)
        targets.resize(s.T * s.B)
        for r in 0..<s.T * s.B { targets[r] = Int32(rng.int(4)) }
        func run() -> Double {
            zeroGrad(model.parameters)
            let r = model.forward(tokens: ids.data, steps: s.T, batch: s.B, lengths: s.lengths, targets: .classes(targets.data))
            model.backward()
            return r.loss
        }
        XCTAssertLessThan(s.V, s.T * s.B, "the fold only runs when V < T·B", file: file, line: line)
        model.foldsEmbedding = true
        _ = run()
        XCTAssertTrue(model.stack.layers[0][0].readsTokens, file: file, line: line)
        let named = model.namedParameters.map { ($0.0, $0.1.value, $0.1.grad) }
        GradCheck.assertGradients(named, label: label, run: run, file: file, line: line)

        let folded = run(), foldedGrads = model.parameters.map { $0.grad.clone() }
        model.foldsEmbedding = false
        XCTAssertEqual(run(), folded, accuracy: 1e-12, file: file, line: line)
        XCTAssertFalse(model.stack.layers[0][0].readsTokens, file: file, line: line)
        for (p, g) in zip(model.parameters, foldedGrads) {
            for i in 0..<g.count { XCTAssertEqual(p.grad[i], g[i], accuracy: 1e-12, "\(label) \(p.name)", file: file, line: line) }
        }
    }

    func testEmbeddingFoldLSTM() { checkEmbeddingFold(Setup(), label: "lstm") }
    func testEmbeddingFoldBidirectionalTwoLayersWithPadding() {
        checkEmbeddingFold(Setup(layers: 2, bidirectional: true, lengths: [4, 2, 3]), label: "bi-lstm")
    }
    func testEmbeddingFoldElmanWithPadding() { checkEmbeddingFold(Setup(lengths: [1, 4, 3], lstm: false), label: "elman") }

    /// `.oneHot` ids against `.features` fed the one-hot rows they stand for: the same
    /// losses and gradients, and the one-hot model passes its own finite-difference check.
    func checkOneHot(_ s: Setup, label: String, file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededRandom(seed: 9)
        let oneHot = SequenceModel(input: .oneHot(vocabulary: s.V), objective: .regression(outputs: 2),
                                   stack: makeStack(s, inputSize: s.V))
        let dense = SequenceModel(input: .features(s.V), objective: .regression(outputs: 2),
                                  stack: makeStack(s, inputSize: s.V))
        for (a, b) in zip(oneHot.parameters, dense.parameters) { GradCheck.randomize(a.value, &rng, scale: 0.6); b.value.copy(from: a.value) }
        let ids = tokens(s, &rng)
        let x = Tensor<Double>(shape: [s.T, s.B, s.V])
        for r in 0..<s.T * s.B where ids[r] >= 0 { x[r * s.V + Int(ids[r])] = 1 }
        let y = Tensor<Double>(shape: [s.T, s.B, 2]); GradCheck.randomize(y, &rng, scale: 1)
        func run(_ m: SequenceModel<Double>) -> Double {
            zeroGrad(m.parameters)
            let r = m.forward(features: m === dense ? x : nil, tokens: m === dense ? nil : UnsafePointer(ids.data),
                              steps: s.T, batch: s.B, lengths: s.lengths, targets: .values(y.data))
            m.backward()
            return r.loss
        }
        XCTAssertEqual(run(oneHot), run(dense), accuracy: 1e-12, file: file, line: line)
        for (a, b) in zip(oneHot.parameters, dense.parameters) {
            for i in 0..<a.count { XCTAssertEqual(a.grad[i], b.grad[i], accuracy: 1e-12, "\(label) \(a.name)", file: file, line: line) }
        }
        let named = oneHot.namedParameters.map { ($0.0, $0.1.value, $0.1.grad) }
        GradCheck.assertGradients(named, label: label, run: { run(oneHot) }, file: file, line: line)
    }

    func testOneHotElman() { checkOneHot(Setup(lstm: false), label: "elman") }
    func testOneHotBidirectionalLSTMWithPadding() {
        checkOneHot(Setup(bidirectional: true, lengths: [3, 4, 1]), label: "bi-lstm")
    }
}
