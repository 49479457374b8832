#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

// Eight-lane building blocks for the hand-vectorised loops. The package builds for baseline
// x86-64 (SSE2), so SIMD8 is two 4-wide registers. Generic SIMD code that only adds and
// multiplies compiles to packed instructions; comparisons and square roots in generic code
// go lane by lane, which is why those live here or in concrete Float kernels.

/// Eight consecutive scalars as a vector, for loops that step through buffers eight at a time.
@inline(__always)
func load8<Scalar: BLASReal>(_ p: UnsafePointer<Scalar>) -> SIMD8<Scalar> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Scalar>.self)
}

@inline(__always)
func store8<Scalar: BLASReal>(_ v: SIMD8<Scalar>, _ p: UnsafeMutablePointer<Scalar>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Scalar>.self)
}

/// The first `n` (< 8) scalars at p, zeros in the other lanes: a loop's last partial vector.
@inline(__always)
func loadPartial8<Scalar: BLASReal>(_ p: UnsafePointer<Scalar>, _ n: Int) -> SIMD8<Scalar> {
    var v = SIMD8<Scalar>()
    for i in 0..<n { v[i] = p[i] }
    return v
}

/// Stores the first `n` (< 8) lanes of v at p.
@inline(__always)
func storePartial8<Scalar: BLASReal>(_ v: SIMD8<Scalar>, _ p: UnsafeMutablePointer<Scalar>, _ n: Int) {
    for i in 0..<n { p[i] = v[i] }
}

/// x ← f(x) for `count` scalars, eight lanes at a time; the last partial vector goes through
/// the same `f` with zero padding, so every element takes the same formula.
@inline(__always)
func mapInPlace8<Scalar: BLASReal>(_ x: UnsafeMutablePointer<Scalar>, count: Int,
                                   _ f: (SIMD8<Scalar>) -> SIMD8<Scalar>) {
    var i = 0
    while i + 8 <= count { store8(f(load8(x + i)), x + i); i += 8 }
    if i < count { storePartial8(f(loadPartial8(x + i, count - i)), x + i, count - i) }
}

/// The sum of a vector's eight lanes.
@inline(__always)
func laneSum<Scalar: BLASReal>(_ v: SIMD8<Scalar>) -> Scalar {
    let four = v.lowHalf + v.highHalf
    let two = four.lowHalf + four.highHalf
    return two[0] + two[1]
}

/// √v for eight lanes with packed instructions (SSE `sqrtps` / `sqrtpd`, exact IEEE roots).
///
/// The standard library's `SIMD8.squareRoot()` goes lane by lane through the C library's
/// `sqrtf`, which costs more than the rest of an optimizer's update put together.
@inline(__always)
func squareRoot8<Scalar: BLASReal>(_ v: SIMD8<Scalar>) -> SIMD8<Scalar> {
    #if arch(x86_64)
    if Scalar.self == Float.self {
        let f = unsafeBitCast(v, to: SIMD8<Float>.self)
        return unsafeBitCast(SIMD8<Float>(lowHalf: _mm_sqrt_ps(f.lowHalf), highHalf: _mm_sqrt_ps(f.highHalf)),
                             to: SIMD8<Scalar>.self)
    }
    if Scalar.self == Double.self {
        let d = unsafeBitCast(v, to: SIMD8<Double>.self)
        let lo = SIMD4<Double>(lowHalf: _mm_sqrt_pd(d.lowHalf.lowHalf), highHalf: _mm_sqrt_pd(d.lowHalf.highHalf))
        let hi = SIMD4<Double>(lowHalf: _mm_sqrt_pd(d.highHalf.lowHalf), highHalf: _mm_sqrt_pd(d.highHalf.highHalf))
        return unsafeBitCast(SIMD8<Double>(lowHalf: lo, highHalf: hi), to: SIMD8<Scalar>.self)
    }
    #endif
    var r = v
    for i in 0..<8 { r[i] = v[i].squareRoot() }
    return r
}

/// 1/√v for positive lanes. Float on x86 takes the `rsqrtps` estimate (12 bits) and one
/// Newton step, y ← y·(3 − v·y²)/2, which leaves a relative error below 1e-6 (VectorMathTests)
/// at a fraction of the cost of a root and a division, which share one slow unit. The estimate
/// is not specified bit for bit, so results repeat exactly on one machine, not across CPU
/// models. Double, the gradient-check precision, divides by the exact root.
@inline(__always)
func reciprocalSquareRoot8<Scalar: BLASReal>(_ v: SIMD8<Scalar>) -> SIMD8<Scalar> {
    #if arch(x86_64)
    if Scalar.self == Float.self {
        let f = unsafeBitCast(v, to: SIMD8<Float>.self)
        let y = SIMD8<Float>(lowHalf: _mm_rsqrt_ps(f.lowHalf), highHalf: _mm_rsqrt_ps(f.highHalf))
        return unsafeBitCast(y * (1.5 - 0.5 * f * y * y), to: SIMD8<Scalar>.self)
    }
    #endif
    return 1 / squareRoot8(v)
}

/// One scalar in every lane, and its store from lane 0: the one-unit tail of a kernel written
/// for eight lanes, so the last units take the same arithmetic as the rest.
@inline(__always)
func loadLane<Scalar: BLASReal>(_ p: UnsafePointer<Scalar>) -> SIMD8<Scalar> { SIMD8(repeating: p.pointee) }

@inline(__always)
func storeLane<Scalar: BLASReal>(_ v: SIMD8<Scalar>, _ p: UnsafeMutablePointer<Scalar>) { p.pointee = v[0] }
