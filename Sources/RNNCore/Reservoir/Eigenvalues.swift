import CBLAS

/// Eigenvalues of a dense square matrix, from LAPACK's `dgeev` (no eigenvectors).
///
/// `matrix` holds n×n values in either row- or column-major order: a matrix and its transpose
/// have the same eigenvalues, so the layout does not matter here. The input is copied, because
/// `dgeev` overwrites its argument.
///
/// - Returns: the real and imaginary parts, n of each, in LAPACK's order (conjugate pairs
///   adjacent, positive imaginary part first).
/// - Throws: `InputError` when the matrix has non-finite entries or the QR iteration fails.
func denseEigenvalues(_ matrix: UnsafePointer<Double>, n: Int) throws -> (real: [Double], imaginary: [Double]) {
    if n == 0 { return ([], []) }
    guard n <= Int(Int32.max) / n else { throw InputError(place: "eigenvalues", "matrix of size \(n) is too large for LAPACK") }
    for i in 0..<(n * n) where !matrix[i].isFinite {
        throw InputError(place: "eigenvalues", "matrix has a non-finite entry at index \(i)")
    }
    var a = Array(UnsafeBufferPointer(start: matrix, count: n * n))
    var real = [Double](repeating: 0, count: n)
    var imaginary = [Double](repeating: 0, count: n)
    var size = Int32(n), lda = Int32(n), one: Int32 = 1, info: Int32 = 0
    var unusedVector = [Double](repeating: 0, count: 1)
    let noVectors: CChar = 78  // "N": eigenvalues only, left and right

    // First call with lwork = -1 asks LAPACK for its preferred workspace size.
    var lwork: Int32 = -1
    var query = [Double](repeating: 0, count: 1)
    callDgeev(noVectors, &size, &a, &lda, &real, &imaginary, &unusedVector, &one, &query, &lwork, &info)
    if info != 0 { throw InputError(place: "eigenvalues", "LAPACK dgeev rejected the workspace query (info \(info))") }
    lwork = Int32(Swift.max(Double(4 * n), query[0]).rounded(.up))
    var work = [Double](repeating: 0, count: Int(lwork))
    callDgeev(noVectors, &size, &a, &lda, &real, &imaginary, &unusedVector, &one, &work, &lwork, &info)
    if info < 0 { throw InputError(place: "eigenvalues", "LAPACK dgeev: argument \(-info) is invalid") }
    if info > 0 {
        throw InputError(place: "eigenvalues", "LAPACK dgeev: the QR iteration did not converge (info \(info))")
    }
    return (real, imaginary)
}

/// The largest eigenvalue modulus of a dense n×n matrix (its spectral radius).
func denseSpectralRadius(_ matrix: UnsafePointer<Double>, n: Int) throws -> Double {
    let (re, im) = try denseEigenvalues(matrix, n: n)
    var radius = 0.0
    for k in 0..<n { radius = Swift.max(radius, (re[k] * re[k] + im[k] * im[k]).squareRoot()) }
    return radius
}

/// One `dgeev_` call asking for no eigenvectors; keeps the long argument list in one place.
private func callDgeev(
    _ job: CChar, _ n: inout Int32, _ a: inout [Double], _ lda: inout Int32,
    _ wr: inout [Double], _ wi: inout [Double], _ vectors: inout [Double], _ ldv: inout Int32,
    _ work: inout [Double], _ lwork: inout Int32, _ info: inout Int32
) {
    var jobvl = job, jobvr = job
    var ldvl = ldv, ldvr = ldv
    vectors.withUnsafeMutableBufferPointer { v in
        dgeev_(&jobvl, &jobvr, &n, &a, &lda, &wr, &wi, v.baseAddress, &ldvl, v.baseAddress, &ldvr,
               &work, &lwork, &info)
    }
}
