import TermGrid

/// A plot axis: maps data values to 0…1 linearly or by decades, and picks its tick labels.
///
/// A log axis keeps its range in exponents. Zero and negative values have no logarithm: they
/// sit on the floor of the axis (a vanished gradient is "at or below the bottom", not an error),
/// and non-finite values map to nil so the caller can leave a gap and mark them.
public struct Axis: Hashable, Sendable {
    public enum Kind: Hashable, Sendable { case linear, log10 }
    public var kind: Kind
    /// The ends, in data units (linear) or powers of ten (log10).
    public var low: Double, high: Double

    public init(kind: Kind, low: Double, high: Double) {
        self.kind = kind
        self.low = low; self.high = high > low ? high : low + 1
    }

    /// The axis spanning the finite `values` (positive ones on a log axis, widened to whole
    /// decades); a unit range when there is nothing to span.
    public static func fitting<S: Sequence>(_ values: S, kind: Kind) -> Axis where S.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite && (kind == .linear || v > 0) {
            lo = min(lo, v); hi = max(hi, v)
        }
        guard lo <= hi else { return kind == .linear ? Axis(kind: .linear, low: 0, high: 1) : Axis(kind: .log10, low: -1, high: 0) }
        if kind == .log10 {
            let a = Double(lo.log10Floor), b = Double(hi.log10Floor) + (Self.isPowerOfTen(hi) ? 0 : 1)
            return Axis(kind: .log10, low: a, high: max(b, a + 1))
        }
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            return Axis(kind: .linear, low: lo - pad, high: hi + pad)
        }
        return Axis(kind: .linear, low: lo, high: hi)
    }

    /// Where `value` sits, 0 at `low` to 1 at `high` (clamped); nil when it is not finite.
    @inline(__always)
    public func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let v: Double
        if kind == .log10 {
            guard value > 0 else { return 0 }
            v = Self.log10(value)
        } else {
            v = value
        }
        return min(1, max(0, (v - low) / (high - low)))
    }

    /// Tick values (data units) and their labels, at most `maxCount` of them.
    public func ticks(maxCount: Int) -> [(value: Double, label: String)] {
        guard maxCount > 0 else { return [] }
        switch kind {
        case .log10:
            let first = Int(low.rounded(.up)), last = Int(high.rounded(.down))
            guard first <= last else { return [] }
            let every = max(1, (last - first) / maxCount + ((last - first) % maxCount == 0 ? 0 : 1))
            return stride(from: first, through: last, by: every).map { (Self.pow10($0), Self.decadeLabel($0)) }
        case .linear:
            let step = Self.niceStep(atLeast: (high - low) / Double(maxCount))
            var out: [(Double, String)] = []
            var k = (low / step).rounded(.up)
            while k * step <= high + step * 1e-9 && out.count < maxCount + 1 {
                let v = abs(k * step) < step * 1e-6 ? 0 : k * step
                out.append((v, NumberFormat.compact(v, digits: 3)))
                k += 1
            }
            return out
        }
    }

    /// A power of ten as an axis label: plain from 0.01 to 100, `1e-5` style beyond.
    public static func decadeLabel(_ e: Int) -> String {
        switch e {
        case -2: return "0.01"
        case -1: return "0.1"
        case 0: return "1"
        case 1: return "10"
        case 2: return "100"
        default: return "1e" + String(e)
        }
    }

    /// The smallest 1, 2 or 5 × 10^k that is ≥ `x` (x > 0).
    static func niceStep(atLeast x: Double) -> Double {
        guard x > 0 && x.isFinite else { return 1 }
        let base = pow10(x.log10Floor)
        for m in [1.0, 2, 5, 10] where base * m >= x * (1 - 1e-12) { return base * m }
        return base * 10
    }

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<min(abs(n), 400) { r *= 10 }
        return n < 0 ? 1 / r : r
    }

    static func isPowerOfTen(_ v: Double) -> Bool { v == pow10(v.log10Floor) }

    /// log10 from the float's exponent and a short series on its mantissa (no Foundation).
    /// The mantissa is folded into [√½, √2] so six terms of the atanh series reach ~1e-9,
    /// far below a dot; this runs once per plotted point on log axes.
    @inline(__always)
    static func log10(_ x: Double) -> Double {
        var e = Double(x.exponent), m = x.significand  // 1 ≤ m < 2
        if m > 1.414_213_562_373_095 { m *= 0.5; e += 1 }
        let s = (m - 1) / (m + 1), s2 = s * s
        let series = s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 * (1 / 9 + s2 / 11)))))
        return (e * 0.693_147_180_559_945_3 + 2 * series) * 0.434_294_481_903_251_8
    }
}

extension Double {
    /// ⌊log10 |self|⌋ for finite non-zero values, exact at powers of ten.
    var log10Floor: Int {
        let m = abs(self)
        guard m.isFinite && m > 0 else { return 0 }
        // The series estimate can land a hair off at exact powers of ten; correct it.
        var e = Int(Axis.log10(m).rounded(.down))
        if Axis.pow10(e + 1) <= m { e += 1 }
        if Axis.pow10(e) > m { e -= 1 }
        return e
    }
}
