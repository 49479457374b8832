import XCTest
import RNNCore

/// Every recipe field a user sets is checked, and the error names the field.
final class RecipeValidationTests: XCTestCase {
    func assertRejected(_ place: String, file: StaticString = #filePath, line: UInt = #line,
                        _ change: (inout TrainingRecipe) -> Void) {
        var r = TrainingRecipe()
        change(&r)
        XCTAssertThrowsError(try makeLiveTraining(r), file: file, line: line) { error in
            guard let e = error as? InputError else { return XCTFail("not an InputError: \(error)", file: file, line: line) }
            XCTAssertEqual(e.place, place, "\(e)", file: file, line: line)
        }
    }

    func testEachBadFieldIsNamed() {
        assertRejected("init") { $0.initializer = "he" }
        assertRejected("radius") { $0.radius = 0 }
        assertRejected("radius") { $0.radius = .nan }
        assertRejected("radius") { $0.radius = 11 }
        assertRejected("activation") { $0.cell = .rnn_tanh; $0.activation = "gelu" }
        assertRejected("activation") { $0.cell = .lstm; $0.activation = "relu" }
        assertRejected("activation") { $0.cell = .gru; $0.activation = "sigmoid" }
        assertRejected("tbptt") { $0.tbptt = 0 }
        assertRejected("tbptt") { $0.tbptt = 5; $0.bidirectional = true }
        assertRejected("tbptt") { $0.task = "reverse"; $0.tbptt = 5 }
        assertRejected("attention") { $0.task = "reverse"; $0.attention = "multihead" }
        assertRejected("teacher_forcing") { $0.task = "reverse"; $0.teacherForcing = 1.5 }
        assertRejected("teacher_forcing") { $0.task = "reverse"; $0.teacherForcing = -0.1 }
        assertRejected("task") { $0.task = "translate" }
        assertRejected("layers") { $0.task = "reverse"; $0.layers = 2 }
        assertRejected("seq_len") { $0.task = "reverse"; $0.seqLen = 0 }
        assertRejected("lr") { $0.lr = -1 }
        assertRejected("clip") { $0.clip = 0 }
    }

    func testGatedCellsAcceptTheirOwnActivationAndKnobsHaveTheirDefaults() throws {
        var r = TrainingRecipe()
        XCTAssertEqual(r.initializer, "default")
        XCTAssertNil(r.radius); XCTAssertNil(r.activation); XCTAssertNil(r.tbptt)
        XCTAssertEqual(r.attention, "additive"); XCTAssertEqual(r.teacherForcing, 1.0)
        r.cell = .lstm; r.activation = "tanh"; r.seqLen = 5; r.batch = 2; r.hidden = 4
        XCTAssertNoThrow(try makeLiveTraining(r))
        for name in ["reverse", "dates"] { XCTAssertTrue(TrainingRecipe.taskNames.contains(name)) }
        XCTAssertEqual(TrainingRecipe.attentionNames, ["none", "additive", "dot", "general"])
        XCTAssertEqual(TrainingRecipe.initializerNames, ["default", "xavier", "orthogonal", "identity", "small"])
        XCTAssertEqual(TrainingRecipe.activationNames, ["tanh", "relu", "linear", "sigmoid"])
    }

    func testFactoryPicksTheSessionByTaskKind() throws {
        var r = TrainingRecipe()
        r.hidden = 8; r.batch = 4; r.seqLen = 6
        XCTAssertTrue(try makeLiveTraining(r) is TrainingSession<Float>)
        r.task = "reverse"; r.cell = .gru
        XCTAssertTrue(try makeLiveTraining(r) is Seq2SeqSession<Float>)
        r.task = "dates"
        XCTAssertTrue(try makeLiveTraining(r) is Seq2SeqSession<Float>)
    }
}
