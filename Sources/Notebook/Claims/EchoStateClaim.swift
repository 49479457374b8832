import RNNCore

/// echo-state: a random reservoir whose only trained part is a linear readout predicts the
/// Mackey–Glass series one step ahead almost perfectly, fitted in one least-squares solve; and
/// the reservoir is only usable while it forgets its own starting state.
///
/// The series (τ = 17, one sample per time unit, as the mackey-glass task) is split into
/// `washout` + `trainSteps` steps for the ridge fit and `testSteps` following steps scored by
/// NRMSE (RMSE / standard deviation of the target). The time is the thread's CPU time (`CPUTime`, immune to other jobs on the
/// machine) and covers building the reservoir
/// (its spectral radius included), the fit and the prediction.
///
/// Echo state property: for each radius of `radii`, two copies of the same reservoir start
/// from two random states and read the same `propertySteps` inputs; the ratio of their final
/// distance to their first is read. "Converged" means it fell below `convergedRatio`, "apart"
/// that it stayed above `apartRatio`. In between, at radius 1.1 the strong input drive still
/// makes the copies converge, and at 1.5 they drift together slowly (ratio 0.002–0.2 over
/// seeds): the property does not switch off exactly at radius 1.
public enum EchoStateClaim: ScenarioClaim {
    public static let scenarioID = "echo-state"
    public static let text = "A 200-unit echo state network at spectral radius 0.9, with only its linear readout trained (one ridge-regression solve), predicts Mackey–Glass one step ahead with test NRMSE < 0.05 in under 1 s of CPU time; and driven by the same series for 1,000 steps, two copies started from different states converge (their distance falls below 1e-6 of its start) at radius 0.9, but at radius 2 they stay apart (above 10% of it)."

    public static let washout = 200
    public static let trainSteps = 2000
    public static let testSteps = 1000
    public static let propertySteps = 1000
    public static let radii = [0.5, 0.9, 1.1, 1.5, 2.0]
    public static let convergedRatio = 1e-6
    public static let maxSeconds = 1.0
    /// At radius 2 the copies must keep at least this fraction of their starting distance.
    public static let apartRatio = 0.1

    /// The configuration the scenario's front matter should hold. The live notebook trains a
    /// BPTT RNN of the same size on the same task, for contrast; the claim builds the ESN from
    /// `hidden` (reservoir size), `radius` and `seed`.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "mackey-glass"; r.seqLen = 100; r.cell = .rnn_tanh; r.hidden = 200; r.radius = 0.9
        r.optimizer = "adam"; r.lr = 1e-3; r.batch = 16; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        let series = try MackeyGlass.series(count: washout + trainSteps + testSteps + 1)
        let radius = recipe.radius ?? 0.9
        var m: [String: Double] = [:]

        let start = CPUTime.now()
        let esn = try EchoStateNetwork<Float>(configuration(recipe, radius: radius))
        let fitCount = washout + trainSteps
        try esn.fit(inputs: column(series[0..<fitCount]), targets: column(series[1...fitCount]), washout: washout)
        let prediction = try esn.predict(inputs: column(series[fitCount..<(fitCount + testSteps)]))
        let elapsed = CPUTime.now() - start
        let target = column(series[(fitCount + 1)...(fitCount + testSteps)])
        m["nrmse"] = try normalizedRMSE(prediction: prediction, target: target)
        m["seconds"] = elapsed
        log("ESN, \(recipe.hidden) units at radius \(radius): test NRMSE \(m["nrmse"]!) in \(elapsed) s")

        let drive = column(series[0..<propertySteps])
        var propertyHolds = true
        for rho in radii {
            let copy = try EchoStateNetwork<Float>(configuration(recipe, radius: rho))
            let d = try copy.echoStateDistances(inputs: drive, seed: recipe.seed &+ 99)
            let ratio = (d.last ?? 0) / max(d.first ?? 1, 1e-30)
            m["distanceRatio@\(rho)"] = ratio
            log("radius \(rho): distance between the copies \(d.first ?? 0) → \(d.last ?? 0) (ratio \(ratio))")
            let converged = ratio < convergedRatio
            if rho <= radius && rho < 1 && !converged { propertyHolds = false }
            if rho >= 2 && ratio <= apartRatio { propertyHolds = false }
        }
        m["propertyAsClaimed"] = propertyHolds ? 1 : 0
        let holds = m["nrmse"]! < 0.05 && elapsed < maxSeconds && propertyHolds
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    static func configuration(_ r: TrainingRecipe, radius: Double) -> EchoStateConfiguration {
        EchoStateConfiguration(reservoirSize: r.hidden, connectivity: 0.1, spectralRadius: radius,
                               inputScaling: 1, biasScaling: 0, leakRate: 1, ridge: 1e-8, seed: r.seed)
    }

    /// Values as a [T, 1] tensor.
    static func column(_ values: ArraySlice<Double>) -> Tensor<Float> {
        Tensor(shape: [values.count, 1], values: values.map { Float($0) })
    }
}
