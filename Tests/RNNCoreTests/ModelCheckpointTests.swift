import Foundation
import XCTest
import RNNCore

final class ModelCheckpointTests: XCTestCase {
    func makeModel(seed: UInt64) throws -> SequenceModel<Float> {
        var r = TrainingRecipe()
        r.task = "copy"; r.cell = .gru; r.layers = 2; r.bidirectional = true; r.hidden = 8; r.seed = seed
        var rng = SeededRandom(seed: seed)
        return try r.makeModel(for: try r.makeTask(), rng: &rng)
    }

    func testRoundTripRestoresEveryParameterExactly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("model.safetensors").path
        let a = try makeModel(seed: 1), b = try makeModel(seed: 2)
        XCTAssertNotEqual(a.parameters[1].value.array, b.parameters[1].value.array)
        try ModelCheckpoint.save(a.namedParameters, to: path)
        try ModelCheckpoint.load(b.namedParameters, from: path)
        for (p, q) in zip(a.parameters, b.parameters) { XCTAssertEqual(p.value.array, q.value.array, p.name) }
        // The names are PyTorch's, so an nn.GRU state_dict maps onto the stack.
        let names = Set(a.namedParameters.map(\.0))
        XCTAssertTrue(names.isSuperset(of: ["weight_ih_l0", "weight_hh_l1_reverse", "bias_hh_l1"]))
    }

    func testMismatchedCheckpointLeavesTheModelUntouched() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("small.safetensors").path
        let small = try makeModel(seed: 1)
        try ModelCheckpoint.save(Array(small.namedParameters.prefix(3)), to: path)
        let target = try makeModel(seed: 3)
        let before = target.parameters.map(\.value.array)
        XCTAssertThrowsError(try ModelCheckpoint.load(target.namedParameters, from: path)) { error in
            XCTAssertTrue("\(error)".contains(path) && "\(error)".contains("missing tensor"), "\(error)")
        }
        XCTAssertEqual(target.parameters.map(\.value.array), before)
    }
}
