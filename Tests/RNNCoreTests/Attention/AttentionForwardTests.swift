import XCTest
@testable import RNNCore

/// Forward values against a plain-loop reference, masking, and what a probe reads.
final class AttentionForwardTests: XCTestCase {
    typealias Fixture = AttentionGradientTests.Fixture

    /// The score written out from its textbook formula, one source position at a time.
    func referenceScore(_ f: Fixture, kind: AttentionKind, t: Int, b: Int, j: Int) -> Double {
        let s = f.queries.slice(t) + b * f.Q, e = f.encoder.slice(j) + b * f.K
        let p = f.attention.parameters.map { $0.value }
        switch kind {
        case .dot:
            return (0..<f.K).reduce(0) { $0 + s[$1] * e[$1] }
        case .general:   // sᵀ W e with W [Q, K]
            var total = 0.0
            for q in 0..<f.Q { for k in 0..<f.K { total += s[q] * p[0][q, k] * e[k] } }
            return total
        case .additive:  // vᵀ tanh(Wa s + Ua e + b)
            let A = p[3].count
            var total = 0.0
            for a in 0..<A {
                var pre = p[2][a]
                for q in 0..<f.Q { pre += p[0][a, q] * s[q] }
                for k in 0..<f.K { pre += p[1][a, k] * e[k] }
                total += p[3][a] * Foundation.tanh(pre)
            }
            return total
        }
    }

    func testMatchesReferenceForEveryKind() throws {
        for kind in AttentionKind.allCases {
            let f = try Fixture(kind: kind, seed: 11)
            _ = f.run()
            for t in 0..<f.D { for b in 0..<f.B {
                let real = (0..<f.S).filter { f.mask[$0 * f.B + b] != 0 }
                let z = real.map { referenceScore(f, kind: kind, t: t, b: b, j: $0) }
                let top = z.max()!, sum = z.reduce(0) { $0 + exp($1 - top) }
                var context = [Double](repeating: 0, count: f.K)
                for (n, j) in real.enumerated() {
                    let a = exp(z[n] - top) / sum
                    XCTAssertEqual(f.attention.weight(step: t, row: b, source: j), a, accuracy: 1e-12, "\(kind)")
                    for k in 0..<f.K { context[k] += a * f.encoder.slice(j)[b * f.K + k] }
                }
                for k in 0..<f.K {
                    XCTAssertEqual(f.contexts.slice(t)[b * f.K + k], context[k], accuracy: 1e-12, "\(kind)")
                }
            } }
        }
    }

    func testPaddedPositionGetsNoWeightAndNoGradient() throws {
        for kind in AttentionKind.allCases {
            let f = try Fixture(kind: kind, seed: 3)
            _ = f.run()
            let padded = f.S - 1, row = 1
            for t in 0..<f.D {
                XCTAssertEqual(f.attention.weight(step: t, row: row, source: padded), 0)
                var sum = 0.0
                for j in 0..<f.S { sum += f.attention.weight(step: t, row: row, source: j) }
                XCTAssertEqual(sum, 1, accuracy: 1e-12)
            }
            for k in 0..<f.K { XCTAssertEqual(f.dEncoder.slice(padded)[row * f.K + k], 0, "\(kind)") }
            // Row 0 is not padded there, so the same position does get gradient.
            XCTAssertNotEqual((0..<f.K).map { abs(f.dEncoder.slice(padded)[$0]) }.max()!, 0)
        }
    }

    func testFullyPaddedRowGivesEmptyContextNotNaN() throws {
        let f = try Fixture(kind: .additive, seed: 5)
        for j in 0..<f.S { f.mask[j * f.B + 1] = 0 }
        let loss = f.run()
        XCTAssertTrue(loss.isFinite)
        for t in 0..<f.D { for k in 0..<f.K { XCTAssertEqual(f.contexts.slice(t)[f.K + k], 0) } }
        XCTAssertFalse(f.dEncoder.hasNonFinite || f.dQueries.hasNonFinite)
    }

    func testAlignmentMatrixForOneBatchItem() throws {
        let f = try Fixture(kind: .general, seed: 9)
        _ = f.run()
        let m = Tensor<Double>(shape: [0, 0])
        f.attention.alignment(row: 1, into: m)
        XCTAssertEqual(m.shape, [f.D, f.S])
        for t in 0..<f.D { for j in 0..<f.S {
            XCTAssertEqual(m[t, j], f.attention.weight(step: t, row: 1, source: j))
        } }
        f.attention.alignment(row: 7, into: m)
        XCTAssertEqual(m.shape, [0, f.S])
    }

    /// Once sized, running another sequence of the same or smaller size keeps every buffer.
    func testSteadyStateKeepsBuffers() throws {
        let f = try Fixture(kind: .additive, seed: 2)
        _ = f.run()
        let before = f.attention.weights.data
        let first = f.run()
        f.attention.prepare(encoder: f.encoder.data, mask: nil, sourceLength: 2, batch: 1, steps: 2)
        XCTAssertEqual(f.run(), first)   // bit for bit: nothing stale leaks between sequences
        XCTAssertEqual(f.attention.weights.data, before)
    }
}
