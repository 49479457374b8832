extension BenchWorkload {
    /// W4, attention: vocabulary 32, one shared embedding 32, GRU encoder 64, GRU-cell decoder
    /// with additive (Bahdanau) attention, output layer over [h; context], source and target
    /// length 20, batch 32, teacher forcing, softmax cross-entropy, Adam 1e-3. As in anchors.py,
    /// the random target is both the decoder's input and what it is scored against.
    static func attentionSeq2Seq() throws -> BenchWorkload {
        let V = 32, T = 20, B = 32
        var rng = SeededRandom(seed: 4)
        let model = try EncoderDecoder<Float>(EncoderDecoderConfiguration(
            sourceVocabulary: V, targetVocabulary: V, embeddingSize: 32, hiddenSize: 64,
            cell: .gru, attention: .additive, sharedEmbedding: true))
        model.resetParameters(rng: &rng)
        let adam = try Adam<Float>(learningRate: 1e-3)
        let source = TokenBuffer(capacity: T * B), target = TokenBuffer(capacity: T * B)
        source.resize(T * B); target.resize(T * B)
        for i in 0..<T * B { source[i] = Int32(rng.int(V)); target[i] = Int32(rng.int(V)) }
        let params = model.parameters
        return BenchWorkload(name: "W4", summary: "attention: GRU 64 encoder-decoder, additive, T 20, B 32, Adam",
                             flopsPerStep: nil) {
            zeroGrad(params)
            model.forward(source: source.data, sourceSteps: T, batch: B, decoderInputs: target.data,
                          decoderTargets: target.data, decoderSteps: T)
            model.backward()
            adam.step(params)
        }
    }
}
