import Foundation
import RNNCore

/// Trains on its own thread so a slow model can never make the screen less responsive: the
/// frame loop only reads the latest `TrainingFeed` and sends commands, both under one lock.
///
/// The same object also trains synchronously (`runNow`) for `render` and `run`, through the
/// same step-and-record code, so a headless frame shows exactly what the live one would.
public final class TrainingThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var runner: StepRunner
    private var feed = TrainingFeed()
    private var rebuild: (() throws -> StepRunner)?
    private var targetRate: Double?
    private var stopping = false
    private var thread: Thread?
    /// Probe at most this often while running fast: a frame cannot show more.
    private let probeInterval = 1.0 / 30
    private var lastProbe = 0.0
    /// Steps counted since `rateWindowStart`, for the steps-per-second readout.
    private var rateWindowStart = 0.0, rateWindowCount = 0
    private var lastStepEnd: Double?

    public init(runner: StepRunner) { self.runner = runner }

    /// A copy of what training looks like now.
    public var snapshot: TrainingFeed { condition.lock(); defer { condition.unlock() }; return feed }

    /// Steps per second the user asked for with + and -; nil means as fast as it goes.
    public var stepsPerSecondLimit: Double? {
        get { condition.lock(); defer { condition.unlock() }; return targetRate }
        set { condition.lock(); targetRate = newValue; condition.signal(); condition.unlock() }
    }

    public func start() {
        guard thread == nil else { return }
        let t = Thread { [weak self] in self?.loop() }
        t.name = "rnnbook-training"
        t.stackSize = 8 << 20
        thread = t
        t.start()
    }

    public func stop() {
        condition.lock(); stopping = true; condition.signal(); condition.unlock()
    }

    public func setRunning(_ on: Bool) {
        condition.lock()
        feed.running = on
        if on { feed.haltReason = nil }
        feed.version += 1
        condition.signal(); condition.unlock()
    }

    /// Queues `n` steps, then pauses (`:run N`, and `.` for one).
    public func queue(steps n: Int) {
        condition.lock()
        feed.pendingSteps += n
        feed.haltReason = nil
        feed.version += 1
        condition.signal(); condition.unlock()
    }

    /// Replaces the model (after `:set` or `r`); history starts again at step 0.
    public func replace(with make: @escaping () throws -> StepRunner) {
        condition.lock(); rebuild = make; condition.signal(); condition.unlock()
    }

    /// Swaps the model on the calling thread, for headless use before `runNow`.
    public func replaceNow(_ runner: StepRunner) {
        condition.lock(); self.runner = runner; feed = TrainingFeed(); condition.unlock()
    }

    /// The model now being trained.
    public var currentRunner: StepRunner { condition.lock(); defer { condition.unlock() }; return runner }

    /// Trains `n` steps on the calling thread, probing the last one. For headless use; do not
    /// mix with `start()`.
    public func runNow(steps n: Int, probeEvery: Int = 0, each: ((TrainingFeed, StepOutcome) -> Void)? = nil) {
        for i in 0..<n {
            let probe = i == n - 1 || (probeEvery > 0 && (i + 1) % probeEvery == 0)
            let outcome = runner.runStep(probe: probe)
            feed.record(outcome)
            feed.version += 1
            each?(feed, outcome)
            if outcome.nonFinite { feed.haltReason = Self.nanMessage(feed.step); break }
        }
    }

    static func nanMessage(_ step: Int) -> String { "NaN or Inf at step \(step): training paused" }

    private func loop() {
        condition.lock()
        while !stopping {
            if let make = rebuild {
                rebuild = nil
                condition.unlock()
                let result = Result { try make() }
                condition.lock()
                switch result {
                case .success(let r):
                    runner = r
                    let running = feed.running
                    feed = TrainingFeed(); feed.running = running; feed.version = Int.random(in: 1...1 << 30)
                case .failure(let e):
                    feed.haltReason = "\(e)"; feed.running = false; feed.version += 1
                }
                continue
            }
            guard feed.running || feed.pendingSteps > 0 else { condition.wait(); continue }
            let now = Date().timeIntervalSinceReferenceDate
            if feed.running, feed.pendingSteps == 0, let rate = targetRate, let last = lastStepEnd,
               now - last < 1 / rate {
                condition.wait(until: Date(timeIntervalSinceReferenceDate: last + 1 / rate))
                continue
            }
            let lastQueued = feed.pendingSteps == 1 && !feed.running
            let probe = lastQueued || now - lastProbe >= probeInterval
            let current = runner
            condition.unlock()
            let outcome = current.runStep(probe: probe)
            let done = Date().timeIntervalSinceReferenceDate
            condition.lock()
            guard current === runner, rebuild == nil else { continue }  // replaced meanwhile
            if probe { lastProbe = done }
            feed.record(outcome)
            if feed.pendingSteps > 0 { feed.pendingSteps -= 1 }
            lastStepEnd = done
            rateWindowCount += 1
            if done - rateWindowStart >= 0.5 {
                feed.stepsPerSecond = rateWindowStart == 0 ? 0 : Double(rateWindowCount) / (done - rateWindowStart)
                rateWindowStart = done; rateWindowCount = 0
            }
            if outcome.nonFinite {
                feed.running = false; feed.pendingSteps = 0
                feed.haltReason = Self.nanMessage(feed.step)
            }
            feed.version += 1
        }
        condition.unlock()
    }
}
