import Foundation
import XCTest
@testable import RNNCore

#if canImport(Glibc)
import Glibc
#endif

private typealias Support = SafetensorsTestSupport

/// Damaged and hostile files: each must end in one `InputError` naming the file and the place.
final class SafetensorsBadInputTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("stbad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Writes a file from raw parts: the length field (the header's size unless overridden),
    /// the header text and the data bytes.
    func make(_ header: String, data: Int = 0, length: UInt64? = nil, bytes raw: [UInt8]? = nil) -> String {
        let path = dir + "/f\(UUID().uuidString.prefix(8)).safetensors"
        var bytes = raw ?? []
        if raw == nil {
            withUnsafeBytes(of: (length ?? UInt64(header.utf8.count)).littleEndian) { bytes += $0 }
            bytes += Array(header.utf8) + [UInt8](repeating: 0, count: data)
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    func expectReadError(_ path: String, _ mentions: String..., line: UInt = #line) {
        Support.assertInputError(path: path, mentions: mentions, line: line) { _ = try SafetensorsFile.read(path: path) }
    }

    func testTruncatedOrMissingHeader() {
        expectReadError(make("", bytes: []), "header", "truncated")
        expectReadError(make("", bytes: [1, 0, 0]), "header", "truncated")
        expectReadError(make("{}", length: 1000), "header", "past the end of the file")
        expectReadError(make("{}", length: UInt64.max), "header", "exceeds the cap")
        expectReadError(make("{}", length: UInt64(Limits.maxHeaderBytes) + 1), "header", "exceeds the cap")
    }

    func testHeaderThatIsNotTheRightJSON() {
        expectReadError(make("not json at all"), "header", "not valid JSON")
        expectReadError(make("{\"w\": {\"dtype\": \"F32\""), "header", "not valid JSON")
        expectReadError(make("[1, 2]"), "header", "JSON object")
        expectReadError(make("{\"w\": " + String(repeating: "[", count: 100_000)), "header", "not valid JSON")
        expectReadError(make("", bytes: [4, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0xFF, 0xFE, 0x7D]), "header", "not valid JSON")
        expectReadError(make("{\"w\": 5}"), "w", "entry must be an object")
        expectReadError(make("{\"__metadata__\": {\"epoch\": 3}}"), "__metadata__", "strings")
    }

    func testMissingOrMistypedFields() {
        expectReadError(make(#"{"w": {"shape": [2], "data_offsets": [0, 8]}}"#, data: 8), "w", "missing field \"dtype\"")
        expectReadError(make(#"{"w": {"dtype": "F32", "data_offsets": [0, 8]}}"#, data: 8), "w", "missing field \"shape\"")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [2]}}"#, data: 8), "w", "missing field \"data_offsets\"")
        expectReadError(make(#"{"w": {"dtype": 32, "shape": [2], "data_offsets": [0, 8]}}"#, data: 8), "w", "\"dtype\"")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": "2", "data_offsets": [0, 8]}}"#, data: 8), "w", "\"shape\"")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [true], "data_offsets": [0, 8]}}"#, data: 8), "w", "\"shape\"")
    }

    func testDTypes() throws {
        expectReadError(make(#"{"w": {"dtype": "Q7", "shape": [2], "data_offsets": [0, 8]}}"#, data: 8), "w", "Q7")
        // A known but unsupported dtype opens (it can be checked) and fails only when asked for.
        let path = make(#"{"w": {"dtype": "BF16", "shape": [2], "data_offsets": [0, 4]}}"#, data: 4)
        let file = try SafetensorsFile.read(path: path)
        XCTAssertEqual(file.dtype(of: "w"), "BF16")
        Support.assertInputError(path: path, mentions: ["w", "BF16", "F32"]) { _ = try file.tensor("w", as: Float.self) }
    }

    func testBadShapes() {
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [-1, 3], "data_offsets": [0, 0]}}"#), "w", "negative", "[-1, 3]")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}"#, data: 4), "w", "whole")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [1e300], "data_offsets": [0, 4]}}"#, data: 4), "w", "shape")
        expectReadError(make(#"{"w": {"dtype": "F64", "shape": [4294967296, 4294967296], "data_offsets": [0, 8]}}"#, data: 8),
                        "w", "too large")
        // Large but representable: refused by the size check, before any allocation.
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [1000000000, 1000], "data_offsets": [0, 8]}}"#, data: 8),
                        "w", "needs 4000000000000")
    }

    func testBadOffsets() {
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [6], "data_offsets": [0, 24]}}"#, data: 12),
                        "w", "past the end of the data", "truncated")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 16]}}"#, data: 24),
                        "w", "hold 16 bytes", "needs 24")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [8, 0]}}"#, data: 8), "w", "end before")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8, 16]}}"#, data: 16), "w", "two")
        expectReadError(make(#"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [-8, 0]}}"#, data: 8), "w", "non-negative")
        expectReadError(make(#"{"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}, "#
                             + #""b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}}"#, data: 24),
                        "b", "overlap", "\"a\"")
    }

    func testMissingTensorAndWrongShapeAreNamed() throws {
        let path = make(#"{"w": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, data: 8)
        let file = try SafetensorsFile.read(path: path)
        Support.assertInputError(path: path, mentions: ["weight_hh_l0", "no tensor"]) {
            _ = try file.tensor("weight_hh_l0", as: Double.self)
        }
        Support.assertInputError(path: path, mentions: ["w", "[3]"]) { try file.read("w", into: Tensor<Float>(shape: [3])) }
    }

    func testFilesThatAreNotFiles() {
        expectReadError(dir + "/missing.safetensors", "cannot open")
        expectReadError(dir, "not a regular file")
        // A FIFO would block `open` forever if the reader did not refuse it first.
        let fifo = dir + "/pipe.safetensors"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        expectReadError(fifo, "not a regular file")
    }

    /// Every strict prefix of a valid file is damaged and must be reported, never crash.
    func testEveryTruncationIsReported() throws {
        let good = dir + "/good.safetensors"
        try SafetensorsFile.write([("a", Tensor<Float>(shape: [3], repeating: 1)),
                                   ("b", Tensor<Float>(shape: [2], repeating: 2))], metadata: ["m": "x"], to: good)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        for cut in 0..<bytes.count {
            let path = make("", bytes: Array(bytes[0..<cut]))
            XCTAssertThrowsError(try SafetensorsFile.read(path: path), "cut at \(cut)") { error in
                XCTAssertTrue(error is InputError, "cut at \(cut): \(error)")
            }
        }
    }

    /// Random byte changes either leave a readable file or produce an `InputError`.
    func testCorruptedBytesNeverCrash() throws {
        let good = dir + "/good.safetensors"
        try SafetensorsFile.write([("w", Tensor<Double>(shape: [2, 2], repeating: 0.5))], to: good)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: good)))
        var rng = SeededRandom(seed: 5)
        for trial in 0..<300 {
            var damaged = bytes
            for _ in 0..<(1 + trial % 3) {
                damaged[Int(rng.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: rng.next())
            }
            let path = make("", bytes: damaged)
            do {
                let file = try SafetensorsFile.read(path: path)
                for name in file.tensorNames { _ = try? file.tensor(name, as: Float.self) }
            } catch {
                XCTAssertTrue(error is InputError, "trial \(trial): \(error)")
            }
        }
    }
}
