import Panes
import RNNCore

/// Everything the screen shows about training, published by the training thread and read by
/// the frame loop. A plain value: the frame copies it (cheaply, arrays are copy-on-write).
public struct TrainingFeed: Sendable {
    /// Training steps taken since the last reset.
    public var step = 0
    public var running = false
    /// Steps still queued by `:run N` or `.`.
    public var pendingSteps = 0
    /// The loss curve, one point per step (older points thinned on long runs).
    public var history: [LossPoint] = []
    /// ‖∂L/∂h_t‖ per probed step, oldest first.
    public var gradientHistory = GradientHistory(capacity: TrainingFeed.gradientHistoryLimit)
    public var latest: ProbeSnapshot?
    public var labels: ProbeLabels?
    /// Measured over the last second of training.
    public var stepsPerSecond = 0.0
    /// Why training stopped on its own (NaN, an error), for the status bar.
    public var haltReason: String?
    /// Bumped on every publish, so the frame loop redraws only when something changed.
    public var version = 0

    public static let historyLimit = 20_000
    public static let gradientHistoryLimit = 240

    public init() {}

    mutating func record(_ outcome: StepOutcome) {
        step += 1
        if history.count >= Self.historyLimit { thinHistory() }
        history.append(LossPoint(step: step, loss: outcome.loss, metrics: outcome.metrics))
        if let snapshot = outcome.snapshot {
            latest = snapshot
            labels = outcome.labels ?? labels
            gradientHistory.record(snapshot)
        }
    }

    /// Keeps every other point of the older half, so a long run keeps its whole shape in
    /// bounded memory while recent steps stay at full resolution.
    private mutating func thinHistory() {
        let half = history.count / 2
        var kept: [LossPoint] = []
        kept.reserveCapacity(history.count)
        for (i, p) in history[..<half].enumerated() where i % 2 == 0 { kept.append(p) }
        kept.append(contentsOf: history[half...])
        history = kept
    }
}
