import Foundation
import XCTest
@testable import RNNCore

private typealias Support = SafetensorsTestSupport

/// Round trips, the on-disk layout, atomic writes, and files written by Python's `safetensors`.
final class SafetensorsTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("st-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    static func randomTensor<S: BLASReal>(_ shape: [Int], _ rng: inout SeededRandom) -> Tensor<S> {
        let t = Tensor<S>(shape: shape)
        for i in 0..<t.count { t[i] = S(rng.normal()) }
        return t
    }

    func roundTrip<S: BLASReal>(_ type: S.Type, dtype: String) throws {
        var rng = SeededRandom(seed: 11)
        let tensors: [(String, Tensor<S>)] = [
            ("weight_ih_l0", Self.randomTensor([12, 3], &rng)), ("fc.bias", Self.randomTensor([5], &rng)),
            ("scalar", Self.randomTensor([], &rng)), ("empty", Self.randomTensor([0, 2], &rng)),
        ]
        let path = dir + "/model.safetensors"
        try SafetensorsFile.write(tensors, metadata: ["cell": "lstm", "note": "a \"quoted\" / path"], to: path)
        let file = try SafetensorsFile.read(path: path)
        XCTAssertEqual(file.tensorNames, ["empty", "fc.bias", "scalar", "weight_ih_l0"])
        XCTAssertEqual(file.metadata, ["cell": "lstm", "note": "a \"quoted\" / path"])
        for (name, t) in tensors {
            XCTAssertEqual(file.dtype(of: name), dtype)
            XCTAssertEqual(file.shape(of: name), t.shape)
            XCTAssertEqual(try file.tensor(name, as: S.self).array, t.array, name)
        }
    }

    func testRoundTripF32() throws { try roundTrip(Float.self, dtype: "F32") }
    func testRoundTripF64() throws { try roundTrip(Double.self, dtype: "F64") }

    func testDoubleStoredAsF32AndF64ReadAsFloatRoundToNearest() throws {
        var rng = SeededRandom(seed: 3)
        let t: Tensor<Double> = Self.randomTensor([4, 4], &rng)
        try SafetensorsFile.write([("w", t)], dtype: .f32, to: dir + "/a.safetensors")
        let a = try SafetensorsFile.read(path: dir + "/a.safetensors")
        XCTAssertEqual(a.dtype(of: "w"), "F32")
        XCTAssertEqual(try a.tensor("w", as: Double.self).array, t.array.map { Double(Float($0)) })

        try SafetensorsFile.write([("w", t)], to: dir + "/b.safetensors")
        let b = try SafetensorsFile.read(path: dir + "/b.safetensors")
        XCTAssertEqual(try b.tensor("w", as: Float.self).array, t.array.map { Float($0) })
        XCTAssertNotEqual(try b.tensor("w", as: Double.self).array, t.array.map { Double(Float($0)) })
    }

    /// The layout the reference implementation produces: data 8-byte aligned by space padding,
    /// keys sorted, data packed in key order from offset 0.
    func testLayoutIsPaddedSortedAndPacked() throws {
        let tensors: [(String, Tensor<Float>)] = [
            ("b", Tensor(shape: [3], repeating: 2)), ("a", Tensor(shape: [1], repeating: 1)),
        ]
        let path = dir + "/m.safetensors"
        try SafetensorsFile.write(tensors, metadata: ["k": "v"], to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let n = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual((8 + n) % 8, 0)
        XCTAssertEqual(bytes.count, 8 + n + 16)
        let header = String(decoding: bytes[8..<(8 + n)], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{\"__metadata__\":{\"k\":\"v\"},\"a\":{"), header)
        XCTAssertTrue(header.contains("\"a\":{\"data_offsets\":[0,4],\"dtype\":\"F32\",\"shape\":[1]}"), header)
        XCTAssertTrue(header.contains("\"b\":{\"data_offsets\":[4,16]"), header)
        XCTAssertEqual(header.trimmingCharacters(in: .whitespaces).last, "}")
        XCTAssertEqual(Array(bytes[(8 + n)..<(8 + n + 4)]), Array(withUnsafeBytes(of: Float(1).bitPattern.littleEndian) { Array($0) }))
    }

    // MARK: Atomic writes

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }
    }

    func testFailedWriteLeavesExistingFileUntouched() throws {
        let path = dir + "/keep.safetensors"
        try SafetensorsFile.write([("w", Tensor<Float>(shape: [2], repeating: 1))], to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        let twice: [(String, Tensor<Float>)] = [("w", Tensor(shape: [3])), ("w", Tensor(shape: [3]))]
        Support.assertInputError(path: path, mentions: ["w", "two tensors"]) { try SafetensorsFile.write(twice, to: path) }
        Support.assertInputError(path: path, mentions: ["__metadata__"]) {
            try SafetensorsFile.write([("__metadata__", Tensor<Float>(shape: [1]))], to: path)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)

        // A failure at the rename itself: the target is a non-empty directory.
        let blocker = dir + "/blocked.safetensors"
        try FileManager.default.createDirectory(atPath: blocker + "/inside", withIntermediateDirectories: true)
        Support.assertInputError(path: blocker, mentions: ["cannot replace"]) {
            try SafetensorsFile.write([("w", Tensor<Float>(shape: [2]))], to: blocker)
        }
        XCTAssertEqual(try leftovers(), [], "temporary files left behind")
        Support.assertInputError(path: dir + "/no/such/dir/m.safetensors", mentions: ["cannot write"]) {
            try SafetensorsFile.write([("w", Tensor<Float>(shape: [2]))], to: self.dir + "/no/such/dir/m.safetensors")
        }
    }

    func testOverwriteReplacesContentsAndLeavesNoTemporaryFile() throws {
        let path = dir + "/m.safetensors"
        try SafetensorsFile.write([("w", Tensor<Double>(shape: [2], repeating: 1))], to: path)
        try SafetensorsFile.write([("v", Tensor<Double>(shape: [3], repeating: 5))], to: path)
        let file = try SafetensorsFile.read(path: path)
        XCTAssertEqual(file.tensorNames, ["v"])
        XCTAssertEqual(try file.tensor("v", as: Double.self).array, [5, 5, 5])
        XCTAssertEqual(try leftovers(), [])
    }

    // MARK: Files written by the reference library

    func testPythonWrittenFileLoadsWithExactValues() throws {
        struct Entry: Decodable { var dtype: String; var shape: [Int]; var values: [Double] }
        struct Expected: Decodable { var metadata: [String: String]; var tensors: [String: Entry] }
        let path = try Support.fixturePath("safetensors/python_written.safetensors")
        let expected = try Support.decodeFixture(Expected.self, "safetensors/python_written.json")
        let file = try SafetensorsFile.read(path: path)
        XCTAssertEqual(file.metadata, expected.metadata)
        XCTAssertEqual(file.tensorNames, expected.tensors.keys.sorted())
        for (name, entry) in expected.tensors {
            XCTAssertEqual(file.dtype(of: name), entry.dtype)
            XCTAssertEqual(file.shape(of: name), entry.shape)
            XCTAssertEqual(try file.tensor(name, as: Double.self).array, entry.values, name)
            XCTAssertEqual(try file.tensor(name, as: Float.self).array, entry.values.map { Float($0) }, name)
        }
    }

    /// Every trace fixture's model loads, its tensors have the names and shapes of the gradients
    /// listed beside it, and the F32 copy holds the F64 model's weights rounded to Float.
    func testTraceFixtureModelsLoad() throws {
        struct Expected: Decodable { var grads: [String: NestedList] }
        let root = try Support.fixturePath("trace")
        let cases = try FileManager.default.contentsOfDirectory(atPath: root).filter { !$0.hasSuffix(".md") }
        XCTAssertEqual(cases.count, 17)
        for name in cases {
            let file = try SafetensorsFile.read(path: root + "/\(name)/model.safetensors")
            let grads = try Support.decodeFixture(Expected.self, "trace/\(name)/expected.json").grads
            XCTAssertEqual(file.tensorNames, grads.keys.sorted(), name)
            for (tensor, grad) in grads { XCTAssertEqual(file.shape(of: tensor), grad.shape, tensor) }
            XCTAssertEqual(file.metadata, ["format": "pt"])
        }
        let f64 = try SafetensorsFile.read(path: root + "/lstm_l2_bi/model.safetensors")
        let f32 = try SafetensorsFile.read(path: root + "/lstm_l2_bi_f32/model.safetensors")
        for name in f64.tensorNames {
            XCTAssertEqual(f32.dtype(of: name), "F32")
            XCTAssertEqual(try f32.tensor(name, as: Float.self).array, try f64.tensor(name, as: Float.self).array)
        }
    }
}

