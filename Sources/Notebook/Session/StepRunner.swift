import RNNCore

/// What one training step reports to the notebook.
public struct StepOutcome: Sendable {
    public var loss: Double
    public var metrics: [String: Double]
    public var clipped: Bool
    public var nonFinite: Bool
    /// Present when the step was probed.
    public var snapshot: ProbeSnapshot?
    /// The words around a probed snapshot, read on the training thread with it.
    public var labels: ProbeLabels?

    public init(loss: Double, metrics: [String: Double] = [:], clipped: Bool = false,
                nonFinite: Bool = false, snapshot: ProbeSnapshot? = nil, labels: ProbeLabels? = nil) {
        self.loss = loss; self.metrics = metrics; self.clipped = clipped
        self.nonFinite = nonFinite; self.snapshot = snapshot; self.labels = labels
    }
}

/// Labels for the probed row: time-axis tokens, decoder targets, and the text itself.
public struct ProbeLabels: Sendable, Equatable {
    public var input: [String]
    public var output: [String]?
    public var text: String?
    public init(input: [String], output: [String]? = nil, text: String? = nil) {
        self.input = input; self.output = output; self.text = text
    }
}

/// The one thing the training thread needs from a model: take a step, optionally probed.
/// Kept this small so tests can drive the thread with a fake that is slow or goes NaN.
public protocol StepRunner: AnyObject {
    func runStep(probe: Bool) -> StepOutcome
}
