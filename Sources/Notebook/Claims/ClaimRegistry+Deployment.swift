extension ClaimRegistry {
    /// Claims of the Training, deployment, reservoirs and limits scenarios.
    static let deploymentClaims: [any ScenarioClaim.Type] = [
        DropoutClaim.self, OptimizersClaim.self, CompressionClaim.self,
        EchoStateClaim.self, MemoryCapacityClaim.self, RNNvsTransformerCostClaim.self,
    ]
}
