import XCTest
@testable import RNNCore

/// The two helpers the dropout scenario measures with: text windows from one stretch of a
/// corpus, and the keep/drop pattern layer k of a stack actually received.
final class TextSliceAndDropoutPatternTests: XCTestCase {
    func testSliceWindowsStayInsideTheirRangeAndKeepTheCorpusIds() throws {
        let text = try CharacterText(text: TaskFixtures.pangrams, length: 6)
        let slice = try TextSlice(text, range: 10..<30)
        XCTAssertEqual(slice.inputSize, text.vocabulary)
        var rng = SeededRandom(seed: 5)
        let batch: SequenceBatch<Float> = slice.makeBatch(size: 40, rng: &rng)
        let inputs = try XCTUnwrap(batch.inputTokens), targets = try XCTUnwrap(batch.targetTokens)
        let stretch = Array(text.corpus[10..<30])
        for b in 0..<40 {
            let window = (0..<6).map { inputs[batch.index(t: $0, b: b)] } + [targets[batch.index(t: 5, b: b)]]
            let found = (0...(stretch.count - 7)).contains { Array(stretch[$0..<($0 + 7)]) == window }
            XCTAssertTrue(found, "row \(b) is a window of the slice")
        }
        XCTAssertThrowsError(try TextSlice(text, range: 0..<6))
        XCTAssertThrowsError(try TextSlice(text, range: 0..<(text.corpus.count + 1)))
    }

    func testVariationalDropoutKeepsOneMaskAlongTheSequenceAndStandardDoesNot() {
        func agreement(variational: Bool) -> Double {
            let stack = RecurrentStack<Double>(inputSize: 3, layers: 2, bidirectional: false, seed: 9) { _, i in
                ElmanCell<Double>(inputSize: i, hiddenSize: 16)
            }
            var rng = SeededRandom(seed: 1)
            for l in stack.layers.flatMap({ $0 }) { l.cell.resetParameters(rng: &rng) }
            stack.dropout = 0.5
            stack.variationalDropout = variational
            let T = 20, B = 4
            let x = Tensor<Double>(shape: [T, B, 3])
            for i in 0..<x.count { x[i] = rng.uniform(-1, 1) }
            stack.forward(x, steps: T, batch: B)
            guard let p = stack.dropoutPattern(layer: 1) else { XCTFail("no pattern"); return 0 }
            XCTAssertNil(stack.dropoutPattern(layer: 0))
            let row = B * 16
            var agree = 0, total = 0
            for t in 1..<T { for i in 0..<row where p[i] >= 0 && p[t * row + i] >= 0 {
                total += 1; if p[i] == p[t * row + i] { agree += 1 }
            } }
            XCTAssertGreaterThan(p.filter { $0 == 0 }.count, p.count / 4, "about half dropped")
            return Double(agree) / Double(total)
        }
        XCTAssertEqual(agreement(variational: true), 1)
        XCTAssertEqual(agreement(variational: false), 0.5, accuracy: 0.1)
    }
}
