extension ClaimRegistry {
    /// Claims of the Sequences in practice: seq2seq, decoding, language, time series scenarios.
    static let sequencesClaims: [any ScenarioClaim.Type] = [
        Seq2SeqBottleneckClaim.self, TeacherForcingClaim.self, DecodingClaim.self, TimeSeriesClaim.self,
        PaddingMaskingClaim.self, CharLMClaim.self,
    ]
}
