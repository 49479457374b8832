import CBLAS
import RealModule

/// A floating-point type with BLAS kernels: `Float` for training, `Double` for gradient checks.
///
/// Matrices are row-major. `gemm` computes `C[m,n] = alpha * op(A)[m,k] * op(B)[k,n] + beta * C`,
/// where `op` transposes when asked; `lda`, `ldb` and `ldc` are row strides in elements.
///
/// Products large enough to share go to `BLASThreads`, which splits them across rnnbook's own
/// threads; OpenBLAS itself always runs single-threaded (see BLASThreads for why).
public protocol BLASReal: Real, BinaryFloatingPoint, VectorMath, SIMDScalar, Sendable
where RawSignificand: FixedWidthInteger {
    /// One product on the calling thread.
    static func gemmOnCallingThread(
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

extension BLASReal {
    /// C[m,n] = alpha · op(A)[m,k] · op(B)[k,n] + beta · C, shared across `BLASThreads.limit`
    /// threads when it is large.
    @inline(__always)
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        BLASThreads.product(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                            b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

@inline(__always)
private func op(_ t: Bool) -> CBLAS_TRANSPOSE { t ? CblasTrans : CblasNoTrans }

extension Float: BLASReal {
    @inline(__always)
    public static func gemmOnCallingThread(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
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
    public static func gemmOnCallingThread(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
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
