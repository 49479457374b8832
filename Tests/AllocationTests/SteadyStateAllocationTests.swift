import XCTest
import RNNCore
import _MallocCounter

/// Once warmed up, a training step touches no heap: every buffer it needs already exists.
/// Each benchmark workload is stepped a few times, then counted over ten more steps.
final class SteadyStateAllocationTests: XCTestCase {
    func allocations(during steps: Int, of step: () -> Void) -> UInt64 {
        for _ in 0..<5 { step() }
        let before = rnnbook_malloc_count()
        rnnbook_malloc_counting(1)
        for _ in 0..<steps { step() }
        rnnbook_malloc_counting(0)
        return rnnbook_malloc_count() - before
    }

    func testCounterSeesAllocations() {
        // The counter itself must work, or the zeros below would mean nothing.
        let n = allocations(during: 5) { _ = Array(repeating: UInt8(0), count: 1000 + Int.random(in: 0...9)) }
        XCTAssertGreaterThanOrEqual(n, 5)
    }

    // W3 runs the same LSTM code as W1 at a size that takes seconds per step, so it is left out.
    func testBenchmarkWorkloadsAllocateNothingPerStep() throws {
        setBLASThreads(1)
        for name in ["W0", "W1", "W2", "W4"] {
            let w = try BenchWorkload.make(name)
            XCTAssertEqual(allocations(during: 10, of: w.step), 0, "\(name) allocated in a warmed-up step")
        }
    }

    // With two threads, W1's LSTM splits its batch across rnnbook's helper thread.
    func testTwoThreadStepsAllocateNothing() throws {
        setBLASThreads(2)
        defer { setBLASThreads(1) }
        let w = try BenchWorkload.make("W1")
        XCTAssertEqual(allocations(during: 5, of: w.step), 0, "W1 allocated in a warmed-up two-thread step")
    }

    func testRegularisedSessionStepAllocatesNothing() throws {
        var recipe = TrainingRecipe()
        recipe.task = "adding"; recipe.seqLen = 20; recipe.cell = .gru; recipe.layers = 2
        recipe.bidirectional = true; recipe.dropout = 0.3; recipe.clip = 1; recipe.batch = 8
        let session = try TrainingSession<Float>(recipe)
        for l in session.model.stack.layers.flatMap({ $0 }) { l.recurrentDropout = 0.2; l.zoneout = 0.1 }
        XCTAssertEqual(allocations(during: 10) { session.step() }, 0, "an unprobed step allocated")
    }

    func testLiveSessionStepsAllocateNothing() throws {
        var recipe = TrainingRecipe()
        recipe.task = "marker-later"; recipe.seqLen = 20; recipe.cell = .rnn_tanh; recipe.batch = 8
        recipe.initializer = "orthogonal"; recipe.radius = 0.9; recipe.clip = 1
        var truncated = recipe
        truncated.task = "adding"; truncated.tbptt = 6
        var reverse = TrainingRecipe()
        reverse.task = "reverse"; reverse.cell = .gru; reverse.hidden = 16; reverse.batch = 8
        reverse.teacherForcing = 0.5; reverse.clip = 5
        for r in [recipe, truncated, reverse] {
            let session = try makeLiveTraining(r)
            XCTAssertEqual(allocations(during: 10) { _ = session.step(probe: false) }, 0,
                           "an unprobed \(r.task) step allocated")
        }
    }
}
