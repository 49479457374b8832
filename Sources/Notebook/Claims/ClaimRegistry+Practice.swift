extension ClaimRegistry {
    /// Claims of the Sequences in practice: state, missing data, anomalies, drift, multi-task, curriculum scenarios.
    static let practiceClaims: [any ScenarioClaim.Type] = [
        StatefulClaim.self, MissingValuesClaim.self, AnomalyDetectionClaim.self, ConceptDriftClaim.self, MultiTaskClaim.self, CurriculumClaim.self,
    ]
}
