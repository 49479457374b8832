/// What one live training step produced: cheap numbers every step, the Probe's snapshot on
/// request.
public struct LiveStep: Sendable {
    /// Mean training loss of the batch (of the TBPTT windows, under truncation).
    public var loss: Double
    /// Metrics read off the training batch at no extra cost ("accuracy" for token targets).
    public var metrics: [String: Double]
    /// True when gradient clipping changed the gradients.
    public var clipped: Bool
    /// True when the loss (or, when probed, a state or gradient) was NaN or infinite.
    public var nonFinite: Bool
    /// What the model looked like inside, when the step was probed.
    public var snapshot: ProbeSnapshot?

    public init(loss: Double, metrics: [String: Double], clipped: Bool, nonFinite: Bool, snapshot: ProbeSnapshot?) {
        self.loss = loss; self.metrics = metrics; self.clipped = clipped
        self.nonFinite = nonFinite; self.snapshot = snapshot
    }
}

/// A model in training that the notebook drives one step at a time, whatever its kind: a
/// `TrainingSession` (a recurrent stack with a head) or a `Seq2SeqSession` (encoder–decoder).
///
/// Everything shown alongside a snapshot (labels, neuron activations) describes the batch of
/// the last step and its probed row (`Probe.row`, row 0 by default).
public protocol LiveTraining: AnyObject {
    /// The recipe it was built from.
    var recipe: TrainingRecipe { get }
    /// Training steps (batches) taken since construction or the last `reset()`.
    var stepCount: Int { get }
    /// One training step on a fresh batch; `probe` also records a `ProbeSnapshot`.
    /// Unprobed steps of a warmed-up session make no heap allocation.
    func step(probe: Bool) -> LiveStep
    /// Loss ("loss") and the task's metrics on a fixed held-out batch.
    func evaluate() -> [String: Double]
    /// One short label per input step of the probed row: a character or token, or a feature
    /// value such as "0.42". Empty before the first step.
    var inputLabels: [String] { get }
    /// The target tokens of the probed row, one per decoder step (the attention matrix's rows);
    /// nil for models without a decoder.
    var outputLabels: [String]? { get }
    /// The probed row's input as text, for character models; nil otherwise.
    var probedText: String? { get }
    /// Activation of top-layer `unit` at every input step of the probed row, for models that
    /// read tokens (the neuron-text pane); nil for feature inputs or a unit out of range.
    func neuronActivations(unit: Int) -> [Float]?
    /// Re-initialises model, optimizer and data stream from the recipe's seed: step 0 again,
    /// and the same losses as the first time, bit for bit.
    func reset()
}

/// The live session for `recipe`: a `Seq2SeqSession` for sequence-to-sequence tasks, a
/// `TrainingSession` otherwise, both in Float.
/// - Throws: `InputError` naming the recipe field that is wrong.
public func makeLiveTraining(_ recipe: TrainingRecipe) throws -> any LiveTraining {
    try recipe.validate()
    if recipe.isSeq2Seq { return try Seq2SeqSession<Float>(recipe) }
    return try TrainingSession<Float>(recipe)
}

/// Short labels for the panes' time axes.
enum StepLabels {
    /// "0.42" (two decimals, or an exponent when large), without Foundation.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf") }
        if abs(x) >= 1000 { return String(Int(x.rounded())) }
        let scaled = Int((abs(x) * 100).rounded())
        let frac = scaled % 100
        return (x < 0 && scaled > 0 ? "-" : "") + "\(scaled / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
    }

    /// The name of token `id` in `symbols`, or its number.
    static func token(_ id: Int32, _ symbols: [String]) -> String {
        id >= 0 && Int(id) < symbols.count ? symbols[Int(id)] : "\(id)"
    }
}
