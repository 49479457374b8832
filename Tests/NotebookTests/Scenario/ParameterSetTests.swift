import Notebook
import RNNCore
import XCTest

/// `:set`, `--set` and the recipe mapping: one set of names, errors that name the range.
final class ParameterSetTests: XCTestCase {
    /// The issue's eighteen names, plus layer_norm and residual, which the layer-norm and
    /// deep-RNN scenarios need as knobs.
    func testRegistryHasExactlyTheIssuesNames() {
        XCTAssertEqual(Set(ParameterRegistry.names), [
            "cell", "hidden", "layers", "bidirectional", "radius", "init", "activation", "lr", "optimizer", "clip",
            "clip_value", "tbptt", "seq_len", "batch", "dropout", "attention", "teacher_forcing", "seed",
            "layer_norm", "residual"])
        XCTAssertEqual(ParameterRegistry.names.count, 20)
    }

    func testOutOfRangeNamesTheRangeAndChangesNothing() {
        var set = ParameterSet()
        let before = set
        XCTAssertThrowsError(try set.set("radius", "7")) {
            XCTAssertEqual("\($0)", "radius must be between 0.1 and 3, or none (got 7)")
        }
        XCTAssertThrowsError(try set.set("hidden", "0")) { XCTAssertEqual("\($0)", "hidden must be between 1 and 1024 (got 0)") }
        XCTAssertThrowsError(try set.set("hidden", "3.5")) {
            XCTAssertEqual("\($0)", "hidden must be a whole number between 1 and 1024 (got \"3.5\")")
        }
        XCTAssertThrowsError(try set.set("lr", "fast")) {
            XCTAssertEqual("\($0)", "lr must be a number between 0.000001 and 10 (got \"fast\")".replacingOccurrences(of: "0.000001", with: ParameterValue.format(0.000001)))
        }
        XCTAssertThrowsError(try set.set("lr", "nan"))
        XCTAssertThrowsError(try set.set("teacher_forcing", "1.5")) {
            XCTAssertEqual("\($0)", "teacher_forcing must be between 0 and 1 (got 1.5)")
        }
        XCTAssertThrowsError(try set.set("bidirectional", "maybe")) {
            XCTAssertEqual("\($0)", "bidirectional must be true or false (got \"maybe\")")
        }
        XCTAssertThrowsError(try set.set("attention", "multihead")) {
            XCTAssertEqual("\($0)", "attention must be one of none, additive, dot, general (got \"multihead\")")
        }
        XCTAssertThrowsError(try set.set("optimizer", "adma")) { XCTAssertTrue("\($0)".hasSuffix("; did you mean adam?)"), "\($0)") }
        XCTAssertEqual(set, before)
    }

    func testUnknownNamesGetTheClosestKnownName() {
        var set = ParameterSet()
        XCTAssertThrowsError(try set.set("raduis", "1")) { XCTAssertEqual("\($0)", "unknown parameter \"raduis\"; did you mean radius?") }
        XCTAssertThrowsError(try set.set("clipvalue", "1")) { XCTAssertEqual("\($0)", "unknown parameter \"clipvalue\"; did you mean clip_value?") }
        XCTAssertThrowsError(try set.set("teacher", "1")) { XCTAssertEqual("\($0)", "unknown parameter \"teacher\"; did you mean teacher_forcing?") }
        XCTAssertThrowsError(try set.set("xyzzy", "1")) {
            XCTAssertEqual("\($0)", "unknown parameter \"xyzzy\" (known: \(ParameterRegistry.names.joined(separator: ", ")))")
        }
        XCTAssertThrowsError(try set.set("task", "copy")) {
            XCTAssertEqual("\($0)", "task is fixed by the scenario; open another scenario to change it")
        }
    }

    func testValuesAreTypedAndOptionalsTakeNone() throws {
        var set = ParameterSet()
        try set.set("radius", "1.25")
        XCTAssertEqual(set["radius"], .real(1.25))
        try set.set("radius", "none")
        XCTAssertEqual(set["radius"], ParameterValue.none)
        try set.set("bidirectional", "yes")
        XCTAssertEqual(set["bidirectional"], .bool(true))
        try set.set("lr", "1e-3")
        XCTAssertEqual(set["lr"], .real(0.001))
        XCTAssertThrowsError(try set.set("hidden", "none")) // not optional
    }

    func testAssignmentsSplitAtTheFirstEquals() throws {
        XCTAssertEqual(try ParameterSet.parseAssignment("radius=1.2").name, "radius")
        XCTAssertEqual(try ParameterSet.parseAssignment("radius = 1.2").value, "1.2")
        XCTAssertThrowsError(try ParameterSet.parseAssignment("radius")) {
            XCTAssertEqual("\($0)", "--set expects NAME=VALUE (got \"radius\")")
        }
        XCTAssertThrowsError(try ParameterSet.parseAssignment("=3"))
        var set = ParameterSet()
        try set.apply(assignment: "hidden=64")
        XCTAssertEqual(set["hidden"], .int(64))
        XCTAssertThrowsError(try set.apply(assignment: "hidden=9999")) {
            XCTAssertEqual("\($0)", "hidden must be between 1 and 1024 (got 9999)")
        }
    }

