import XCTest
import RNNCore

/// Helpers for the task tests: flattening a batch for comparison, its storage addresses, and
/// consistency assertions shared by every task.
enum TaskFixtures {
    static let pangrams = """
        The quick brown fox jumps over the lazy dog.
        Pack my box with five dozen liquor jugs!
        How vexingly quick daft zebras jump; sphinx of black quartz, judge my vow.
        """

    /// Every value in the batch, in a fixed order, as Doubles (ids included).
    static func snapshot<S: BLASReal>(_ batch: SequenceBatch<S>) -> [Double] {
        var out: [Double] = [Double(batch.steps), Double(batch.batch), Double(batch.decoderSteps)]
        out += batch.inputs.array.map { Double($0) }
        out += batch.lossMask.array.map { Double($0) }
        out += batch.targets?.array.map { Double($0) } ?? [-9]
        out += batch.inputTokens?.map { Double($0) } ?? [-9]
        out += batch.targetTokens?.map { Double($0) } ?? [-9]
        out += batch.lengths.map { Double($0) }
        out += batch.decoderInputs?.array.map { Double($0) } ?? [-9]
        out += batch.decoderLossMask?.array.map { Double($0) } ?? [-9]
        out += batch.decoderInputTokens?.map { Double($0) } ?? [-9]
        out += batch.decoderTargetTokens?.map { Double($0) } ?? [-9]
        out += batch.decoderLengths.map { Double($0) }
        return out
    }

    /// Addresses of every buffer the batch owns.
    static func storage<S: BLASReal>(_ batch: SequenceBatch<S>) -> [UInt] {
        func address(_ p: UnsafeRawPointer?) -> UInt { UInt(bitPattern: p) }
        func tensor(_ t: Tensor<S>?) -> UInt { address(t.map { UnsafeRawPointer($0.data) }) }
        func array<E>(_ a: [E]?) -> UInt { address(a?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }) }
        return [
            tensor(batch.inputs), tensor(batch.lossMask), tensor(batch.targets),
            tensor(batch.decoderInputs), tensor(batch.decoderLossMask),
            array(batch.inputTokens), array(batch.targetTokens), array(batch.lengths),
            array(batch.decoderInputTokens), array(batch.decoderTargetTokens), array(batch.decoderLengths),
        ]
    }

    /// For classification: mask 1 exactly where the id is not -1. Regression: ids absent.
    static func assertMaskMatchesIds<S: BLASReal>(_ mask: Tensor<S>, _ ids: [Int32]?, _ name: String,
                                                  file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(mask.array.allSatisfy { $0 == 0 || $0 == 1 }, "\(name): mask must be 0/1", file: file, line: line)
        guard let ids else { return }
        XCTAssertEqual(ids.count, mask.count, name, file: file, line: line)
        for i in 0..<min(ids.count, mask.count) where (ids[i] >= 0) != (mask[i] == 1) {
            XCTFail("\(name): row \(i) has id \(ids[i]) but mask \(mask[i])", file: file, line: line)
            return
        }
    }

    /// Rows before a sequence's length are the one-hot of their id; rows after it are zero.
    static func assertOneHot<S: BLASReal>(_ x: Tensor<S>, ids: [Int32], lengths: [Int], batch: Int,
                                          _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let width = x.shape[2]
        for r in 0..<ids.count {
            let t = r / batch, b = r % batch
            let real = t < lengths[b]
            for f in 0..<width {
                let expected: S = real && f == Int(ids[r]) ? 1 : 0
                if x[r * width + f] != expected {
                    XCTFail("\(name): row t=\(t) b=\(b) feature \(f) is \(x[r * width + f])", file: file, line: line)
                    return
                }
            }
        }
    }

    /// A tensor of logits whose argmax is `ids[r]` on each row (class 0 where the id is -1).
    static func logits(for ids: [Int32], width: Int, shape: [Int]) -> Tensor<Double> {
        let t = Tensor<Double>(shape: shape)
        for r in 0..<ids.count { t[r * width + max(Int(ids[r]), 0)] = 5 }
        return t
    }

    /// A fresh empty directory for files a test writes.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rnnbook-tasks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
