import RealModule
import RNNCore

/// vanishing-gradients: in a tanh RNN, how fast ‖∂L/∂h_t‖ shrinks going back in time is set by
/// the spectral radius of W_hh.
///
/// Measured at initialisation, where the radius is exactly what the knob set: for each radius
/// of a sweep and each of several seeds, one probed step on the adding problem (whose only loss
/// is at the last step, so ‖∂L/∂h_t‖ is pure backpropagation from step T−1). The log-norms are
/// averaged over seeds; the per-step factor is e^slope of a least-squares line through
/// log ‖∂L/∂h_{T−1−k}‖ for k = 0…20, and the fall is ‖∂L/∂h_{T−1}‖ / ‖∂L/∂h_{T−21}‖.
public enum VanishingGradientsClaim: ScenarioClaim {
    public static let scenarioID = "vanishing-gradients"
    public static let text = "In a tanh RNN at spectral radius 0.5, ‖∂L/∂h_t‖ falls by at least 1000× over 20 steps back; at radius 1 it falls by less than 100×; and the measured per-step factor rises with the radius, within 25% of it for radii up to 1."

    /// The sweep, and the radius the "≈ 1" part of the claim reads.
    public static let radii = [0.5, 0.75, 1.0, 1.25]
    /// Steps back over which the fall is measured.
    public static let span = 20
    /// Seeds (from the recipe's) averaged at each radius.
    public static let seeds = 8

    /// The configuration the scenario's front matter should hold (the claim overrides radius).
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "adding"; r.seqLen = 50; r.cell = .rnn_tanh; r.hidden = 64; r.radius = 0.5
        r.initializer = "orthogonal"
        r.optimizer = "adam"; r.lr = 1e-3; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var measured: [String: Double] = [:]
        var factors: [Double] = []
        for radius in radii {
            let profile = try meanLogNorms(recipe, radius: radius)
            let factor = Double.exp(slope(profile))
            let fall = Double.exp(profile[0] - profile[span])
            factors.append(factor)
            measured["factor@\(radius)"] = factor
            measured["fall@\(radius)"] = fall
            log("radius \(radius): per-step factor \(factor), fall over \(span) steps \(fall)×")
        }
        let fallAtHalf = measured["fall@0.5"] ?? 0, fallAtOne = measured["fall@1.0"] ?? .infinity
        let rising = zip(factors, factors.dropFirst()).allSatisfy { $0 < $1 }
        let tracks = zip(radii, factors).filter { $0.0 <= 1 }.allSatisfy { abs($0.1 / $0.0 - 1) <= 0.25 }
        measured["rising"] = rising ? 1 : 0
        measured["tracks"] = tracks ? 1 : 0
        let holds = fallAtHalf >= 1000 && fallAtOne < 100 && rising && tracks
        return ClaimResult(text: text, holds: holds, measured: measured)
    }

    /// Mean over seeds of log ‖∂L/∂h_{T−1−k}‖, k = 0…span, at initialisation.
    static func meanLogNorms(_ base: TrainingRecipe, radius: Double) throws -> [Double] {
        var r = base
        r.task = "adding"; r.cell = .rnn_tanh; r.activation = nil; r.tbptt = nil
        r.radius = radius; r.layers = 1; r.bidirectional = false; r.layerNorm = false
        r.seqLen = max(base.seqLen ?? 50, span + 1)
        var sums = [Double](repeating: 0, count: span + 1)
        for i in 0..<seeds {
            r.seed = base.seed &+ UInt64(i)
            let session = try TrainingSession<Float>(r)
            guard let norms = session.step(probe: true).snapshot?.gradHNorms, norms.count > span else {
                throw InputError(place: "seq_len", "the probe recorded no gradient norms")
            }
            let last = norms.count - 1
            for k in 0...span { sums[k] += Double.log(max(norms[last - k], .leastNonzeroMagnitude)) }
        }
        return sums.map { $0 / Double(seeds) }
    }

    /// Least-squares slope of y against its index.
    static func slope(_ y: [Double]) -> Double {
        let n = Double(y.count), meanX = (n - 1) / 2, meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0
        for (i, v) in y.enumerated() {
            let dx = Double(i) - meanX
            sxy += dx * (v - meanY); sxx += dx * dx
        }
        return sxx == 0 ? 0 : sxy / sxx
    }
}
