import XCTest
@testable import RNNCore

/// Properties every task must have: repeatable from a seed, consistent shapes, masks and
/// one-hot rows, padding that is really empty, and refills that reuse storage.
final class TaskTests: XCTestCase {
    static func allTasks() throws -> [any SequenceTask] {
        [
            try AddingProblem(length: 30),
            try CopyMemory(symbols: 5, copyLength: 4, delay: 12),
            try CopyMemory(symbols: 5, copyLength: 4, delay: 12, scoreRecallOnly: true),
            try SequenceReversal(symbols: 6, lengths: 3...9),
            try DateTranslation(),
            try SineWave(length: 25),
            try SineWave(length: 25, noise: 0.2, noisyTargets: true),
            try MackeyGlassTask(length: 40, seriesLength: 2000),
            try MarkerLater(length: 15),
            try PaddedSequences(rule: .parity, lengths: 4...11),
            try PaddedSequences(rule: .sumSign, lengths: 1...7),
            try CharacterText(text: TaskFixtures.pangrams, length: 20),
        ]
    }

    func testSameSeedSameBatchesDifferentSeedDifferentBatches() throws {
        for task in try Self.allTasks() {
            var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7), c = SeededRandom(seed: 8)
            for _ in 0..<3 {   // several consecutive batches, not only the first
                let x = TaskFixtures.snapshot(task.makeBatch(size: 6, rng: &a, as: Float.self))
                let y = TaskFixtures.snapshot(task.makeBatch(size: 6, rng: &b, as: Float.self))
                let z = TaskFixtures.snapshot(task.makeBatch(size: 6, rng: &c, as: Float.self))
                XCTAssertEqual(x, y, "\(task.name): same seed, different batch")
                XCTAssertNotEqual(x, z, "\(task.name): different seeds, same batch")
            }
        }
    }

    func testShapesMatchTheTaskDescription() throws {
        for task in try Self.allTasks() {
            var rng = SeededRandom(seed: 1)
            let batch: SequenceBatch<Double> = task.makeBatch(size: 5, rng: &rng)
            let t = task.steps, n = 5
            XCTAssertEqual(batch.steps, t, task.name)
            XCTAssertEqual(batch.batch, n, task.name)
            XCTAssertEqual(batch.inputs.shape, [t, n, task.inputSize], task.name)
            XCTAssertEqual(batch.lossMask.shape, [t, n], task.name)
            XCTAssertEqual(batch.lengths.count, n, task.name)
            XCTAssertTrue(batch.lengths.allSatisfy { $0 >= 1 && $0 <= t }, task.name)
            switch task.kind {
            case .regression:
                XCTAssertEqual(batch.targets?.shape, [t, n, task.outputSize], task.name)
                XCTAssertNil(batch.targetTokens, task.name)
            case .classification(let classes):
                XCTAssertEqual(classes, task.outputSize, task.name)
                XCTAssertNil(batch.targets, task.name)
                XCTAssertEqual(batch.targetTokens?.count, t * n, task.name)
            case .seq2seq(let source, let target):
                XCTAssertEqual(source, task.inputSize, task.name)
                XCTAssertEqual(target, task.outputSize, task.name)
                let td = batch.decoderSteps
                XCTAssertGreaterThan(td, 0, task.name)
                XCTAssertEqual(batch.decoderInputs?.shape, [td, n, target], task.name)
                XCTAssertEqual(batch.decoderLossMask?.shape, [td, n], task.name)
                XCTAssertEqual(batch.decoderInputTokens?.count, td * n, task.name)
                XCTAssertEqual(batch.decoderTargetTokens?.count, td * n, task.name)
                XCTAssertEqual(batch.decoderLengths.count, n, task.name)
            }
            if let tokens = batch.inputTokens {
                XCTAssertEqual(tokens.count, t * n, task.name)
                XCTAssertTrue(tokens.allSatisfy { $0 >= 0 && Int($0) < task.inputSize }, task.name)
            }
            if !task.inputSymbols.isEmpty { XCTAssertEqual(task.inputSymbols.count, task.inputSize, task.name) }
            if !task.outputSymbols.isEmpty { XCTAssertEqual(task.outputSymbols.count, task.outputSize, task.name) }
        }
    }

    func testMasksAgreeWithTargetsAndOneHotRowsWithIds() throws {
        for task in try Self.allTasks() {
            var rng = SeededRandom(seed: 2)
            let batch: SequenceBatch<Float> = task.makeBatch(size: 7, rng: &rng)
            TaskFixtures.assertMaskMatchesIds(batch.lossMask, batch.targetTokens, task.name)
            if let dMask = batch.decoderLossMask {
                TaskFixtures.assertMaskMatchesIds(dMask, batch.decoderTargetTokens, task.name + " decoder")
                XCTAssertEqual(batch.lossMask.array.reduce(0, +), 0, "\(task.name): encoder is never scored")
                if let dIn = batch.decoderInputs, let ids = batch.decoderInputTokens {
                    TaskFixtures.assertOneHot(dIn, ids: ids, lengths: batch.decoderLengths, batch: 7, task.name)
                }
            }
            if let ids = batch.inputTokens {
                TaskFixtures.assertOneHot(batch.inputs, ids: ids, lengths: batch.lengths, batch: 7, task.name)
            }
            XCTAssertGreaterThan(batch.lossMask.array.reduce(0, +) + (batch.decoderLossMask?.array.reduce(0, +) ?? 0),
                                 0, "\(task.name): something must be scored")
        }
    }

    func testPaddingIsEmptyAndUnscored() throws {
        for task in try Self.allTasks() {
            var rng = SeededRandom(seed: 3)
            let batch: SequenceBatch<Double> = task.makeBatch(size: 9, rng: &rng)
            let width = task.inputSize
            for b in 0..<9 {
                for t in batch.lengths[b]..<batch.steps {
                    let i = batch.index(t: t, b: b)
                    for f in 0..<width { XCTAssertEqual(batch.inputs[i * width + f], 0, "\(task.name) t=\(t)") }
                    XCTAssertEqual(batch.lossMask[i], 0, task.name)
                    if let ids = batch.inputTokens { XCTAssertEqual(ids[i], 0, "\(task.name): pad id") }
                    if let ids = batch.targetTokens { XCTAssertEqual(ids[i], -1, task.name) }
                }
                guard let mask = batch.decoderLossMask else { continue }
                for t in batch.decoderLengths[b]..<batch.decoderSteps {
                    XCTAssertEqual(mask[batch.index(t: t, b: b)], 0, task.name)
                    XCTAssertEqual(batch.decoderTargetTokens?[batch.index(t: t, b: b)], -1, task.name)
                }
            }
        }
    }

    /// Refilling keeps every buffer: same tensor storage, same array storage, also when the
    /// batch shrinks. (Growing past the largest size seen is the only time fill allocates.)
    func testRefillReusesStorage() throws {
        for task in try Self.allTasks() {
            var rng = SeededRandom(seed: 4)
            let batch: SequenceBatch<Float> = task.makeBatch(size: 12, rng: &rng)
            let before = TaskFixtures.storage(batch)
            for size in [12, 5, 12] {
                task.fill(batch, size: size, rng: &rng)
                XCTAssertEqual(TaskFixtures.storage(batch), before, "\(task.name): refill moved storage")
            }
        }
    }

    func testRefillAfterShrinkingClearsStaleValues() throws {
        for task in try Self.allTasks() {
            var a = SeededRandom(seed: 5), b = SeededRandom(seed: 5)
            let reused: SequenceBatch<Double> = task.makeBatch(size: 10, rng: &a)
            a = SeededRandom(seed: 6)
            task.fill(reused, size: 4, rng: &a)
            b = SeededRandom(seed: 6)
            let fresh: SequenceBatch<Double> = task.makeBatch(size: 4, rng: &b)
            XCTAssertEqual(TaskFixtures.snapshot(reused), TaskFixtures.snapshot(fresh), task.name)
        }
    }

    func testBadParametersThrowInputErrorsNamingTheParameter() {
        func place(_ make: () throws -> Any) -> String? {
            do { _ = try make(); return nil } catch let e as InputError { return e.place } catch { return "?" }
        }
        XCTAssertEqual(place { try AddingProblem(length: 1) }, "length")
        XCTAssertEqual(place { try AddingProblem(length: 1_000_000) }, "length")
        XCTAssertEqual(place { try CopyMemory(symbols: 1) }, "symbols")
        XCTAssertEqual(place { try SequenceReversal(lengths: 0...3) }, "lengths")
        XCTAssertEqual(place { try DateTranslation(years: 1900...2100) }, "years")
        XCTAssertEqual(place { try DateTranslation(formats: []) }, "formats")
        XCTAssertEqual(place { try SineWave(noise: -1) }, "noise")
        XCTAssertEqual(place { try SineWave(noise: .nan) }, "noise")
        XCTAssertEqual(place { try MackeyGlassTask(length: 100, seriesLength: 50) }, "seriesLength")
        XCTAssertEqual(place { try MarkerLater(markerProbability: 2) }, "markerProbability")
        XCTAssertEqual(place { try TaskCheck.batchSize(0) }, "batch")
        XCTAssertNil(place { try DateTranslation(years: 1900...2100, formats: [.dotted]) })
    }
}
