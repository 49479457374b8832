/// The fixed recurrent matrix W [N, N] of an echo state network, stored sparsely (CSR).
///
/// Entries are drawn once, with probability `connectivity`, uniform in (−1, 1), then the whole
/// matrix is scaled so its spectral radius (largest eigenvalue modulus) is the one asked for.
/// At 10 % connectivity a CSR product touches a tenth of what a dense one would, and the
/// reservoir is never trained, so it never needs a dense copy or a gradient.
///
/// Storage is three raw buffers allocated once: `rowStart[r] ..< rowStart[r + 1]` indexes the
/// `columns` and `values` of row r.
public final class SparseReservoir<Scalar: BLASReal> {
    /// N, the number of reservoir units.
    public let size: Int
    /// Stored (nonzero) entries.
    public let nonzeroCount: Int
    /// Spectral radius measured on the unscaled random draw, before `scale(toSpectralRadius:)`.
    public private(set) var rawSpectralRadius: Double = 0
    /// The factor applied to the raw draw so far.
    public private(set) var scaleFactor: Double = 1

    let rowStart: UnsafeMutablePointer<Int>
    let columns: UnsafeMutablePointer<Int32>
    let values: UnsafeMutablePointer<Scalar>

    /// Draws a random sparse N×N matrix. Every row gets at least one entry, so no unit is cut
    /// off from the rest of the reservoir.
    ///
    /// - Throws: `InputError` for a size outside 1...Limits.maxHidden or a connectivity
    ///   outside (0, 1].
    public init(size: Int, connectivity: Double, rng: inout SeededRandom) throws {
        if size < 1 { throw InputError(place: "esn.reservoir_size", "must be at least 1, got \(size)") }
        try Limits.checkHidden(size, place: "esn.reservoir_size")
        guard connectivity > 0, connectivity <= 1 else {
            throw InputError(place: "esn.connectivity", "must be in (0, 1], got \(connectivity)")
        }
        var starts = [Int](repeating: 0, count: size + 1)
        var cols: [Int32] = []
        var vals: [Scalar] = []
        cols.reserveCapacity(Int(Double(size * size) * connectivity * 1.1) + size)
        vals.reserveCapacity(cols.capacity)
        for r in 0..<size {
            let first = cols.count
            for c in 0..<size where rng.bernoulli(connectivity) {
                cols.append(Int32(c))
                vals.append(Scalar(rng.uniform(-1, 1)))
            }
            if cols.count == first {
                cols.append(Int32(rng.int(size)))
                vals.append(Scalar(rng.uniform(-1, 1)))
            }
            starts[r + 1] = cols.count
        }
        self.size = size
        nonzeroCount = cols.count
        rowStart = .allocate(capacity: size + 1)
        columns = .allocate(capacity: Swift.max(cols.count, 1))
        values = .allocate(capacity: Swift.max(vals.count, 1))
        rowStart.initialize(from: starts, count: size + 1)
        columns.initialize(from: cols, count: cols.count)
        values.initialize(from: vals, count: vals.count)
        rawSpectralRadius = try spectralRadius()
    }

    deinit {
        rowStart.deallocate()
        columns.deallocate()
        values.deallocate()
    }

    /// Multiplies every entry so the spectral radius of W becomes `target`.
    ///
    /// - Throws: `InputError` if `target` is not a positive finite number, or if the matrix has
    ///   no nonzero eigenvalue (a nilpotent draw, possible only for tiny reservoirs).
    public func scale(toSpectralRadius target: Double) throws {
        guard target.isFinite, target > 0 else {
            throw InputError(place: "esn.spectral_radius", "must be a positive number, got \(target)")
        }
        let current = rawSpectralRadius * scaleFactor
        guard current > 1e-12 else {
            throw InputError(place: "esn.spectral_radius",
                             "the random reservoir has spectral radius 0; raise connectivity or size")
        }
        let factor = target / current
        for k in 0..<nonzeroCount { values[k] = Scalar(Double(values[k]) * factor) }
        scaleFactor *= factor
    }

    /// The spectral radius of W as stored now, computed from all eigenvalues in Double (LAPACK
    /// `dgeev`, O(N³): about a second at N = 1000).
    public func spectralRadius() throws -> Double {
        let dense = denseDouble()
        let values = dense.withUnsafeBufferPointer { eigenvalues($0.baseAddress!, n: size) }
        guard let values else {
            throw InputError(place: "reservoir", "eigenvalues could not be computed (non-finite weights or LAPACK failure)")
        }
        return values.reduce(0) { Swift.max($0, $1.magnitude) }
    }

    /// W as a dense row-major [N, N] array in Double (for eigenvalues, plots and checkpoints).
    public func denseDouble() -> [Double] {
        var dense = [Double](repeating: 0, count: size * size)
        for r in 0..<size {
            for k in rowStart[r]..<rowStart[r + 1] { dense[r * size + Int(columns[k])] = Double(values[k]) }
        }
        return dense
    }

    /// y[N] += W · x[N]. Reads only the stored entries.
    @inline(__always)
    public func multiplyAdd(_ x: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>) {
        for r in 0..<size {
            var sum: Scalar = 0
            for k in rowStart[r]..<rowStart[r + 1] { sum += values[k] * x[Int(columns[k])] }
            y[r] += sum
        }
    }
}
