import Foundation
import Panes
import RNNCore
import TermGrid

/// Hand-made probe snapshots for the data panes' tests: small, deterministic, with a few
/// entries set to known values so tests can point at them.
enum Fixtures {
    static let full = PaneContext(capabilities: .full, focused: true)
    static let unfocused = PaneContext(capabilities: .full, focused: false)
    static let asciiMono = PaneContext(capabilities: Capabilities(colorDepth: .mono, glyphs: .ascii), focused: true)
    static let asciiColor = PaneContext(capabilities: Capabilities(colorDepth: .truecolor, glyphs: .ascii), focused: true)
    static let blocks = PaneContext(capabilities: Capabilities(colorDepth: .c256, glyphs: .halfBlock), focused: true)

    /// `LayerTrace` has no public memberwise initialiser, so tests build one through its
    /// Codable form (the fields are public; only the initialiser is internal to RNNCore).
    static func trace(layer: Int, direction: Int, hidden: [[Float]], cell: [[Float]]?,
                      gates: [String: [[Float]]], gradHNorms: [Double]) -> ProbeSnapshot.LayerTrace {
        struct Mirror: Encodable {
            var layer: Int, direction: Int, hidden: [[Float]], cell: [[Float]]?
            var gates: [String: [[Float]]], gradHNorms: [Double]
        }
        let mirror = Mirror(layer: layer, direction: direction, hidden: hidden, cell: cell, gates: gates, gradHNorms: gradHNorms)
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try! decoder.decode(ProbeSnapshot.LayerTrace.self, from: encoder.encode(mirror))
    }

    static let tokens = ["h", "e", "l", "l", "o", " ", "w", "q", "r", "l", "d", "!"]

    /// A deterministic pattern in [-1, 1] with a known entry: unit 3, t = 7 is -0.412.
    static func hidden(steps: Int, units: Int, seed: Int = 0) -> [[Float]] {
        (0..<steps).map { t in
            (0..<units).map { u in
                if t == 7 && u == 3 { return -0.412 }
                return Float(((t * 7 + u * 13 + seed * 5) % 17) - 8) / 8
            }
        }
    }

    /// Gradient norms that vanish going back in time: 10^(−(T−1−t)/2).
    static func vanishing(steps: Int) -> [Double] {
        (0..<steps).map { t in pow10(-Double(steps - 1 - t) / 2) }
    }

    static func pow10(_ x: Double) -> Double {
        var r = 1.0, n = abs(x)
        while n >= 1 { r *= 10; n -= 1 }
        // Fractional part by a few square roots of 10 (only halves are used here).
        if n >= 0.5 { r *= 3.1622776601683795 }
        return x < 0 ? 1 / r : r
    }

    /// An Elman model: `layers` layers (both directions when `bidirectional`), 12 steps, 6 units.
    static func elman(layers: Int = 1, bidirectional: Bool = false, steps: Int = 12, units: Int = 6) -> ProbeSnapshot {
        var s = ProbeSnapshot(step: 120, loss: 0.75)
        s.metrics = ["accuracy": 0.62]
        s.length = steps
        for l in 0..<layers {
            for d in 0..<(bidirectional ? 2 : 1) {
                s.layers.append(trace(layer: l, direction: d, hidden: hidden(steps: steps, units: units, seed: l * 2 + d),
                                      cell: nil, gates: [:], gradHNorms: vanishing(steps: steps)))
            }
        }
        s.gradHNorms = vanishing(steps: steps)
        s.gradNorm = 3.2
        s.gradNormAfterClip = 3.2
        return s
    }

    /// Sigmoid-like gate values in (0, 1) for `steps` × `units`, offset per gate.
    static func gate(steps: Int, units: Int, offset: Int) -> [[Float]] {
        (0..<steps).map { t in (0..<units).map { u in Float((t * 3 + u * 5 + offset * 7) % 11) / 10 } }
    }

    static func lstm(steps: Int = 10, units: Int = 4) -> ProbeSnapshot {
        var s = ProbeSnapshot(step: 40, loss: 0.31)
        s.length = steps
        var gates: [String: [[Float]]] = [:]
        for (k, name) in ["i", "f", "g", "o"].enumerated() { gates[name] = gate(steps: steps, units: units, offset: k) }
        // g is tanh: spread it to [-1, 1].
        gates["g"] = gates["g"]!.map { $0.map { 2 * $0 - 1 } }
        gates["f"]![2][1] = 0.987
        let cell = hidden(steps: steps, units: units, seed: 3).map { $0.map { 2 * $0 } }
        s.layers = [trace(layer: 0, direction: 0, hidden: hidden(steps: steps, units: units), cell: cell,
                          gates: gates, gradHNorms: vanishing(steps: steps))]
        s.gradHNorms = vanishing(steps: steps)
        return s
    }

    static func gru(steps: Int = 10, units: Int = 4) -> ProbeSnapshot {
        var s = ProbeSnapshot(step: 40, loss: 0.31)
        s.length = steps
        var gates: [String: [[Float]]] = [:]
        for (k, name) in ["r", "z", "n"].enumerated() { gates[name] = gate(steps: steps, units: units, offset: k) }
        gates["n"] = gates["n"]!.map { $0.map { 2 * $0 - 1 } }
        s.layers = [trace(layer: 0, direction: 0, hidden: hidden(steps: steps, units: units), cell: nil,
                          gates: gates, gradHNorms: vanishing(steps: steps))]
        return s
    }

    /// Reversal with attention: output step k attends mostly to input step n−1−k.
    static func attention(inputs: Int = 6, outputs: Int = 6) -> ProbeSnapshot {
        var s = elman(steps: inputs)
        s.attention = (0..<outputs).map { k in
            let peak = inputs - 1 - min(k, inputs - 1)
            var row = (0..<inputs).map { j in j == peak ? Float(0.7) : Float(0.3) / Float(inputs - 1) }
            if k == 0 { row = row.map { $0 } }
            return row
        }
        return s
    }

    static let inputTokens = ["a", "b", "c", "d", "e", "f"]
    static let outputTokens = ["f", "e", "d", "c", "b", "a"]

    static func losses(count: Int, nanAt: Set<Int> = []) -> [LossPoint] {
        (0..<count).map { i in
            let loss = nanAt.contains(i) ? Double.nan : 2.5 / (1 + Double(i) * 0.05) + 0.05 * Double((i * 7) % 5) / 5
            return LossPoint(step: i * 10, loss: loss, metrics: ["accuracy": min(1, Double(i) / Double(max(count, 1)))])
        }
    }
}
