import RNNCore

/// What one training step reports to the notebook.
public struct StepOutcome: Sendable {
    public var loss: Double
    public var metrics: [String: Double]
    public var clipped: Bool
    public var nonFinite: Bool
    /// Present when the step was probed.
    public var snapshot: ProbeSnapshot?

    public init(loss: Double, metrics: [String: Double] = [:], clipped: Bool = false,
                nonFinite: Bool = false, snapshot: ProbeSnapshot? = nil) {
        self.loss = loss; self.metrics = metrics; self.clipped = clipped
        self.nonFinite = nonFinite; self.snapshot = snapshot
    }
}

/// The one thing the training thread needs from a model: take a step, optionally probed.
/// Kept this small so tests can drive the thread with a fake that is slow or goes NaN.
public protocol StepRunner: AnyObject {
    func runStep(probe: Bool) -> StepOutcome
}
