#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

// min-char-rnn's update, `np.clip(g, -5, 5); m += g*g; w -= lr*g/sqrt(m + 1e-8)`, as one pass:
// each gradient entry is read once, clamped, written back (as `clipGradValue` leaves it) and
// used, where clipping and then stepping read and write every gradient twice.
extension Adagrad {
    public func step(_ params: [Parameter<Scalar>], clippingValuesTo limit: Double) -> ClipEvent {
        #if arch(x86_64)
        // The fused kernel covers min-char-rnn's form in Float; anything else clips, then steps.
        if Scalar.self == Float.self, epsilonPlacement == .insideSqrt, weightDecay == 0, !anyMasked(params) {
            return clipAndStep(params, limit: limit)
        }
        #endif
        let event = clipGradValue(params, limit: limit)
        step(params)
        return event
    }

    /// Masks zero gradients before an update; clipping first must still see them.
    private func anyMasked(_ params: [Parameter<Scalar>]) -> Bool {
        for p in params where p.mask != nil && !p.frozen { return true }
        return false
    }

    #if arch(x86_64)
    private func clipAndStep(_ params: [Parameter<Scalar>], limit: Double) -> ClipEvent {
        sums.initialValue = Scalar(initialAccumulatorValue)
        sums.prepare(params)
        var before = 0.0, after = 0.0, clamped = 0, total = 0
        for i in params.indices where !params[i].frozen {
            let p = params[i]
            let k = sums.advance(i)
            let lr = Float(learningRate / (1 + Double(k - 1) * lrDecay))
            let r = clampedAdagrad(g: floats(p.grad.data), w: floats(p.value.data), s: floats(sums.slot(0, of: i)),
                                   count: p.count, limit: Float(limit), learningRate: lr, epsilon: Float(epsilon))
            before += Double(r.before)
            after += Double(r.after)
            clamped += r.clamped
            total += p.count
        }
        return .value(limit: limit, squaresBefore: before, squaresAfter: after, clamped: clamped, of: total)
    }

    @inline(__always)
    private func floats(_ p: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }
    #endif
}

#if arch(x86_64)
/// Four lanes at a time, so the clamp's and the update's constants and the three running sums
/// stay in the sixteen SSE registers. The arithmetic is `clampInPlace` followed by
/// `Adagrad.step` (d = c with no weight decay, reciprocal root with one Newton step) operation
/// for operation, so weights and accumulators come out identical; only the clip report's sums
/// add up in a different order.
func clampedAdagrad(g: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, s: UnsafeMutablePointer<Float>,
                    count n: Int, limit: Float, learningRate: Float, epsilon: Float)
    -> (before: Float, after: Float, clamped: Int) {
    let k = ClampedAdagradConstants(limit: limit, learningRate: learningRate, epsilon: epsilon)
    var sums = ClampedAdagradSums()
    var j = 0
    while j + 4 <= n {
        let r = k.lanes(load4(g + j), load4(w + j), load4(s + j), &sums)
        store4(r.c, g + j); store4(r.s, s + j); store4(r.w, w + j)
        j += 4
    }
    while j < n {   // one entry at a time through the same lanes
        let r = k.lanes(SIMD4(g[j], 0, 0, 0), SIMD4(w[j], 0, 0, 0), SIMD4(s[j], 0, 0, 0), &sums)
        g[j] = r.c[0]; s[j] = r.s[0]; w[j] = r.w[0]
        j += 1
    }
    let b2 = sums.before.lowHalf + sums.before.highHalf, a2 = sums.after.lowHalf + sums.after.highHalf
    return (b2[0] + b2[1], a2[0] + a2[1], Int(sums.hits.wrappedSum()))
}

/// The clip report's running sums: squares before and after, and −1 per clamped entry.
private struct ClampedAdagradSums {
    var before = SIMD4<Float>(), after = SIMD4<Float>(), hits = SIMD4<Int32>()
}

private struct ClampedAdagradConstants {
    let hi: SIMD4<Float>, lo: SIMD4<Float>, lr: SIMD4<Float>, eps: SIMD4<Float>
    let absMask = unsafeBitCast(SIMD4<UInt32>(repeating: 0x7FFF_FFFF), to: SIMD4<Float>.self)

    init(limit: Float, learningRate: Float, epsilon: Float) {
        hi = SIMD4(repeating: limit); lo = -hi
        lr = SIMD4(repeating: learningRate); eps = SIMD4(repeating: epsilon)
    }

    /// Clamp, then Adagrad, for four entries.
    @inline(__always)
    func lanes(_ x: SIMD4<Float>, _ w: SIMD4<Float>, _ s: SIMD4<Float>, _ sums: inout ClampedAdagradSums)
        -> (c: SIMD4<Float>, w: SIMD4<Float>, s: SIMD4<Float>) {
        // minps/maxps return their second operand when either is NaN, so NaN passes through.
        let c = _mm_min_ps(hi, _mm_max_ps(lo, x))
        sums.hits &-= unsafeBitCast(_mm_cmplt_ps(hi, _mm_and_ps(x, absMask)), to: SIMD4<Int32>.self)
        let c2 = c * c
        sums.before += x * x
        sums.after += c2
        let sum = s + c2
        let v = sum + eps
        let y = _mm_rsqrt_ps(v)
        let root = y * (1.5 - 0.5 * v * y * y)
        return (c, w - lr * (c * root), sum)
    }
}

@inline(__always)
private func load4(_ p: UnsafePointer<Float>) -> SIMD4<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Float>.self) }

@inline(__always)
private func store4(_ v: SIMD4<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Float>.self)
}
#endif
