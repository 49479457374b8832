import RNNCore

/// One point of the loss curve.
public struct HistoryPoint: Equatable, Sendable {
    public var step: Int
    public var loss: Double
    public var metrics: [String: Double]
    public var clipped: Bool
}

/// Everything the screen shows about training, published by the training thread and read by
/// the frame loop. A plain value: the frame copies it (cheaply, arrays are copy-on-write).
public struct TrainingFeed: Sendable {
    /// Training steps taken since the last reset.
    public var step = 0
    public var running = false
    /// Steps still queued by `:run N` or `.`.
    public var pendingSteps = 0
    public var history: [HistoryPoint] = []
    /// ‖∂L/∂h_t‖ per probed step, oldest first, at most `gradientHistoryLimit` rows.
    public var gradientHistory: [[Double]] = []
    public var gradientHistoryClipped: [Bool] = []
    public var latest: ProbeSnapshot?
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
        history.append(HistoryPoint(step: step, loss: outcome.loss, metrics: outcome.metrics, clipped: outcome.clipped))
        if let snapshot = outcome.snapshot {
            latest = snapshot
            if gradientHistory.count >= Self.gradientHistoryLimit {
                gradientHistory.removeFirst(); gradientHistoryClipped.removeFirst()
            }
            gradientHistory.append(snapshot.gradHNorms)
            gradientHistoryClipped.append(snapshot.clipped)
        }
    }

    /// Keeps every other point of the older half, so a long run keeps its whole shape in
    /// bounded memory while recent steps stay at full resolution.
    private mutating func thinHistory() {
        let half = history.count / 2
        var kept: [HistoryPoint] = []
        kept.reserveCapacity(history.count)
        for (i, p) in history[..<half].enumerated() where i % 2 == 0 { kept.append(p) }
        kept.append(contentsOf: history[half...])
        history = kept
    }
}
