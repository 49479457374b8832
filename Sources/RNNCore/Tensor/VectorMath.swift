import RealModule
#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// In-place elementwise nonlinearities over contiguous buffers.
///
/// Gate nonlinearities are the one place besides the matrix products where a recurrent step
/// spends real time (a 512-unit LSTM evaluates 16 million of them per training step). Float
/// runs them eight lanes at a time through `fastExp`; Double, the gradient-check precision,
/// calls the exact library functions so a finite-difference test measures the math alone.
public protocol VectorMath {
    /// x ← 1 / (1 + e^−x)
    static func sigmoidInPlace(_ x: UnsafeMutablePointer<Self>, count: Int)
    /// x ← tanh x
    static func tanhInPlace(_ x: UnsafeMutablePointer<Self>, count: Int)
    /// x ← e^x
    static func expInPlace(_ x: UnsafeMutablePointer<Self>, count: Int)
    /// x ← min(max(x, −limit), limit), leaving NaN as it is. Returns Σx² before and after and
    /// how many entries were outside the limits (gradient clipping by value).
    static func clampInPlace(_ x: UnsafeMutablePointer<Self>, count: Int, limit: Self)
        -> (before: Self, after: Self, clamped: Int)
}

extension Double: VectorMath {
    public static func sigmoidInPlace(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = RNNCore.sigmoid(x[i]) }
    }
    public static func tanhInPlace(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = Double.tanh(x[i]) }
    }
    public static func expInPlace(_ x: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { x[i] = Double.exp(x[i]) }
    }
    public static func clampInPlace(_ x: UnsafeMutablePointer<Double>, count: Int, limit: Double)
        -> (before: Double, after: Double, clamped: Int) {
        var before = 0.0, after = 0.0, clamped = 0
        for i in 0..<count { clampOne(x + i, limit, &before, &after, &clamped) }
        return (before, after, clamped)
    }
}

@inline(__always)
private func clampOne<T: BLASReal>(_ p: UnsafeMutablePointer<T>, _ hi: T, _ before: inout T, _ after: inout T,
                                   _ clamped: inout Int) {
    let v = p.pointee
    let c = v > hi ? hi : (v < -hi ? -hi : v)
    before += v * v
    after += c * c
    clamped &+= c != v && !v.isNaN ? 1 : 0
    p.pointee = c
}

extension Float: VectorMath {
    public static func sigmoidInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            let y = 1 / (1 + fastExp(-v))
            UnsafeMutableRawPointer(x + i).storeBytes(of: y, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { x[i] = RNNCore.sigmoid(x[i]); i += 1 }
    }

    public static func tanhInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            // tanh v = sign(v)·(1 − 2 / (e^{2|v|} + 1)); near 0 that subtraction cancels, so
            // small inputs take the odd Taylor series instead.
            let a = v.replacing(with: -v, where: v .< 0)
            let big = 1 - 2 / (fastExp(2 * a) + 1)
            let a2 = a * a
            var series = SIMD8<Float>(repeating: -17.0 / 315) * a2
            series = (series + 2.0 / 15) * a2
            series = (series - 1.0 / 3) * a2
            let small = a * (series + 1)
            var y = big.replacing(with: small, where: a .< 0.0625)
            y = y.replacing(with: -y, where: v .< 0)
            UnsafeMutableRawPointer(x + i).storeBytes(of: y, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { x[i] = Float.tanh(x[i]); i += 1 }
    }

    public static func expInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(x + i).storeBytes(of: fastExp(v), as: SIMD8<Float>.self)
            i += 8
        }
        while i < count { x[i] = Float.exp(x[i]); i += 1 }
    }

    public static func clampInPlace(_ x: UnsafeMutablePointer<Float>, count: Int, limit: Float)
        -> (before: Float, after: Float, clamped: Int) {
        let hi = SIMD8<Float>(repeating: limit), lo = -hi
        var sumBefore = SIMD8<Float>(), sumAfter = SIMD8<Float>(), hits = SIMD8<Int32>()
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Float>.self)
            let high = v .> hi, low = v .< lo
            let c = v.replacing(with: hi, where: high).replacing(with: lo, where: low)
            sumBefore += v * v
            sumAfter += c * c
            hits.replace(with: hits &+ 1, where: high .| low)
            UnsafeMutableRawPointer(x + i).storeBytes(of: c, as: SIMD8<Float>.self)
            i += 8
        }
        var before = laneSum(sumBefore), after = laneSum(sumAfter)
        var clamped = Int(hits.wrappedSum())
        while i < count { clampOne(x + i, limit, &before, &after, &clamped); i += 1 }
        return (before, after, clamped)
    }
}

/// e^x for eight floats, within a few ulp (VectorMathTests bounds the error by 1e-6 relative).
///
/// Range reduction x = n·ln2 + r with |r| ≤ ln2/2, where ln2 is split in a high part exact in
/// float and a low correction; e^r by its Taylor series to degree 7 (truncation error below
/// 1e-8 relative); then 2^n is put straight into the exponent bits. Inputs are clamped to
/// where the result is a normal float, so n + 127 never leaves 1...254.
///
/// Rounding uses the 1.5·2²³ trick: adding it leaves round(v) in the low mantissa bits, which
/// keeps every operation a plain vector instruction (the library's float-to-int conversion
/// of SIMD types goes element by element).
@inline(__always)
func fastExp(_ x: SIMD8<Float>) -> SIMD8<Float> {
    var x = x
    x.replace(with: SIMD8(repeating: -87.0), where: x .< -87.0)
    x.replace(with: SIMD8(repeating: 88.0), where: x .> 88.0)
    let magic = SIMD8<Float>(repeating: 12_582_912)   // 1.5 · 2²³
    let shifted = x * 1.442_695_04 + magic
    let n = shifted - magic
    let r = x - n * 0.693_145_75 - n * 1.428_606_8e-6
    var p = SIMD8<Float>(repeating: 1.0 / 5040)
    p = p * r + 1.0 / 720
    p = p * r + 1.0 / 120
    p = p * r + 1.0 / 24
    p = p * r + 1.0 / 6
    p = p * r + 0.5
    p = p * r + 1
    p = p * r + 1
    let nBits = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
    let scale = (nBits &+ 127) &<< 23
    return p * unsafeBitCast(scale, to: SIMD8<Float>.self)
}

/// Eight consecutive scalars as a vector, for loops that step through buffers eight at a time.
@inline(__always)
func load8<Scalar: BLASReal>(_ p: UnsafePointer<Scalar>) -> SIMD8<Scalar> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Scalar>.self)
}

@inline(__always)
func store8<Scalar: BLASReal>(_ v: SIMD8<Scalar>, _ p: UnsafeMutablePointer<Scalar>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Scalar>.self)
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

/// The sum of a vector's eight lanes.
@inline(__always)
func laneSum<Scalar: BLASReal>(_ v: SIMD8<Scalar>) -> Scalar {
    let four = v.lowHalf + v.highHalf
    let two = four.lowHalf + four.highHalf
    return two[0] + two[1]
}
