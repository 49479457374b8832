import Foundation
import XCTest
import RNNCore

/// `trace` against PyTorch: every fixture was made once by Tools/make_trace_fixtures.py from
/// nn.RNN / nn.LSTM / nn.GRU, and each number must agree within 1e-5 relative error.
final class TraceTests: XCTestCase {
    func fixtureNames() throws -> [String] {
        let dir = try SafetensorsTestSupport.fixturePath("trace")
        return try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { !$0.hasSuffix(".md") }.sorted()
    }

    func testEveryFixtureMatchesPyTorch() throws {
        let names = try fixtureNames()
        XCTAssertGreaterThanOrEqual(names.count, 16)
        for name in names {
            let dir = try SafetensorsTestSupport.fixturePath("trace/\(name)")
            let source = try SafetensorsFile.read(path: dir + "/model.safetensors")
            let input = try Trace.readInput(path: dir + "/input.json")
            let got = try Trace.run(checkpoint: source, input: input, inputPath: dir + "/input.json")
            let expected = try readJSONObject(path: dir + "/expected.json")
            var keys = ["outputs", "h_n", "grads", "grad_h_norms"]
            if input.cell == .lstm { keys.append("c_n") }
            for key in keys {
                var worst = 0.0
                try compare(got[key] as Any, expected[key] as Any, path: "\(name).\(key)", worst: &worst)
                XCTAssertLessThanOrEqual(worst, 1e-5, "\(name) \(key): worst relative error \(worst)")
            }
            XCTAssertEqual(got["c_n"] != nil, input.cell == .lstm, name)
        }
    }

    /// Walks two JSON values of the same structure, tracking the worst relative difference.
    func compare(_ a: Any, _ b: Any, path: String, worst: inout Double) throws {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            XCTAssertEqual(Set(x.keys), Set(y.keys), path)
            for (k, v) in y { try compare(x[k] as Any, v, path: path + "." + k, worst: &worst) }
        case (let x as [Any], let y as [Any]):
            XCTAssertEqual(x.count, y.count, path)
            for (i, (u, v)) in zip(x, y).enumerated() { try compare(u, v, path: "\(path)[\(i)]", worst: &worst) }
        default:
            let x = try XCTUnwrap((a as? NSNumber)?.doubleValue ?? (a as? Double), path)
            let y = try XCTUnwrap((b as? NSNumber)?.doubleValue, path)
            worst = max(worst, abs(x - y) / max(abs(y), 1e-6))
        }
    }

    func testShapeMismatchesAreInputErrors() throws {
        let dir = try SafetensorsTestSupport.fixturePath("trace/gru_l2_bi")
        let source = try SafetensorsFile.read(path: dir + "/model.safetensors")
        // The GRU checkpoint read as an LSTM: every gate block has the wrong height.
        var input = try Trace.readInput(path: dir + "/input.json")
        input.cell = .lstm
        SafetensorsTestSupport.assertInputError(path: dir + "/model.safetensors", mentions: ["weight_ih_l0", "shape"]) {
            _ = try Trace.run(checkpoint: source, input: input, inputPath: "in.json")
        }
    }
}
