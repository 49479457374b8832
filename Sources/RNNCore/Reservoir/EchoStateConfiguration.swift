/// The hyperparameters of an echo state network, as a scenario file would set them.
public struct EchoStateConfiguration: Sendable, Equatable {
    /// N, reservoir units.
    public var reservoirSize: Int
    /// I, input width.
    public var inputSize: Int
    /// O, output width.
    public var outputSize: Int
    /// Fraction of reservoir connections that exist, in (0, 1].
    public var connectivity: Double
    /// ρ, the largest eigenvalue modulus W is scaled to. Below 1 the reservoir forgets its
    /// initial state (the echo state property, for the usual inputs); well above 1 it can
    /// sustain its own activity.
    public var spectralRadius: Double
    /// W_in entries are uniform in ±inputScaling.
    public var inputScaling: Double
    /// Bias entries are uniform in ±biasScaling; 0 means no bias.
    public var biasScaling: Double
    /// a in (0, 1]: how much of the new activation replaces the old state each step. Small a
    /// makes slow units that integrate over a long window.
    public var leakRate: Double
    /// β, the ridge penalty of the readout fit.
    public var ridge: Double
    /// Seed for W, W_in and the bias.
    public var seed: UInt64

    public init(reservoirSize: Int = 200, inputSize: Int = 1, outputSize: Int = 1,
                connectivity: Double = 0.1, spectralRadius: Double = 0.9,
                inputScaling: Double = 1, biasScaling: Double = 0, leakRate: Double = 1,
                ridge: Double = 1e-8, seed: UInt64 = 0) {
        self.reservoirSize = reservoirSize
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.connectivity = connectivity
        self.spectralRadius = spectralRadius
        self.inputScaling = inputScaling
        self.biasScaling = biasScaling
        self.leakRate = leakRate
        self.ridge = ridge
        self.seed = seed
    }

    /// Throws `InputError` naming the first field out of range. (Reservoir size, connectivity
    /// and spectral radius are checked by `SparseReservoir`.)
    public func validate() throws {
        func check(_ ok: Bool, _ place: String, _ message: String) throws {
            if !ok { throw InputError(place: "esn.\(place)", message) }
        }
        try check(inputSize >= 1 && inputSize <= Limits.maxHidden, "input_size",
                  "must be in 1...\(Limits.maxHidden), got \(inputSize)")
        try check(outputSize >= 1 && outputSize <= Limits.maxHidden, "output_size",
                  "must be in 1...\(Limits.maxHidden), got \(outputSize)")
        try check(inputScaling.isFinite && inputScaling >= 0, "input_scaling", "must be ≥ 0, got \(inputScaling)")
        try check(biasScaling.isFinite && biasScaling >= 0, "bias_scaling", "must be ≥ 0, got \(biasScaling)")
        try check(leakRate > 0 && leakRate <= 1, "leak_rate", "must be in (0, 1], got \(leakRate)")
        try check(ridge.isFinite && ridge >= 0, "ridge", "must be ≥ 0, got \(ridge)")
    }
}
