import XCTest
@testable import RNNCore

/// Finite-difference checks of every attention score over several decoder steps that share one
/// set of precomputed keys, with a padded source position in one batch item.
final class AttentionGradientTests: XCTestCase {
    /// A small attention problem in Double: D steps, S positions, B rows; row 1's last source
    /// position is padding.
    final class Fixture {
        let D = 3, S = 4, B = 2, Q: Int, K: Int
        let attention: Attention<Double>
        let encoder: Tensor<Double>, dEncoder: Tensor<Double>     // [S, B, K]
        let queries: Tensor<Double>, dQueries: Tensor<Double>     // [D, B, Q]
        let contexts: Tensor<Double>, target: Tensor<Double>      // [D, B, K]
        let mask: Tensor<Double>                                  // [S, B]

        init(kind: AttentionKind, seed: UInt64) throws {
            Q = kind == .dot ? 4 : 3
            K = 4
            attention = try Attention(kind: kind, queryWidth: Q, keyWidth: K, attentionWidth: 5)
            encoder = Tensor(shape: [S, B, K]); dEncoder = Tensor(shape: [S, B, K])
            queries = Tensor(shape: [D, B, Q]); dQueries = Tensor(shape: [D, B, Q])
            contexts = Tensor(shape: [D, B, K]); target = Tensor(shape: [D, B, K])
            mask = Tensor(shape: [S, B], repeating: 1)
            mask[(S - 1) * B + 1] = 0
            var rng = SeededRandom(seed: seed)
            for p in attention.parameters { GradCheck.randomize(p.value, &rng, scale: 0.7) }
            GradCheck.randomize(encoder, &rng, scale: 1)
            GradCheck.randomize(queries, &rng, scale: 1)
            GradCheck.randomize(target, &rng, scale: 1)
        }

        /// L = Σ_t Σ (target ⊙ context + ½ context²): the quadratic term makes ∂L/∂context
        /// depend on the forward pass, so a wrong weight cache would show.
        func run() -> Double {
            for p in attention.parameters { p.grad.zero() }
            dEncoder.zero(); dQueries.zero()
            attention.prepare(encoder: encoder.data, mask: mask.data, sourceLength: S, batch: B, steps: D)
            var loss = 0.0
            for t in 0..<D {
                attention.forward(step: t, query: queries.slice(t), context: contexts.slice(t))
                for i in 0..<(B * K) {
                    let c = contexts.slice(t)[i]
                    loss += target.slice(t)[i] * c + 0.5 * c * c
                }
            }
            let dContext = Tensor<Double>(shape: [B, K])
            for t in (0..<D).reversed() {
                for i in 0..<(B * K) { dContext[i] = target.slice(t)[i] + contexts.slice(t)[i] }
                attention.backward(step: t, dContext: dContext.data, dQuery: dQueries.slice(t))
            }
            attention.finishBackward(dEncoder: dEncoder.data)
            return loss
        }

        var checked: [(String, Tensor<Double>, Tensor<Double>)] {
            [("query", queries, dQueries), ("encoder", encoder, dEncoder)]
                + attention.parameters.map { ($0.name, $0.value, $0.grad) }
        }
    }

    func check(_ kind: AttentionKind) throws {
        let f = try Fixture(kind: kind, seed: 7)
        GradCheck.assertGradients(f.checked, run: f.run)
    }

    func testAdditiveGradients() throws { try check(.additive) }
    func testDotGradients() throws { try check(.dot) }
    func testGeneralGradients() throws { try check(.general) }

    func testParameterNamesFollowPyTorch() throws {
        let additive = try Attention<Double>(kind: .additive, queryWidth: 3, keyWidth: 4, attentionWidth: 5)
        XCTAssertEqual(additive.parameters.map(\.name), ["Wa.weight", "Ua.weight", "Ua.bias", "va.weight"])
        XCTAssertEqual(additive.parameters.map(\.shape), [[5, 3], [5, 4], [5], [1, 5]])
        let general = try Attention<Double>(kind: .general, queryWidth: 3, keyWidth: 4)
        XCTAssertEqual(general.parameters.map(\.shape), [[3, 4]])
        XCTAssertTrue(try Attention<Double>(kind: .dot, queryWidth: 4, keyWidth: 4).parameters.isEmpty)
    }

    func testDotWithMismatchedWidthsThrows() {
        XCTAssertThrowsError(try Attention<Double>(kind: .dot, queryWidth: 3, keyWidth: 4))
        XCTAssertThrowsError(try Attention<Double>(kind: .additive, queryWidth: 0, keyWidth: 4))
    }
}
