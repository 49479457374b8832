import CBLAS

/// Linear least squares with an L2 penalty, solved in Double through the normal equations:
///
///     (XᵀX + β·I) Wᵀ = XᵀY      X [R, F] features, Y [R, O] targets, W [O, F] weights
///
/// Rows are added in chunks with `accumulate`, so only the Gram matrix XᵀX [F, F] and the
/// cross term YᵀX [O, F] are kept: a long run never has to hold all its states at once. The
/// solve is a Cholesky factorisation (LAPACK `dposv`), which is what a symmetric positive
/// definite system deserves; when the system is not positive definite, or so badly
/// conditioned that the answer would be noise, `solve` throws instead of returning garbage.
public final class RidgeRegression {
    /// F, the width of one feature row.
    public let featureCount: Int
    /// O, the width of one target row.
    public let outputCount: Int
    /// R, rows accumulated since the last `reset`.
    public private(set) var rowCount = 0

    /// [F, F] XᵀX and [O, F] YᵀX (which LAPACK reads as the column-major [F, O] XᵀY).
    private let gram: Tensor<Double>
    private let cross: Tensor<Double>
    private let factor: Tensor<Double>

    /// The largest acceptable ratio (max uᵢᵢ / min uᵢᵢ)² over the Cholesky factor's diagonal.
    /// That ratio is a lower bound on the condition number of XᵀX + βI; past ~1e14 a Double
    /// solve has almost no correct digits left.
    public static let maxConditionEstimate = 1e14

    public init(featureCount: Int, outputCount: Int) {
        precondition(featureCount > 0 && outputCount > 0, "ridge regression needs F, O > 0")
        self.featureCount = featureCount
        self.outputCount = outputCount
        gram = Tensor(shape: [featureCount, featureCount])
        cross = Tensor(shape: [outputCount, featureCount])
        factor = Tensor(shape: [featureCount, featureCount])
    }

    /// Forgets every accumulated row.
    public func reset() {
        gram.zero()
        cross.zero()
        rowCount = 0
    }

    /// Adds R rows: features [R, F] and targets [R, O], both row-major.
    public func accumulate(features: UnsafePointer<Double>, targets: UnsafePointer<Double>, rows: Int) {
        if rows == 0 { return }
        let f = featureCount, o = outputCount
        // XᵀX += Xᵀ · X      [F, R] · [R, F]
        Double.gemm(transA: true, transB: false, m: f, n: f, k: rows, alpha: 1, a: features, lda: f,
                    b: features, ldb: f, beta: 1, c: gram.data, ldc: f)
        // YᵀX += Yᵀ · X      [O, R] · [R, F]
        Double.gemm(transA: true, transB: false, m: o, n: f, k: rows, alpha: 1, a: targets, lda: o,
                    b: features, ldb: f, beta: 1, c: cross.data, ldc: f)
        rowCount += rows
    }

    /// Solves for the weights W [O, F] that minimise ‖XWᵀ − Y‖² + β‖W‖².
    ///
    /// - Throws: `InputError` when β is negative or not finite, when nothing was accumulated,
    ///   when the data holds NaN or infinity, and when XᵀX + βI is singular or too badly
    ///   conditioned (the message suggests a larger β).
    public func solve(beta: Double) throws -> Tensor<Double> {
        let f = featureCount, o = outputCount
        guard beta.isFinite, beta >= 0 else { throw InputError(place: "ridge.beta", "must be ≥ 0, got \(beta)") }
        guard rowCount > 0 else { throw InputError(place: "ridge", "no training rows were collected") }
        if gram.hasNonFinite || cross.hasNonFinite {
            throw InputError(place: "ridge", "features or targets contain NaN or infinity")
        }
        factor.copy(from: gram)
        for i in 0..<f { factor[i * f + i] += beta }
        let weights = cross.clone()

        var uplo: CChar = 85  // "U"; the matrix is symmetric, so either triangle is the whole story
        var n = Int32(f), nrhs = Int32(o), lda = Int32(f), ldb = Int32(f), info: Int32 = 0
        dposv_(&uplo, &n, &nrhs, factor.data, &lda, weights.data, &ldb, &info)
        if info < 0 { throw InputError(place: "ridge", "LAPACK dposv: argument \(-info) is invalid") }
        if info > 0 {
            throw InputError(place: "ridge.beta",
                             "XᵀX + βI is not positive definite (pivot \(info) of \(f)) at β = \(beta); "
                             + "increase β or collect more rows than features (\(rowCount) rows, \(f) features)")
        }
        var lo = Double.infinity, hi = 0.0
        for i in 0..<f {
            let d = Swift.abs(factor[i * f + i])
            lo = Swift.min(lo, d); hi = Swift.max(hi, d)
        }
        let estimate = (hi / lo) * (hi / lo)
        if !(estimate <= Self.maxConditionEstimate) || weights.hasNonFinite {
            throw InputError(place: "ridge.beta",
                             "XᵀX + βI is too badly conditioned (condition ≥ \(estimate)) at β = \(beta); increase β")
        }
        return weights
    }

    /// One-shot fit: features [R, F], targets [R, O] → weights [O, F].
    public static func fit(features: Tensor<Double>, targets: Tensor<Double>, beta: Double) throws -> Tensor<Double> {
        guard features.shape.count == 2, targets.shape.count == 2, features.shape[0] == targets.shape[0],
              features.shape[1] > 0, targets.shape[1] > 0 else {
            throw InputError(place: "ridge", "features \(features.shape) and targets \(targets.shape) do not pair up as [R, F] and [R, O]")
        }
        let ridge = RidgeRegression(featureCount: features.shape[1], outputCount: targets.shape[1])
        ridge.accumulate(features: features.data, targets: targets.data, rows: features.shape[0])
        return try ridge.solve(beta: beta)
    }
}
