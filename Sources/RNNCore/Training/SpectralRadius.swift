import CBLAS

/// One eigenvalue λ = real + i·imaginary.
public struct Eigenvalue: Sendable, Equatable {
    public var real: Double
    public var imaginary: Double
    /// |λ|, the complex modulus.
    public var magnitude: Double { (real * real + imaginary * imaginary).squareRoot() }

    public init(real: Double, imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }
}

/// All eigenvalues of the n×n row-major matrix at `a`, from LAPACK's `dgeev` in Double.
///
/// nil when the matrix holds a NaN or infinity, or LAPACK does not converge. Allocates its
/// workspace: call it from the Probe or at initialisation, not inside a training step.
public func eigenvalues<Scalar: BLASReal>(_ a: UnsafePointer<Scalar>, n: Int) -> [Eigenvalue]? {
    if n == 0 { return [] }
    // LAPACK reads column-major, so it sees Aᵀ, which has the same eigenvalues as A.
    var m = [Double](repeating: 0, count: n * n)
    for i in 0..<n * n {
        guard a[i].isFinite else { return nil }
        m[i] = Double(a[i])
    }
    var jobvl = CChar(UInt8(ascii: "N")), jobvr = CChar(UInt8(ascii: "N"))
    var order = Int32(n), lda = Int32(n), ldv: Int32 = 1, info: Int32 = 0
    var wr = [Double](repeating: 0, count: n), wi = [Double](repeating: 0, count: n)
    var unusedLeft = [0.0], unusedRight = [0.0]
    // First call asks for the best workspace size, the second does the work.
    var lwork: Int32 = -1
    var work = [0.0]
    dgeev_(&jobvl, &jobvr, &order, &m, &lda, &wr, &wi, &unusedLeft, &ldv, &unusedRight, &ldv,
           &work, &lwork, &info)
    guard info == 0 else { return nil }
    lwork = Int32(max(work[0], Double(4 * n)))
    work = [Double](repeating: 0, count: Int(lwork))
    dgeev_(&jobvl, &jobvr, &order, &m, &lda, &wr, &wi, &unusedLeft, &ldv, &unusedRight, &ldv,
           &work, &lwork, &info)
    guard info == 0 else { return nil }
    return (0..<n).map { Eigenvalue(real: wr[$0], imaginary: wi[$0]) }
}

/// All eigenvalues of a square 2-D tensor; nil as for `eigenvalues(_:n:)` or when not square.
public func eigenvalues<Scalar: BLASReal>(_ w: Tensor<Scalar>) -> [Eigenvalue]? {
    guard w.shape.count == 2, w.shape[0] == w.shape[1] else { return nil }
    return eigenvalues(w.data, n: w.shape[0])
}

/// The spectral radius max |λ| of a square matrix: how much W_hh stretches a state, in the
/// long run, per step. Below 1 a linear recurrence forgets; above 1 it can explode.
///
/// NaN when the tensor is not square or holds non-finite values. Allocates (see `eigenvalues`).
public func spectralRadius<Scalar: BLASReal>(_ w: Tensor<Scalar>) -> Double {
    guard let values = eigenvalues(w) else { return .nan }
    return values.reduce(0) { max($0, $1.magnitude) }
}

/// The H×H block of a gated W_hh [G·H, H] that feeds `gate`, copied into a new tensor.
///
/// `gateNames` is the cell's `gateNames` (e.g. ["i", "f", "g", "o"]). With no gate names the
/// whole matrix is returned when it is square. nil when the gate is unknown or the shape does
/// not split into square blocks.
public func gateBlock<Scalar: BLASReal>(_ w: Tensor<Scalar>, gate: String?, gateNames: [String]) -> Tensor<Scalar>? {
    guard w.shape.count == 2 else { return nil }
    let rows = w.shape[0], h = w.shape[1]
    guard let gate = gate, !gateNames.isEmpty else { return rows == h ? w : nil }
    guard let k = gateNames.firstIndex(of: gate), rows == gateNames.count * h else { return nil }
    let block = Tensor<Scalar>(shape: [h, h])
    block.data.update(from: w.data + k * h * h, count: h * h)
    return block
}

/// The spectral radius of one gate's recurrent block, or of the whole W_hh for a gateless cell.
public func spectralRadius<Scalar: BLASReal>(_ w: Tensor<Scalar>, gate: String?, gateNames: [String]) -> Double? {
    gateBlock(w, gate: gate, gateNames: gateNames).map { spectralRadius($0) }
}
