import CBLAS
import RealModule

/// A floating-point type with BLAS kernels: `Float` for training, `Double` for gradient checks.
///
/// Matrices are row-major. `gemm` computes `C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C`,
/// where `op` transposes when asked; `lda`, `ldb` and `ldc` are row strides in elements.
public protocol BLASReal: Real, BinaryFloatingPoint, VectorMath, SIMDScalar, Sendable
where RawSignificand: FixedWidthInteger {
    static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// y += alpha * x
    static func axpy(n: Int, alpha: Self, x: UnsafePointer<Self>, y: UnsafeMutablePointer<Self>)
    static func dot(n: Int, x: UnsafePointer<Self>, y: UnsafePointer<Self>) -> Self
    /// The element type's name in a safetensors header: "F32" or "F64".
    static var dtypeName: String { get }
}

@inline(__always)
private func op(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: BLASReal {
    @inline(__always)
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        BLASThreads.fit(m: m, n: n, k: k)
        if m == 1 {
            // One row of C: a matrix–vector product skips GEMM's packing of B, which is most
            // of the cost at batch 1. C[1,n] = a · op(B), with a read at stride (transA ? lda : 1).
            cblas_sgemv(CblasRowMajor, transB ? CblasNoTrans : CblasTrans, Int32(transB ? n : k), Int32(transB ? k : n),
                        alpha, b, Int32(ldb), a, Int32(transA ? lda : 1), beta, c, 1)
            return
        }
        cblas_sgemm(CblasRowMajor, op(transA), op(transB), Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inline(__always)
    public static func axpy(n: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(Int32(n), alpha, x, 1, y, 1)
    }
    @inline(__always)
    public static func dot(n: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>) -> Float {
        cblas_sdot(Int32(n), x, 1, y, 1)
    }
    public static var dtypeName: String { "F32" }
}

extension Double: BLASReal {
    @inline(__always)
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        BLASThreads.fit(m: m, n: n, k: k)
        cblas_dgemm(CblasRowMajor, op(transA), op(transB), Int32(m), Int32(n), Int32(k),
                    alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
    @inline(__always)
    public static func axpy(n: Int, alpha: Double, x: UnsafePointer<Double>, y: UnsafeMutablePointer<Double>) {
        cblas_daxpy(Int32(n), alpha, x, 1, y, 1)
    }
    @inline(__always)
    public static func dot(n: Int, x: UnsafePointer<Double>, y: UnsafePointer<Double>) -> Double {
        cblas_ddot(Int32(n), x, 1, y, 1)
    }
    public static var dtypeName: String { "F64" }
}

/// The OpenBLAS kernel family in use, e.g. "Haswell" or "SkylakeX".
public var blasCoreName: String { String(cString: openblas_get_corename()) }

/// Sets how many threads OpenBLAS may use for one matrix product.
public func setBLASThreads(_ n: Int) { BLASThreads.limit = max(1, n) }

/// Chooses the thread count per product. Waking a second thread costs more than it saves on the
/// small products of a recurrent step (batch × hidden × 4·hidden at demo sizes), and OpenBLAS's
/// idle threads spin; so products under `threshold` multiply-adds run on the calling thread.
public enum BLASThreads {
    /// The most threads a product may use (the --threads option).
    nonisolated(unsafe) public static var limit = max(1, Int(openblas_get_num_threads())) {
        didSet { current = 0 }
    }
    /// Products with fewer multiply-adds than this run single-threaded.
    /// Measured on the benchmark workloads (2 cores): 2^20 beat 2^18 and 2^22 on W1 and W4.
    nonisolated(unsafe) public static var threshold = 1 << 20
    nonisolated(unsafe) static var current = 0

    @inline(__always)
    static func fit(m: Int, n: Int, k: Int) {
        let want = m * n * k < threshold ? 1 : limit
        if want != current {
            openblas_set_num_threads(Int32(want))
            current = want
        }
    }
}
