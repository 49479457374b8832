/// Small elementwise kernels over contiguous buffers, eight lanes at a time.
///
/// They replace BLAS level-1 calls and per-element loops on the short vectors of a recurrent
/// step (a few dozen to a few thousand entries), where a library call's fixed cost is larger
/// than the work and a scalar loop does not vectorise because its buffers might alias.
/// Each does the same operations in the same order in its tail, so results do not depend on
/// where a vector boundary falls relative to the data.

/// Σ x[0..<n].
@inline(__always)
func sum<Scalar: BLASReal>(_ x: UnsafePointer<Scalar>, count n: Int) -> Scalar {
    var acc = SIMD8<Scalar>()
    var j = 0
    while j + 8 <= n { acc += load8(x + j); j += 8 }
    var s = laneSum(acc)
    while j < n { s += x[j]; j += 1 }
    return s
}

/// x ← a·x.
@inline(__always)
func scale<Scalar: BLASReal>(_ x: UnsafeMutablePointer<Scalar>, by a: Scalar, count n: Int) {
    let aV = SIMD8(repeating: a)
    var j = 0
    while j + 8 <= n { store8(aV * load8(x + j), x + j); j += 8 }
    while j < n { x[j] *= a; j += 1 }
}

/// y ← x − c.
@inline(__always)
func subtract<Scalar: BLASReal>(_ c: Scalar, from x: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>,
                                count n: Int) {
    let cV = SIMD8(repeating: c)
    var j = 0
    while j + 8 <= n { store8(load8(x + j) - cV, y + j); j += 8 }
    while j < n { y[j] = x[j] - c; j += 1 }
}

/// y ← y + x.
@inline(__always)
func add<Scalar: BLASReal>(_ x: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>, count n: Int) {
    var j = 0
    while j + 8 <= n { store8(load8(y + j) + load8(x + j), y + j); j += 8 }
    while j < n { y[j] += x[j]; j += 1 }
}

/// y[j] ← y[j] + Σ_r x[r, j] for x [rows, width]: a bias gradient from its rows. Row after
/// row, so x streams through once and y stays in cache.
@inline(__always)
func addColumnSums<Scalar: BLASReal>(_ x: UnsafePointer<Scalar>, rows: Int, width: Int,
                                     into y: UnsafeMutablePointer<Scalar>) {
    for r in 0..<rows { add(x + r * width, into: y, count: width) }
}

/// y ← a + b + c + d, summed left to right: a gate's pre-activation from its two products
/// and two biases.
@inline(__always)
func addFour<Scalar: BLASReal>(_ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ c: UnsafePointer<Scalar>,
                               _ d: UnsafePointer<Scalar>, into y: UnsafeMutablePointer<Scalar>, count n: Int) {
    var j = 0
    while j + 8 <= n { store8(load8(a + j) + load8(b + j) + load8(c + j) + load8(d + j), y + j); j += 8 }
    while j < n { y[j] = a[j] + b[j] + c[j] + d[j]; j += 1 }
}

/// y ← a + b + c, summed left to right.
@inline(__always)
func addThree<Scalar: BLASReal>(_ a: UnsafePointer<Scalar>, _ b: UnsafePointer<Scalar>, _ c: UnsafePointer<Scalar>,
                                into y: UnsafeMutablePointer<Scalar>, count n: Int) {
    var j = 0
    while j + 8 <= n { store8(load8(a + j) + load8(b + j) + load8(c + j), y + j); j += 8 }
    while j < n { y[j] = a[j] + b[j] + c[j]; j += 1 }
}
