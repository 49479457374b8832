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
        mapInPlace8(x, count: count, fastSigmoid)
    }

    public static func tanhInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        mapInPlace8(x, count: count, fastTanh)
    }

    public static func expInPlace(_ x: UnsafeMutablePointer<Float>, count: Int) {
        mapInPlace8(x, count: count, fastExp)
    }

    public static func clampInPlace(_ x: UnsafeMutablePointer<Float>, count: Int, limit: Float)
        -> (before: Float, after: Float, clamped: Int) {
        var sumBefore = SIMD8<Float>(), sumAfter = SIMD8<Float>(), hits = SIMD8<Int32>()
        var i = 0
        while i + 8 <= count {
            let v = load8(x + i)
            let (c, out) = clamp8(v, limit)
            sumBefore += v * v
            sumAfter += c * c
            hits &-= out   // −1 in every lane that was clamped
            store8(c, x + i)
            i += 8
        }
        var before = laneSum(sumBefore), after = laneSum(sumAfter)
        var clamped = Int(hits.wrappedSum())
        while i < count { clampOne(x + i, limit, &before, &after, &clamped); i += 1 }
        return (before, after, clamped)
    }
}

/// v clamped into [−limit, limit] with NaN kept, and −1 in the lanes that were outside.
@inline(__always)
private func clamp8(_ v: SIMD8<Float>, _ limit: Float) -> (SIMD8<Float>, SIMD8<Int32>) {
    #if arch(x86_64)
    // minps/maxps return their second operand when either is NaN, so NaN passes through.
    let hi = SIMD4<Float>(repeating: limit), lo = -hi
    let absMask = unsafeBitCast(SIMD4<UInt32>(repeating: 0x7FFF_FFFF), to: SIMD4<Float>.self)
    func half(_ h: SIMD4<Float>) -> (SIMD4<Float>, SIMD4<Int32>) {
        (_mm_min_ps(hi, _mm_max_ps(lo, h)), unsafeBitCast(_mm_cmplt_ps(hi, _mm_and_ps(h, absMask)), to: SIMD4<Int32>.self))
    }
    let (cl, ol) = half(v.lowHalf), (ch, oh) = half(v.highHalf)
    return (SIMD8(lowHalf: cl, highHalf: ch), SIMD8(lowHalf: ol, highHalf: oh))
    #else
    let hi = SIMD8<Float>(repeating: limit), lo = -hi
    let high = v .> hi, low = v .< lo
    let c = v.replacing(with: hi, where: high).replacing(with: lo, where: low)
    return (c, SIMD8<Int32>().replacing(with: -1, where: high .| low))
    #endif
}

/// σ for eight floats.
@inline(__always)
func fastSigmoid(_ v: SIMD8<Float>) -> SIMD8<Float> { 1 / (1 + fastExp(-v)) }

/// σ and tanh of eight lanes, for kernels that fuse a gate's arithmetic around them: Float
/// through `fastExp`, Double through the exact library functions, as the in-place forms.
@inline(__always)
func sigmoid8<Scalar: BLASReal>(_ v: SIMD8<Scalar>) -> SIMD8<Scalar> {
    if Scalar.self == Float.self {
        return unsafeBitCast(fastSigmoid(unsafeBitCast(v, to: SIMD8<Float>.self)), to: SIMD8<Scalar>.self)
    }
    var y = v
    for i in 0..<8 { y[i] = sigmoid(v[i]) }
    return y
}

@inline(__always)
func tanh8<Scalar: BLASReal>(_ v: SIMD8<Scalar>) -> SIMD8<Scalar> {
    if Scalar.self == Float.self {
        return unsafeBitCast(fastTanh(unsafeBitCast(v, to: SIMD8<Float>.self)), to: SIMD8<Scalar>.self)
    }
    var y = v
    for i in 0..<8 { y[i] = Scalar.tanh(v[i]) }
    return y
}

/// tanh for eight floats as v·P(v²)/Q(v²), an odd rational function with P and Q of degree
/// 4 in v², whose coefficients were fitted here (iteratively reweighted least squares on the
/// relative error over [0, 9]); evaluated in float, it stays within 3.4e-7 of tanh
/// (VectorMathTests bounds it by 1e-6). Beyond ±9 tanh is 1 to float precision, so the input
/// is clamped there and the result held inside [−1, 1]. One division and sixteen
/// multiply-adds: a third of the cost of going through e^{2v}, with no sign or small-input
/// special cases. NaN passes through the clamps.
@inline(__always)
func fastTanh(_ v: SIMD8<Float>) -> SIMD8<Float> {
    let x = clampSymmetric(v, 9)
    let t = x * x
    var p = SIMD8<Float>(repeating: 1.335_448_9e-8)
    p = p * t + 2.060_897_2e-5
    p = p * t + 3.495_582_1e-3
    p = p * t + 0.133_810_21
    p = p * t + 1
    var q = SIMD8<Float>(repeating: 7.776_491_2e-7)
    q = q * t + 3.285_624_6e-4
    q = q * t + 2.587_696e-2
    q = q * t + 0.467_143_36
    q = q * t + 1
    return clampSymmetric(x * p / q, 1)
}

/// min(max(v, −limit), limit) lane by lane, NaN kept.
@inline(__always)
func clampSymmetric(_ v: SIMD8<Float>, _ limit: Float) -> SIMD8<Float> {
    #if arch(x86_64)
    // minps/maxps return their second operand when either is NaN.
    let hi = SIMD4<Float>(repeating: limit), lo = -hi
    return SIMD8(lowHalf: _mm_min_ps(hi, _mm_max_ps(lo, v.lowHalf)), highHalf: _mm_min_ps(hi, _mm_max_ps(lo, v.highHalf)))
    #else
    let hi = SIMD8<Float>(repeating: limit)
    return v.replacing(with: hi, where: v .> hi).replacing(with: -hi, where: v .< -hi)
    #endif
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
