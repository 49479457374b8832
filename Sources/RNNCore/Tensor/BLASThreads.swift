import CBLAS

/// Sets how many threads rnnbook may use for one matrix product or time loop (--threads).
public func setBLASThreads(_ n: Int) { BLASThreads.limit = max(1, n) }

/// How products share the cores.
///
/// OpenBLAS runs single-threaded, always, and large products are split here instead, by rows
/// or columns of C, across `ThreadTeam`'s helpers. OpenBLAS's own threading fits a recurrent
/// step badly: its threaded GEMM driver allocates on every call (so a step was never free of
/// heap traffic with two threads), its idle workers spin for a tenth of a second after each
/// product, competing for the core the next step wants, and it cannot share the per-step work
/// between products. With rnnbook's threads, a recurrent layer instead hands each helper whole
/// batch rows for the entire time loop (RecurrentLayer+RowSplit), and the large products of a
/// step go through `product`.
public enum BLASThreads {
    /// The most threads a product may use.
    @exclusivity(unchecked) nonisolated(unsafe) public static var limit = max(1, Int(openblas_get_num_threads()))
    /// Products with fewer multiply-adds than this run on the calling thread: a hand-off costs
    /// a few microseconds, and each part should keep the kernel busy well beyond that.
    @exclusivity(unchecked) nonisolated(unsafe) public static var threshold = 1 << 21
    /// Rows (or columns) of C a part gets at least.
    static let minimumPart = 16
    @exclusivity(unchecked) nonisolated(unsafe) static var openBLASSingle = false

    @inline(__always)
    static func product<S: BLASReal>(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
        beta: S, c: UnsafeMutablePointer<S>, ldc: Int
    ) {
        if !openBLASSingle {
            _ = limit   // OpenBLAS's own default becomes rnnbook's before OpenBLAS is held to one
            openblas_set_num_threads(1)
            openBLASSingle = true
        }
        let parts = min(limit, max(m, n) / minimumPart)
        if parts > 1 && m * n * k >= threshold, ThreadTeam.shared.tryAcquire() {
            let job = ProductParts.shared
            job.set(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                    b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            ThreadTeam.shared.runAcquired(job, parts: parts)
            ThreadTeam.shared.release()
            return
        }
        S.gemmOnCallingThread(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                              b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

/// One product cut into parts along the longer side of C: part p gets rows (or columns)
/// p·L/P ..< (p+1)·L/P and runs as its own single-threaded product.
final class ProductParts: PartedWork, @unchecked Sendable {
    static let shared = ProductParts()
    private var isDouble = false
    private var transA = false, transB = false, byRows = true
    private var m = 0, n = 0, k = 0, lda = 0, ldb = 0, ldc = 0
    private var alpha = 0.0, beta = 0.0
    private var a = UnsafeRawPointer(bitPattern: 1)!, b = UnsafeRawPointer(bitPattern: 1)!
    private var c = UnsafeMutableRawPointer(bitPattern: 1)!

    func set<S: BLASReal>(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                          alpha: S, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, ldb: Int,
                          beta: S, c: UnsafeMutablePointer<S>, ldc: Int) {
        isDouble = S.self == Double.self
        self.transA = transA; self.transB = transB; byRows = m >= n
        self.m = m; self.n = n; self.k = k; self.lda = lda; self.ldb = ldb; self.ldc = ldc
        self.alpha = Double(alpha); self.beta = Double(beta)
        self.a = UnsafeRawPointer(a); self.b = UnsafeRawPointer(b); self.c = UnsafeMutableRawPointer(c)
    }

    func runPart(_ part: Int, of parts: Int) {
        if isDouble { run(part, parts, Double.self) } else { run(part, parts, Float.self) }
    }

    private func run<S: BLASReal>(_ part: Int, _ parts: Int, _: S.Type) {
        let a = a.assumingMemoryBound(to: S.self), b = b.assumingMemoryBound(to: S.self)
        let c = c.assumingMemoryBound(to: S.self)
        let length = byRows ? m : n
        let lo = part * length / parts, hi = (part + 1) * length / parts
        if byRows {
            // Rows lo..<hi of C come from rows lo..<hi of op(A).
            S.gemmOnCallingThread(transA: transA, transB: transB, m: hi - lo, n: n, k: k, alpha: S(alpha),
                                  a: transA ? a + lo : a + lo * lda, lda: lda, b: b, ldb: ldb,
                                  beta: S(beta), c: c + lo * ldc, ldc: ldc)
        } else {
            // Columns lo..<hi of C come from columns lo..<hi of op(B).
            S.gemmOnCallingThread(transA: transA, transB: transB, m: m, n: hi - lo, k: k, alpha: S(alpha),
                                  a: a, lda: lda, b: transB ? b + lo * ldb : b + lo, ldb: ldb,
                                  beta: S(beta), c: c + lo, ldc: ldc)
        }
    }
}
