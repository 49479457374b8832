extension ClaimRegistry {
    /// Claims of the Gated cells and structure scenarios.
    static let structureClaims: [any ScenarioClaim.Type] = [
        GRUvsLSTMClaim.self, BidirectionalClaim.self, DeepRNNClaim.self, ClockworkClaim.self,
        HierarchicalClaim.self, LayerNormClaim.self,
    ]
}
