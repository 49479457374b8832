extension ClaimRegistry {
    /// Claims of the Training, deployment, reservoirs and limits scenarios.
    static let deploymentClaims: [any ScenarioClaim.Type] = []
}
