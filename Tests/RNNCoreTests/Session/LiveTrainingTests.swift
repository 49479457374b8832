import XCTest
import RNNCore

/// The notebook's view of a session: reset replays exactly, labels match the probed row,
/// and the encoder–decoder session learns.
final class LiveTrainingTests: XCTestCase {
    func losses(_ s: any LiveTraining, _ n: Int) -> [UInt64] {
        (0..<n).map { i in s.step(probe: i % 3 == 0).loss.bitPattern }
    }

    func testResetReplaysTheSameLossesBitForBit() throws {
        var a = TrainingRecipe()
        a.task = "adding"; a.seqLen = 12; a.cell = .lstm; a.hidden = 8; a.batch = 4; a.dropout = 0.1; a.layers = 2
        var b = a; b.tbptt = 4; b.layers = 1; b.initializer = "orthogonal"; b.radius = 0.9
        var c = TrainingRecipe()
        c.task = "reverse"; c.seqLen = 5; c.cell = .gru; c.hidden = 12; c.batch = 4; c.teacherForcing = 0.5; c.clip = 1
        for recipe in [a, b, c] {
            let s = try makeLiveTraining(recipe)
            let first = losses(s, 12)
            let before = s.evaluate()
            XCTAssertEqual(s.stepCount, 12)
            s.reset()
            XCTAssertEqual(s.stepCount, 0)
            XCTAssertEqual(losses(s, 12), first, "\(recipe.task)")
            XCTAssertEqual(s.evaluate(), before)
        }
    }

    func testLabelsDescribeTheProbedRow() throws {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 10; r.hidden = 4; r.batch = 3
        let adding = try makeLiveTraining(r)
        XCTAssertEqual(adding.inputLabels, [])
        _ = adding.step(probe: true)
        let labels = adding.inputLabels
        XCTAssertEqual(labels.count, 10)
        XCTAssertEqual(labels.filter { $0.hasPrefix("*") }.count, 2, "two marked steps: \(labels)")
        XCTAssertTrue(labels.allSatisfy { $0.count <= 5 })
        XCTAssertNil(adding.outputLabels)
        XCTAssertNil(adding.neuronActivations(unit: 0), "feature inputs have no neuron text")

        r.task = "text"; r.seqLen = 16; r.cell = .lstm
        let text = try makeLiveTraining(r)
        let snap = try XCTUnwrap(text.step(probe: true).snapshot)
        XCTAssertEqual(text.probedText?.count, 16)
        let unit = try XCTUnwrap(text.neuronActivations(unit: 2))
        XCTAssertEqual(unit, snap.layers[0].hidden.map { $0[2] })
        XCTAssertNil(text.neuronActivations(unit: 4))

        r.task = "reverse"; r.seqLen = 6; r.cell = .gru
        let reverse = try makeLiveTraining(r)
        let rs = try XCTUnwrap(reverse.step(probe: true).snapshot)
        let inputs = reverse.inputLabels, outputs = try XCTUnwrap(reverse.outputLabels)
        XCTAssertEqual(inputs.count, 6)
        XCTAssertEqual(outputs, inputs.reversed() + ["<eos>"])
        XCTAssertEqual(rs.attention?.count, outputs.count)
        XCTAssertEqual(rs.attention?.first?.count, inputs.count)
    }

    func testSeq2SeqSessionLearnsReversal() throws {
        var r = TrainingRecipe()
        r.task = "reverse"; r.seqLen = 4; r.cell = .gru; r.hidden = 16; r.batch = 16; r.lr = 0.01; r.clip = 5
        let s = try Seq2SeqSession<Float>(r)
        let before = s.evaluate()
        for _ in 0..<250 { _ = s.step(probe: false) }
        let after = s.evaluate()
        XCTAssertLessThan(try XCTUnwrap(after["loss"]), try XCTUnwrap(before["loss"]) / 10)
        XCTAssertGreaterThan(try XCTUnwrap(after["greedyAccuracy"]), 0.9, "\(after)")
    }
}
