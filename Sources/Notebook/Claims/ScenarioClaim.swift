import RNNCore

/// The outcome of checking a scenario's claim: the sentence, whether it held, and the numbers
/// it was judged on (what `rnnbook run --check` and `--json`'s summary print).
public struct ClaimResult: Sendable, Codable, Equatable {
    public var text: String
    public var holds: Bool
    public var measured: [String: Double]

    public init(text: String, holds: Bool, measured: [String: Double]) {
        self.text = text
        self.holds = holds
        self.measured = measured
    }
}

/// The one claim a scenario demonstrates, checked headless from a fixed seed.
///
/// `check` receives the scenario's configuration (its front matter with any `--set`
/// overrides) and overrides only what the claim itself is about (a radius sweep, the cell to
/// compare against). It trains from scratch, in Float, and must finish within 60 s in a
/// release build. `log` receives one line per stage, for a progress display.
public protocol ScenarioClaim {
    static var scenarioID: String { get }
    static var text: String { get }
    /// The configuration the claim was measured with; the scenario's front matter holds
    /// exactly this (a test checks), so `open` shows what `--check` measures.
    static var scenarioDefaults: TrainingRecipe { get }
    /// Trains and measures; called by `check`, which fixes how BLAS adds up.
    static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult
}

extension ScenarioClaim {
    /// Checks the claim from `recipe`, with BLAS on one thread so the numbers do not depend
    /// on the machine's core count.
    public static func check(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        try withDeterministicBLAS { try measure(recipe, log: log) }
    }
}

/// The claims by scenario id.
public enum ClaimRegistry {
    public static let all: [any ScenarioClaim.Type] = [
        VanishingGradientsClaim.self, LSTMGatesClaim.self, AttentionClaim.self,
    ] + basicsClaims + structureClaims + sequencesClaims + practiceClaims + deploymentClaims

    /// The claim of scenario `id`, or nil when it has none yet.
    public static func claim(for id: String) -> (any ScenarioClaim.Type)? {
        all.first { $0.scenarioID == id }
    }
}

/// Runs `body` with BLAS products on one thread, then restores the limit. Multi-threaded
/// products add in a different order, so a claim's numbers would depend on the machine's core
/// count; at these model sizes one thread is also the fastest (see `BLASThreads`).
func withDeterministicBLAS<R>(_ body: () throws -> R) rethrows -> R {
    let saved = BLASThreads.limit
    BLASThreads.limit = 1
    defer { BLASThreads.limit = saved }
    return try body()
}