/// A JSON number or nested list of them, as the fixtures store tensors.
private indirect enum NestedList: Decodable {
    case number(Double)
    case list([NestedList])

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let x = try? c.decode(Double.self) { self = .number(x) } else { self = .list(try c.decode([NestedList].self)) }
    }

    var shape: [Int] {
        guard case .list(let items) = self else { return [] }
        return [items.count] + (items.first?.shape ?? [])
    }
}

// MARK: - Helpers shared with SafetensorsBadInputTests

enum SafetensorsTestSupport {
    static func fixturePath(_ relative: String) throws -> String {
        let root = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent(relative).path
    }

    /// Decodes a JSON fixture. JSONDecoder, not JSONSerialization: on Linux the latter can be
    /// one ulp off when parsing doubles, and these files hold exact values.
    static func decodeFixture<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        let data = try Data(contentsOf: URL(fileURLWithPath: try fixturePath(relative)))
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// Asserts that `body` throws an `InputError` whose one-line description starts with `path`
    /// and contains every string in `mentions`.
    static func assertInputError(path: String, mentions: [String], file: StaticString = #filePath,
                                 line: UInt = #line, _ body: () throws -> Void) {
        do {
            try body()
            XCTFail("no error; expected one mentioning \(mentions)", file: file, line: line)
        } catch let error as InputError {
            let text = error.description
            XCTAssertEqual(error.file, path, file: file, line: line)
            XCTAssertTrue(text.hasPrefix(path), text, file: file, line: line)
            XCTAssertFalse(text.contains("\n"), "not one line: \(text)", file: file, line: line)
            for m in mentions {
                XCTAssertTrue(text.contains(m), "\"\(m)\" missing from: \(text)", file: file, line: line)
            }
        } catch {
            XCTFail("not an InputError: \(error)", file: file, line: line)
        }
    }
}
