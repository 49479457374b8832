/// What one training step looked like inside, for one chosen batch row: the only thing panes
/// read. Plain values, so a snapshot can cross threads, be encoded to JSON, or be kept as history.
public struct ProbeSnapshot: Codable, Sendable {
    /// One recurrent layer in one direction. Time runs forward in every field, also for the
    /// reverse direction.
    public struct LayerTrace: Codable, Sendable {
        public var layer: Int
        public var direction: Int
        /// [T][S] hidden states.
        public var hidden: [[Float]]
        /// [T][C] cell states (LSTM), or nil.
        public var cell: [[Float]]?
        /// gate name → [T][H] activations after their nonlinearity (LSTM i,f,g,o; GRU r,z,n).
        public var gates: [String: [[Float]]]
        /// [T] ‖∂L/∂h_t‖ for the chosen row, the total derivative at each step.
        public var gradHNorms: [Double]
    }

    public var step: Int
    public var loss: Double
    public var metrics: [String: Double]
    /// The batch row recorded, and its length.
    public var row: Int
    public var length: Int
    public var layers: [LayerTrace]
    /// [T] ‖∂L/∂h_t‖ of the top layer for the chosen row, over both directions.
    public var gradHNorms: [Double]
    /// Parameter name → ‖∂L/∂θ‖ before clipping.
    public var parameterGradNorms: [String: Double]
    /// Global gradient norm before clipping.
    public var gradNorm: Double
    /// [output step][input step] attention weights, when the model attends.
    public var attention: [[Float]]?
    /// W_hh name (with ".gate" for gated cells) → largest |eigenvalue|.
    public var spectralRadius: [String: Double]
    public var clipped: Bool
    public var gradNormAfterClip: Double
    /// True when the loss, a state or a gradient was NaN or infinite.
    public var nonFinite: Bool
    public var nonFiniteWhere: String?

    public init(step: Int, loss: Double) {
        self.step = step; self.loss = loss
        metrics = [:]; row = 0; length = 0; layers = []; gradHNorms = []
        parameterGradNorms = [:]; gradNorm = 0; attention = nil; spectralRadius = [:]
        clipped = false; gradNormAfterClip = 0; nonFinite = false; nonFiniteWhere = nil
    }
}
