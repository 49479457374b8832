extension Probe {
    /// Captures an encoder–decoder step: the encoder's states, gates and ‖∂L/∂h_t‖ (switch on
    /// `model.encoder.recordGradNorms` before backward), the attention matrix of the chosen row
    /// (output step × input step), and every parameter's gradient norm.
    public func capture<Scalar: BLASReal>(step: Int, loss: Double, metrics: [String: Double],
                                          encoderDecoder model: EncoderDecoder<Scalar>, clip: ClipEvent?) -> ProbeSnapshot {
        var snap = ProbeSnapshot(step: step, loss: loss)
        snap.metrics = metrics
        let encoder = model.encoder
        let r = min(row, max(encoder.batch - 1, 0))
        snap.row = r
        snap.length = encoder.steps
        let layer = trace(encoder, layer: 0, direction: 0, row: r, length: encoder.steps)
        snap.layers = [layer]
        snap.gradHNorms = layer.gradHNorms
        snap.attention = model.attention?.alignmentRows(row: r)
        Self.recordGradients(&snap, loss: loss, parameters: model.namedParameters, clip: clip)
        latest = snap
        return snap
    }
}
