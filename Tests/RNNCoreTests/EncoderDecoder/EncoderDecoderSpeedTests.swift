import XCTest
@testable import RNNCore

/// anchors.py W4 in size: vocab 32, embedding 32, GRU hidden 64, additive attention, source and
/// target length 20, batch 32, teacher forcing, Adam. Prints ms per training step, and checks
/// that a warmed-up step keeps every buffer where it was (no regrowth).
final class EncoderDecoderSpeedTests: XCTestCase {
    func testW4SizedStep() throws {
        let V = 32, T = 20, B = 32
        let model = try EncoderDecoder<Float>(EncoderDecoderConfiguration(
            sourceVocabulary: V, targetVocabulary: V, embeddingSize: 32, hiddenSize: 64,
            cell: .gru, attention: .additive, sharedEmbedding: true))
        var rng = SeededRandom(seed: 0)
        model.resetParameters(rng: &rng)
        let adam = try Adam<Float>(learningRate: 1e-3)
        let source = (0..<(T * B)).map { _ in Int32(rng.int(V)) }
        let target = (0..<(T * B)).map { _ in Int32(rng.int(V)) }
        func step() {
            zeroGrad(model.parameters)
            source.withUnsafeBufferPointer { s in
                target.withUnsafeBufferPointer { y in
                    _ = model.forward(source: s.baseAddress!, sourceSteps: T, batch: B, decoderInputs: y.baseAddress!,
                                      decoderTargets: y.baseAddress!, decoderSteps: T)
                }
            }
            model.backward()
            adam.step(model.parameters)
        }
        #if DEBUG
        let warm = 1, reps = 1   // debug builds are for correctness; time in release
        #else
        let warm = 3, reps = 10
        #endif
        for _ in 0..<warm { step() }
        let buffers = [model.logits.data, model.states.data, model.attention!.weights.data, model.dXProj.data]
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<reps { step() }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6 / Double(reps)
        print("W4-sized encoder-decoder step: \(String(format: "%.2f", ms)) ms")
        XCTAssertEqual([model.logits.data, model.states.data, model.attention!.weights.data, model.dXProj.data], buffers)
    }
}
