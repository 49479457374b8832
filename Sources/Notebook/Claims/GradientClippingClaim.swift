import RealModule
import RNNCore

/// gradient-clipping: the exploding setup trains once every step is bounded, and clipping by
/// norm bounds the step without turning it, while clipping by value turns it.
///
/// Trains the recipe (the exploding-gradients setup with the gradient norm clipped) for
/// `steps` steps and reads the held-out MSE before and after. Each clipped SGD step moves the
/// weights by at most lr · clip, so the first steps shrink W_hh's radius instead of
/// overshooting; once it is below 1 the loss falls to what a linear RNN can do on a sine. Then, on a fresh model
/// at initialisation, takes one gradient g (all parameters, one vector) and clips a copy by
/// norm and a copy by value: the cosine between g and each clipped copy, in Double.
public enum GradientClippingClaim: ScenarioClaim {
    public static let scenarioID = "gradient-clipping"
    public static let text = "With the exploding-gradients setup (sine, linear RNN, radius 1.5, SGD), clipping the gradient norm to 1 trains: in 300 steps the held-out MSE falls from over 10^6 to below 0.05. Clipping by value turns the gradient (cosine with the unclipped one < 0.99); clipping by norm keeps its direction (cosine 1 within 1e-6)."

    public static let steps = 300

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = ExplodingGradientsClaim.scenarioDefaults
        r.clip = 1
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "sine"; r.radius = 1.5; r.clipValue = nil; r.tbptt = nil
        let clip = r.clip ?? 1
        r.clip = clip
        var m: [String: Double] = [:]
        let run = try TrainingRun.train(r, steps: steps, log: log)
        m["initialLoss"] = run.initialLoss
        m["finalLoss"] = run.finalLoss.isFinite ? run.finalLoss : Double.greatestFiniteMagnitude
        m["improvement"] = run.finalLoss.isFinite ? run.initialLoss / run.finalLoss : 0

        var fresh = r
        fresh.clip = nil
        let (norm, value) = try clippingCosines(fresh, maxNorm: clip, limit: clip)
        m["cosineByNorm"] = norm
        m["cosineByValue"] = value
        log("cosine with the unclipped gradient: by norm \(norm), by value \(value)")
        let holds = run.nonFiniteStep == nil && run.initialLoss > 1e6 && run.finalLoss < 0.05 && value < 0.99 && abs(norm - 1) <= 1e-6
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// cos(g, clipped g) for clipping by norm and by value, at initialisation, where g is the
    /// gradient of every parameter on one batch.
    static func clippingCosines(_ r: TrainingRecipe, maxNorm: Double, limit: Double) throws -> (norm: Double, value: Double) {
        let session = try TrainingSession<Float>(r)
        let model = session.model
        var rng = SeededRandom(seed: r.seed ^ 0xC11B)
        let batch = session.task.makeBatch(size: r.batch, rng: &rng, as: Float.self)
        guard let targets = batch.targets else { throw InputError(place: "task", "this check needs a regression task") }
        for p in model.parameters { p.grad.zero() }
        _ = model.forward(features: batch.inputs, steps: batch.steps, batch: batch.batch,
                          targets: .values(targets.data), mask: batch.lossMask.data)
        model.backward()
        let original = model.parameters.map { p in (0..<p.count).map { Double(p.grad[$0]) } }
        clipGradNorm(model.parameters, maxNorm: maxNorm)
        let byNorm = cosine(original, model.parameters)
        for (p, g) in zip(model.parameters, original) { for i in 0..<p.count { p.grad[i] = Float(g[i]) } }
        clipGradValue(model.parameters, limit: limit)
        let byValue = cosine(original, model.parameters)
        return (byNorm, byValue)
    }

    static func cosine(_ a: [[Double]], _ params: [Parameter<Float>]) -> Double {
        var dot = 0.0, aa = 0.0, bb = 0.0
        for (g, p) in zip(a, params) {
            for i in 0..<p.count {
                let x = g[i], y = Double(p.grad[i])
                dot += x * y; aa += x * x; bb += y * y
            }
        }
        return dot / (aa.squareRoot() * bb.squareRoot())
    }
}
