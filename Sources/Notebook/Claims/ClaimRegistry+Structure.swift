extension ClaimRegistry {
    /// Claims of the Gated cells and structure scenarios.
    static let structureClaims: [any ScenarioClaim.Type] = []
}
