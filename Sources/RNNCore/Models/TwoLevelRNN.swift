/// A two-level (hierarchical) RNN classifier for sequences made of equal-length segments:
/// a low-level RNN reads each segment on its own, and a high-level RNN reads the segments'
/// summaries, as in hierarchical attention networks (Yang et al. 2016) without the attention.
///
/// Shape letters: T = N·L tokens, N segments of L tokens, B batch, E embedding width,
/// H hidden width, C classes.
///
///     e        = Embed(tokens)                  regrouped as [L, N·B, E]: row n·B + b is segment n of sequence b
///     s        = h_L of the low RNN over e      [N·B, H] = [N, B, H]: each segment's summary, time-major
///     u        = h_N of the high RNN over s     [B, H]
///     logits   = u W_headᵀ + b_head             [B, C]; cross-entropy against one label per sequence
///
/// Every low-level sequence starts from h = 0, so a segment's summary depends on that segment
/// alone; the high level is where the segments meet. The path from a token to the label is
/// at most L + N steps long, against N·L for a flat RNN over the same tokens.
public final class TwoLevelRNN<Scalar: BLASReal> {
    public let embedding: Embedding<Scalar>
    /// Reads the tokens of one segment.
    public let low: RecurrentLayer<Scalar>
    /// Reads the segment summaries.
    public let high: RecurrentLayer<Scalar>
    public let head: Linear<Scalar>
    public let classes: Int
    public let parameters: [Parameter<Scalar>]
    public let crossEntropy = SoftmaxCrossEntropy<Scalar>()

    let embedded = Tensor<Scalar>(shape: [1])      // [L, N·B, E]
    let summaries = Tensor<Scalar>(shape: [1])     // [N, B, H]
    let logitsGrad = Tensor<Scalar>(shape: [1])    // [B, C]
    let summaryGrad = Tensor<Scalar>(shape: [1])   // [B, H] ∂L/∂u
    /// [L·N·B] the tokens regrouped segment by segment, kept for the embedding's backward.
    var tokenOrder: [Int32] = []
    var segments = 0, segmentLength = 0, batch = 0

    /// Both levels use `kind` cells of width `hidden`; weights start at zero (call
    /// `resetParameters`).
    public init(vocabulary: Int, embedding e: Int, hidden: Int, classes: Int, kind: CellKind) throws {
        embedding = Embedding(vocabularySize: vocabulary, embeddingSize: e, prefix: "embedding")
        low = RecurrentLayer(cell: try makeCell(kind: kind, inputSize: e, hiddenSize: hidden), nameSuffix: "_low")
        high = RecurrentLayer(cell: try makeCell(kind: kind, inputSize: hidden, hiddenSize: hidden), nameSuffix: "_high")
        head = Linear(inputSize: hidden, outputSize: classes, prefix: "head")
        self.classes = classes
        parameters = embedding.parameters + low.parameters + high.parameters + head.parameters
    }

    /// PyTorch's defaults: cells U(±1/√H), the head U(±1/√H), the embedding N(0, 1).
    public func resetParameters(rng: inout SeededRandom) {
        low.cell.resetParameters(rng: &rng)
        high.cell.resetParameters(rng: &rng)
        for p in head.parameters { Initializer.pytorchDefault(p.value, fanIn: head.inputSize, rng: &rng) }
        Initializer.normal(embedding.weight.value, rng: &rng)
    }

    /// [B, C] logits of the last `forward`.
    public var logits: UnsafeMutablePointer<Scalar> { head.output.data }

    /// Runs both levels on `tokens` [T·B] (time-major, T = segments · segmentLength) and scores
    /// the logits against `labels` [B] (−1 ignores a row). Leaves ∂L/∂logits for `backward`.
    public func forward(tokens: UnsafePointer<Int32>, segments N: Int, segmentLength L: Int, batch B: Int,
                        labels: UnsafePointer<Int32>) -> LossResult {
        segments = N; segmentLength = L; batch = B
        // Token (n·L + l, b) of the flat sequence is token (l, n·B + b) of the low level.
        if tokenOrder.count != L * N * B { tokenOrder = Array(repeating: 0, count: L * N * B) }
        for n in 0..<N { for l in 0..<L { for b in 0..<B {
            tokenOrder[l * N * B + n * B + b] = tokens[(n * L + l) * B + b]
        } } }
        let E = embedding.embeddingSize
        embedded.resize(L, N * B, E)
        tokenOrder.withUnsafeBufferPointer { embedding.forward($0.baseAddress!, rows: L * N * B, into: embedded.data) }
        low.forward(embedded, steps: L, batch: N * B)
        // The low level's final states [N·B, H] are already the high level's input [N, B, H].
        let H = low.cell.stateSize
        summaries.resize(N, B, H)
        summaries.data.update(from: low.finalState, count: N * B * H)
        high.forward(summaries, steps: N, batch: B)
        let z = head.forward(high.finalState, rows: B)
        logitsGrad.resize(B, classes)
        return crossEntropy(logits: z, rows: B, classes: classes, targets: labels, logitsGrad: logitsGrad.data)
    }

    /// Backpropagates the last `forward`'s loss into every parameter's gradient (accumulating).
    public func backward() {
        let N = segments, L = segmentLength, B = batch, H = high.cell.stateSize
        summaryGrad.resize(B, H)
        // ∂L/∂u [B, H] = ∂L/∂logits · W_head; head gradients accumulate.
        head.backward(input: high.finalState, rows: B, outputGrad: logitsGrad.data, inputGrad: summaryGrad.data)
        // Only the last high-level state is read: the gradient enters as ∂L/∂h_N.
        high.backward(outputGrad: nil, finalStateGrad: summaryGrad.data)
        // ∂L/∂s [N, B, H] is the high level's input gradient, which enters each segment at its h_L.
        low.backward(outputGrad: nil, finalStateGrad: high.inputGrad.data)
        tokenOrder.withUnsafeBufferPointer {
            embedding.backward($0.baseAddress!, rows: L * N * B, outputGrad: low.inputGrad.data)
        }
    }
}
