/// Which alignment score an `Attention` layer uses.
///
/// - `additive` (Bahdanau): score_j = vᵀ tanh(W_a s + U_a e_j + b)
/// - `dot` (Luong): score_j = sᵀ e_j, which needs the query and key widths to match
/// - `general` (Luong): score_j = sᵀ W_a e_j
public enum AttentionKind: String, CaseIterable, Sendable {
    case additive, dot, general
}

/// One way of scoring a decoder state against every encoder output.
///
/// Shape letters: D decoder steps, S source positions, B batch, Q query (decoder state) width,
/// K key (encoder output) width. Encoder outputs are time-major, [S, B, K].
///
/// Each score turns the encoder outputs into keys once per sequence (`prepare`), so a decoder
/// step costs only what depends on its query. Gradients with respect to the keys accumulate
/// across decoder steps and are mapped back onto the encoder outputs by one matrix product in
/// `finish`.
public protocol AttentionScore<Scalar>: AnyObject {
    associatedtype Scalar: BLASReal

    var kind: AttentionKind { get }
    /// Width of the decoder state the score expects.
    var queryWidth: Int { get }
    /// Width of the encoder outputs the score expects.
    var keyWidth: Int { get }
    /// Trainable parameters, named like PyTorch `Linear` pieces (`Wa.weight`, `Ua.bias`, …).
    var parameters: [Parameter<Scalar>] { get }

    /// Draws initial parameter values the way PyTorch's `Linear` does, U(-1/√fan_in, 1/√fan_in).
    func initialize(_ rng: inout SeededRandom)

    /// Computes keys from encoder outputs [S, B, K] and zeroes the key gradient. Grows caches for
    /// `steps` decoder steps; allocates only when growing. `encoder` must stay valid and
    /// unchanged until `finish` has run.
    func prepare(encoder: UnsafePointer<Scalar>, sourceLength: Int, batch: Int, steps: Int)

    /// Writes scores [B, S] for decoder step `step` and query [B, Q]. Masking is the caller's job.
    func forward(step: Int, query: UnsafePointer<Scalar>, scores: UnsafeMutablePointer<Scalar>)

    /// Given ∂L/∂scores [B, S] for `step`, ADDS ∂L/∂query into `dQuery` [B, Q] and accumulates
    /// key and parameter gradients.
    func backward(step: Int, query: UnsafePointer<Scalar>, dScores: UnsafePointer<Scalar>,
                  dQuery: UnsafeMutablePointer<Scalar>)

    /// After every step's `backward`: ADDS ∂L/∂encoder [S, B, K] through the keys into
    /// `dEncoder` and finishes the parameter gradients that were deferred to one big product.
    func finish(steps: Int, queries: UnsafePointer<Scalar>, dEncoder: UnsafeMutablePointer<Scalar>)
}
