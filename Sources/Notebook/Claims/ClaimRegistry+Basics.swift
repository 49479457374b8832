extension ClaimRegistry {
    /// Claims of the Basics and gradients through time scenarios.
    static let basicsClaims: [any ScenarioClaim.Type] = [
        UnrolledRNNClaim.self, ElmanVsJordanClaim.self, ActivationsClaim.self, InitializationClaim.self,
        BPTTClaim.self, ExplodingGradientsClaim.self, GradientClippingClaim.self, TruncatedBPTTClaim.self,
    ]
}