    func testEveryParameterReachesTheRecipe() throws {
        var set = ParameterSet(task: "adding")
        let assignments = ["cell=rnn_relu", "hidden=48", "layers=2", "bidirectional=false", "radius=0.9", "init=orthogonal",
                           "activation=linear", "lr=0.003", "optimizer=rmsprop", "clip=2.5", "clip_value=0.5", "tbptt=7",
                           "seq_len=33", "batch=12", "dropout=0.2", "attention=dot", "teacher_forcing=0.25", "seed=99",
                           "layer_norm=true", "residual=true"]
        XCTAssertEqual(Set(assignments.map { String($0.split(separator: "=")[0]) }), Set(ParameterRegistry.names))
        for a in assignments { try set.apply(assignment: a) }
        let r = try set.recipe()
        XCTAssertEqual(r.task, "adding")
        XCTAssertEqual(r.cell, .rnn_relu)
        XCTAssertEqual(r.hidden, 48)
        XCTAssertEqual(r.layers, 2)
        XCTAssertEqual(r.bidirectional, false)
        XCTAssertEqual(r.radius, 0.9)
        XCTAssertTrue(r.layerNorm)
        XCTAssertTrue(r.residual)
        XCTAssertEqual(r.initializer, "orthogonal")
        XCTAssertEqual(r.activation, "linear")
        XCTAssertEqual(r.lr, 0.003)
        XCTAssertEqual(r.optimizer, "rmsprop")
        XCTAssertEqual(r.clip, 2.5)
        XCTAssertEqual(r.clipValue, 0.5)
        XCTAssertEqual(r.tbptt, 7)
        XCTAssertEqual(r.seqLen, 33)
        XCTAssertEqual(r.batch, 12)
        XCTAssertEqual(r.dropout, 0.2)
        XCTAssertEqual(r.attention, "dot")
        XCTAssertEqual(r.teacherForcing, 0.25)
        XCTAssertEqual(r.seed, 99)
        // And back: a recipe read into a set gives the same recipe.
        XCTAssertEqual(try ParameterSet(recipe: r).recipe(), r)
    }

    func testDefaultsAreTheRecipesDefaults() throws {
        XCTAssertEqual(try ParameterSet().recipe(), TrainingRecipe())
    }

    func testCombinationsTheRecipeRefusesAreReported() throws {
        var set = ParameterSet()
        try set.set("cell", "lstm")
        try set.set("activation", "relu")
        XCTAssertThrowsError(try set.recipe()) { XCTAssertTrue("\($0)".hasPrefix("activation: "), "\($0)") }
    }

    func testNarrowingRestrictsAndSaysSo() throws {
        var set = ParameterSet()
        try set.set("radius", "0.5")
        try set.narrow("radius", to: .real(0.25...2))
        try set.narrow("cell", to: .choice(["lstm", "gru"]))
        try set.narrow("seed", to: nil)
        XCTAssertEqual(set.tweakable, ["radius", "cell", "seed"])
        XCTAssertThrowsError(try set.set("radius", "2.5")) {
            XCTAssertEqual("\($0)", "radius must be between 0.25 and 2 in this scenario, or none (got 2.5)")
        }
        XCTAssertThrowsError(try set.set("cell", "gur")) {
            XCTAssertEqual("\($0)", "cell must be one of lstm, gru in this scenario (got \"gur\"; did you mean gru?)")
        }
        XCTAssertThrowsError(try set.narrow("hidden", to: .int(0...20000))) {
            XCTAssertEqual("\($0)", "hidden: the tweak range 0 to 20000 leaves the allowed range (between 1 and 1024)")
        }
        XCTAssertThrowsError(try set.narrow("hidden", to: .real(1...2)))
        XCTAssertThrowsError(try set.narrow("hidden", to: .int(64...128))) { // the current 32 would fall outside
            XCTAssertEqual("\($0)", "hidden is 32, outside its tweak range (between 64 and 128)")
        }
    }

    func testClosestNamesRanksTyposAndFragments() {
        XCTAssertEqual(ClosestNames.distance("kitten", "sitting"), 3)
        XCTAssertEqual(ClosestNames.distance("", "abc"), 3)
        let ids = ["vanishing-gradients", "exploding-gradients", "attention", "lstm-gates"]
        XCTAssertEqual(ClosestNames.nearest(to: "vanish", in: ids).first, "vanishing-gradients")
        XCTAssertEqual(ClosestNames.nearest(to: "atention", in: ids).first, "attention")
        XCTAssertEqual(ClosestNames.nearest(to: "x", in: ids, limit: 2).count, 2)
        XCTAssertNil(ClosestNames.suggestion(for: "zzzzzz", in: ids))
    }
}
