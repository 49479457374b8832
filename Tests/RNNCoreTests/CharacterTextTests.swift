import XCTest
@testable import RNNCore

final class CharacterTextTests: XCTestCase {
    func testWindowsPredictTheNextCharacter() throws {
        let task = try CharacterText(text: TaskFixtures.pangrams, length: 16)
        XCTAssertEqual(task.characters, task.characters.sorted { $0.value < $1.value })
        XCTAssertEqual(task.decode(task.corpus), TaskFixtures.pangrams)
        var rng = SeededRandom(seed: 31)
        let batch: SequenceBatch<Float> = task.makeBatch(size: 10, rng: &rng)
        let inputs = try XCTUnwrap(batch.inputTokens), targets = try XCTUnwrap(batch.targetTokens)
        for b in 0..<10 {
            let x = task.decode((0..<16).map { inputs[batch.index(t: $0, b: b)] })
            let y = task.decode((0..<16).map { targets[batch.index(t: $0, b: b)] })
            XCTAssertEqual(String(x.unicodeScalars.dropFirst()), String(y.unicodeScalars.dropLast()))
            XCTAssertTrue(TaskFixtures.pangrams.contains(x + String(y.unicodeScalars.last!)), "a real window")
        }
    }

    func testCrossEntropyOfUniformLogitsIsLogV() throws {
        let task = try CharacterText(text: TaskFixtures.pangrams, length: 8)
        var rng = SeededRandom(seed: 32)
        let batch: SequenceBatch<Double> = task.makeBatch(size: 3, rng: &rng)
        let uniform = Tensor<Double>(shape: [8, 3, task.vocabulary], repeating: 0.25)
        let m = task.metrics(predictions: uniform, batch: batch)
        XCTAssertEqual(m["crossEntropy"] ?? -1, Double.log(Double(task.vocabulary)), accuracy: 1e-12)
        XCTAssertEqual(m["bitsPerChar"] ?? -1, Double.log2(Double(task.vocabulary)), accuracy: 1e-12)
        let sure = TaskFixtures.logits(for: batch.targetTokens!, width: task.vocabulary,
                                       shape: [8, 3, task.vocabulary])
        for i in 0..<sure.count { sure[i] *= 10 }
        XCTAssertLessThan(task.metrics(predictions: sure, batch: batch)["crossEntropy"]!, 1e-10)
    }

    func testBadFilesThrowInputErrorsNamingTheFile() throws {
        let dir = try TaskFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.txt").path
        let binary = dir.appendingPathComponent("latin1.txt").path
        let bomOnly = dir.appendingPathComponent("bom.txt").path
        let short = dir.appendingPathComponent("short.txt").path
        let missing = dir.appendingPathComponent("missing.txt").path
        try Data().write(to: URL(fileURLWithPath: empty))
        try Data([0x63, 0x61, 0x66, 0xE9, 0x20, 0x6F, 0x6B]).write(to: URL(fileURLWithPath: binary))  // "café ok" in Latin-1
        try Data([0xEF, 0xBB, 0xBF]).write(to: URL(fileURLWithPath: bomOnly))
        try Data("abc".utf8).write(to: URL(fileURLWithPath: short))
        let cases = [
            (missing, "no such file"), (dir.path, "directory"), (empty, "empty"),
            (binary, "UTF-8"), (bomOnly, "empty"), (short, "fewer than"),
        ]
        for (path, words) in cases {
            do {
                _ = try CharacterText(contentsOfFile: path, length: 10)
                XCTFail("\(path) should not load")
            } catch let error as InputError {
                XCTAssertEqual(error.file, path)
                XCTAssertTrue(error.description.hasPrefix(path), error.description)
                XCTAssertTrue(error.description.contains(words), error.description)
                XCTAssertFalse(error.description.contains("\n"), "one line")
            }
        }
    }

    func testLoadsAFileAndDropsAByteOrderMark() throws {
        let dir = try TaskFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("tiny.txt")
        try Data([0xEF, 0xBB, 0xBF] + Array("naïve café, naïve!".utf8)).write(to: url)
        let task = try CharacterText(contentsOfFile: url.path, length: 5)
        XCTAssertEqual(task.name, "tiny")
        XCTAssertEqual(task.decode(task.corpus), "naïve café, naïve!")
        XCTAssertNil(task.id(of: "\u{FEFF}"))
        XCTAssertEqual(task.vocabulary, Set("naïve café, naïve!".unicodeScalars).count)
    }

    /// The shipped corpora load, are large enough to be worth training on, and look like
    /// English prose or verse.
    func testShippedCorporaLoad() throws {
        let corpora = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Assets/corpora")
        let files = try FileManager.default.contentsOfDirectory(atPath: corpora.path).filter { $0.hasSuffix(".txt") }
        XCTAssertFalse(files.isEmpty)
        var total = 0
        for file in files {
            let task = try CharacterText(contentsOfFile: corpora.appendingPathComponent(file).path, length: 100)
            total += task.corpus.count
            XCTAssertLessThan(task.vocabulary, 100, file)
            let text = task.decode(task.corpus)
            let words = text.split(whereSeparator: { !$0.isLetter }).map { $0.lowercased() }
            let common = words.filter { ["the", "and", "of", "to"].contains($0) }.count
            XCTAssertGreaterThan(Double(common) / Double(words.count), 0.05, "\(file) reads like English")
        }
        XCTAssertGreaterThan(total, 50_000)
    }
}
