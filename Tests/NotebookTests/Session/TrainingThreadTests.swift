@testable import Notebook
import RNNCore
import XCTest

/// A model stand-in: loss falls by one per step, optionally slow, optionally NaN at a step.
private final class FakeRunner: StepRunner {
    var steps = 0
    let delay: TimeInterval
    let nanAt: Int?
    init(delay: TimeInterval = 0, nanAt: Int? = nil) { self.delay = delay; self.nanAt = nanAt }
    func runStep(probe: Bool) -> StepOutcome {
        steps += 1
        if delay > 0 { Thread.sleep(forTimeInterval: delay) }
        let bad = steps == nanAt
        var snapshot: ProbeSnapshot?
        if probe { snapshot = ProbeSnapshot(step: steps, loss: Double(100 - steps)); snapshot?.gradHNorms = [1, 2] }
        return StepOutcome(loss: bad ? .nan : Double(100 - steps), nonFinite: bad, snapshot: snapshot)
    }
}

final class TrainingThreadTests: XCTestCase {
    private func waitUntil(_ what: String, timeout: TimeInterval = 5, _ done: () -> Bool) {
        let end = Date().addingTimeInterval(timeout)
        while !done() && Date() < end { Thread.sleep(forTimeInterval: 0.002) }
        XCTAssertTrue(done(), "timed out waiting for \(what)")
    }

    func testQueuedStepsRunThenPauseWithTheLastOneProbed() {
        let thread = TrainingThread(runner: FakeRunner())
        thread.start(); defer { thread.stop() }
        thread.queue(steps: 5)
        waitUntil("5 steps") { thread.snapshot.step == 5 && thread.snapshot.pendingSteps == 0 }
        let feed = thread.snapshot
        XCTAssertFalse(feed.running)
        XCTAssertEqual(feed.history.map(\.loss), [99, 98, 97, 96, 95])
        XCTAssertEqual(feed.latest?.step, 5)
        Thread.sleep(forTimeInterval: 0.05)
        XCTAssertEqual(thread.snapshot.step, 5, "a paused thread must not train")
    }

    func testNaNPausesWithAMessage() {
        let thread = TrainingThread(runner: FakeRunner(nanAt: 3))
        thread.start(); defer { thread.stop() }
        thread.setRunning(true)
        waitUntil("halt") { thread.snapshot.haltReason != nil }
        let feed = thread.snapshot
        XCTAssertEqual(feed.step, 3)
        XCTAssertFalse(feed.running)
        XCTAssertEqual(feed.haltReason, "NaN or Inf at step 3: training paused")
    }

    func testASlowStepNeverBlocksReadingTheFeed() {
        let thread = TrainingThread(runner: FakeRunner(delay: 0.3))
        thread.start(); defer { thread.stop() }
        thread.queue(steps: 1)
        Thread.sleep(forTimeInterval: 0.05)  // the step is now running
        let start = Date()
        _ = thread.snapshot
        XCTAssertLessThan(Date().timeIntervalSince(start), 0.05)
    }

    func testReplaceStartsAgainAtStepZeroAndRateLimitHolds() {
        let thread = TrainingThread(runner: FakeRunner())
        thread.start(); defer { thread.stop() }
        thread.queue(steps: 3)
        waitUntil("3 steps") { thread.snapshot.step == 3 }
        thread.replace { FakeRunner() }
        waitUntil("reset") { thread.snapshot.step == 0 }
        thread.stepsPerSecondLimit = 20
        thread.setRunning(true)
        Thread.sleep(forTimeInterval: 0.5)
        thread.setRunning(false)
        let steps = thread.snapshot.step
        XCTAssertGreaterThan(steps, 3)
        XCTAssertLessThan(steps, 16, "20 steps/s for 0.5 s")
    }

    func testHeadlessRunRecordsTheSameWay() {
        let thread = TrainingThread(runner: FakeRunner())
        thread.runNow(steps: 4)
        XCTAssertEqual(thread.snapshot.step, 4)
        XCTAssertEqual(thread.snapshot.latest?.step, 4)
        XCTAssertEqual(thread.snapshot.gradientHistory.norms, [[1, 2]])
    }
}
