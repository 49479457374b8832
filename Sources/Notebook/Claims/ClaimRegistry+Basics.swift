extension ClaimRegistry {
    /// Claims of the Basics and gradients through time scenarios.
    static let basicsClaims: [any ScenarioClaim.Type] = []
}
