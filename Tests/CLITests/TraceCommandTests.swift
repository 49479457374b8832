import Foundation
import XCTest

/// End to end: the binary's output, exit codes and one-line errors.
final class TraceCommandTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try CLI.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    var model: String { CLI.fixture("lstm_l1_uni/model.safetensors") }
    var input: String { CLI.fixture("lstm_l1_uni/input.json") }

    func write(_ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A safetensors file whose header is `json`, followed by `payload` bytes.
    func safetensors(_ name: String, header json: String, payload: Int = 0, declaredLength: UInt64? = nil) throws -> String {
        let h = Array(json.utf8)
        var bytes: [UInt8] = []
        let n = declaredLength ?? UInt64(h.count)
        for i in 0..<8 { bytes.append(UInt8((n >> (8 * UInt64(i))) & 0xFF)) }
        return try writeBytes(name, bytes + h + [UInt8](repeating: 0, count: payload))
    }

    func assertBadInput(_ args: [String], mentions: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 2, "exit status; stderr: \(r.stderr)", file: file, line: line)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "expected one line, got: \(r.stderr)", file: file, line: line)
        for m in mentions { XCTAssertTrue(r.stderr.contains(m), "\(r.stderr) should mention \(m)", file: file, line: line) }
        XCTAssertTrue(r.stdout.isEmpty, "nothing on stdout", file: file, line: line)
    }

    func testTracePrintsOneJSONObject() throws {
        let r = try CLI.run(["trace", "--checkpoint", model, "--input", input])
        XCTAssertEqual(r.status, 0, r.stderr)
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        for key in ["outputs", "h_n", "c_n", "grads", "grad_h_norms"] { XCTAssertNotNil(obj[key], key) }
        let grads = try XCTUnwrap(obj["grads"] as? [String: Any])
        XCTAssertEqual(Set(grads.keys), ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
    }

    func testCorruptAndTruncatedCheckpoints() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: model))
        let truncated = try writeBytes("truncated.safetensors", Array(data.prefix(data.count - 7)))
        try assertBadInput(["trace", "--checkpoint", truncated, "--input", input], mentions: [truncated])
        let garbage = try writeBytes("garbage.safetensors", Array("not a safetensors file at all".utf8))
        try assertBadInput(["trace", "--checkpoint", garbage, "--input", input], mentions: [garbage])
        let pastEnd = try safetensors("past.safetensors", header: "{}", declaredLength: 4096)
        try assertBadInput(["trace", "--checkpoint", pastEnd, "--input", input], mentions: [pastEnd, "header"])
        let huge = try safetensors("huge.safetensors", header: "{}", declaredLength: 200_000_000)
        try assertBadInput(["trace", "--checkpoint", huge, "--input", input], mentions: [huge, "exceeds the cap"])
    }

    func testWrongDtypeAndMissingTensor() throws {
        let i64 = try safetensors("i64.safetensors", header: #"{"weight_ih_l0":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}"#, payload: 16)
        try assertBadInput(["trace", "--checkpoint", i64, "--input", input], mentions: [i64, "weight_ih_l0", "I64"])
        let missing = try safetensors("missing.safetensors", header: #"{"weight_ih_l0":{"dtype":"F32","shape":[4,3],"data_offsets":[0,48]}}"#, payload: 48)
        try assertBadInput(["trace", "--checkpoint", missing, "--input", input], mentions: [missing, "weight_hh_l0", "missing"])
        let wrongShape = try safetensors("shape.safetensors", header: #"{"weight_ih_l0":{"dtype":"F32","shape":[5,3],"data_offsets":[0,60]},"weight_hh_l0":{"dtype":"F32","shape":[5,4],"data_offsets":[60,140]},"bias_ih_l0":{"dtype":"F32","shape":[5],"data_offsets":[140,160]},"bias_hh_l0":{"dtype":"F32","shape":[5],"data_offsets":[160,180]}}"#, payload: 180)
        try assertBadInput(["trace", "--checkpoint", wrongShape, "--input", input], mentions: [wrongShape, "weight_ih_l0", "shape"])
    }

    func testMalformedRaggedAndNaNInputs() throws {
        let malformed = try write("malformed.json", #"{"cell": "lstm", "inputs": [[[1, 2, 3]]"#)
        try assertBadInput(["trace", "--checkpoint", model, "--input", malformed], mentions: [malformed, "JSON"])
        let ragged = try write("ragged.json", #"{"cell": "lstm", "inputs": [[[1, 2, 3]], [[1, 2]]], "grad_outputs": [[[0,0,0,0]], [[0,0,0,0]]]}"#)
        try assertBadInput(["trace", "--checkpoint", model, "--input", ragged], mentions: [ragged, "inputs[1][0]", "ragged"])
        let nan = try write("nan.json", #"{"cell": "lstm", "inputs": [[[1, NaN, 3]]], "grad_outputs": [[[0,0,0,0]]]}"#)
        try assertBadInput(["trace", "--checkpoint", model, "--input", nan], mentions: [nan, "NaN"])
        let cell = try write("cell.json", #"{"cell": "transformer", "inputs": [[[1, 2, 3]]], "grad_outputs": [[[0,0,0,0]]]}"#)
        try assertBadInput(["trace", "--checkpoint", model, "--input", cell], mentions: [cell, "cell", "transformer"])
        try assertBadInput(["trace", "--checkpoint", model, "--input", dir.appendingPathComponent("absent.json").path],
                           mentions: ["absent.json"])
    }

    func testCapsAreEnforced() throws {
        let wide = try safetensors("wide.safetensors", header: #"{"weight_ih_l0":{"dtype":"F32","shape":[9000,1],"data_offsets":[0,36000]},"weight_hh_l0":{"dtype":"F32","shape":[9000,9000],"data_offsets":[36000,36000]}}"#, payload: 36000)
        let r = try CLI.run(["trace", "--checkpoint", wide, "--input", input])
        XCTAssertEqual(r.status, 2, r.stderr)
        let long = try write("long.json", #"{"cell": "lstm", "inputs": "#
            + "[" + Array(repeating: "[[1,2,3]]", count: 100_001).joined(separator: ",") + "]"
            + #", "grad_outputs": [[[0,0,0,0]]]}"#)
        try assertBadInput(["trace", "--checkpoint", model, "--input", long], mentions: [long, "100000"])
    }

    func testUnknownWorkloadAndUsageErrorsExitWithTwo() throws {
        try assertBadInput(["bench", "--workload", "W9"], mentions: ["W9"])
        let r = try CLI.run(["trace", "--checkpoint"])
        XCTAssertEqual(r.status, 2)
    }
}
