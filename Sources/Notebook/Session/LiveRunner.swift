import RNNCore

/// Drives an RNNCore `LiveTraining` from the training thread, reading the probed row's labels
/// right after a probed step, on the same thread, so the frame never touches the model.
public final class LiveRunner: StepRunner {
    public let training: any LiveTraining

    public init(_ training: any LiveTraining) { self.training = training }

    public func runStep(probe: Bool) -> StepOutcome {
        let s = training.step(probe: probe)
        var outcome = StepOutcome(loss: s.loss, metrics: s.metrics, clipped: s.clipped,
                                  nonFinite: s.nonFinite, snapshot: s.snapshot)
        if probe {
            outcome.labels = ProbeLabels(input: training.inputLabels, output: training.outputLabels,
                                         text: training.probedText)
        }
        return outcome
    }
}

/// `compare NAME=V1,V2,…`: trains every variant in lock step. The first variant is the one the
/// panes show; the others' losses ride along as metrics named `loss NAME=V`, which the loss
/// pane can plot against it.
public final class CompareRunner: StepRunner {
    let primary: LiveRunner
    let others: [(label: String, runner: LiveRunner)]

    public init(primary: LiveRunner, others: [(label: String, runner: LiveRunner)]) {
        self.primary = primary; self.others = others
    }

    public func runStep(probe: Bool) -> StepOutcome {
        var outcome = primary.runStep(probe: probe)
        for (label, runner) in others {
            let o = runner.runStep(probe: false)
            outcome.metrics["loss \(label)"] = o.loss
            if o.nonFinite { outcome.metrics["nan \(label)"] = 1 }
        }
        return outcome
    }
}
