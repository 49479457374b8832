@testable import RNNCore

/// A tiny seq2seq problem: Ts = 4 source steps (row 1 only 2 long), Td = 3 decoder steps (row 1's
/// last step not scored), B = 2.
struct Seq2SeqFixture {
    let Ts = 4, Td = 3, B = 2
    var source: [Int32] = []
    var lengths = [4, 2]
    var decoderInputs: [Int32] = []
    var targets: [Int32] = []
    var mask: [Double] = []

    init(sourceVocabulary: Int, targetVocabulary: Int, seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        source = (0..<(Ts * B)).map { _ in Int32(rng.int(sourceVocabulary)) }
        decoderInputs = (0..<(Td * B)).map { _ in Int32(rng.int(targetVocabulary)) }
        targets = (0..<(Td * B)).map { _ in Int32(rng.int(targetVocabulary)) }
        mask = Array(repeating: 1, count: Td * B)
        targets[(Td - 1) * B + 1] = -1
        mask[(Td - 1) * B + 1] = 0
    }

    @discardableResult
    func forward<Scalar: BLASReal>(_ model: EncoderDecoder<Scalar>, ratio: Double = 1, mask: [Scalar]) -> LossResult {
        source.withUnsafeBufferPointer { s in
            decoderInputs.withUnsafeBufferPointer { d in
                targets.withUnsafeBufferPointer { y in
                    mask.withUnsafeBufferPointer { m in
                        model.forward(source: s.baseAddress!, sourceSteps: Ts, batch: B, sourceLengths: lengths,
                                      decoderInputs: d.baseAddress!, decoderTargets: y.baseAddress!,
                                      decoderSteps: Td, decoderMask: m.baseAddress!, teacherForcingRatio: ratio)
                    }
                }
            }
        }
    }
}

func tinyConfiguration(cell: CellKind, attention: AttentionKind?, shared: Bool = false) -> EncoderDecoderConfiguration {
    EncoderDecoderConfiguration(sourceVocabulary: shared ? 6 : 5, targetVocabulary: 6, embeddingSize: 3,
                                hiddenSize: 4, cell: cell, attention: attention, attentionWidth: 5,
                                sharedEmbedding: shared)
}
