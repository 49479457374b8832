import TermGrid

/// How a heatmap turns a value into a colour (or, on a mono terminal, into a glyph).
public enum ColorScale: Hashable, Sendable {
    /// Centred on 0: cool for negative, near-neutral at 0, warm for positive; ±`limit` saturates.
    case diverging(limit: Float)
    /// Dark to bright from `low` to `high` (gates and attention use 0…1).
    case sequential(low: Float, high: Float)
    /// Sequential on log10 of the value, from 10^lowExponent to 10^highExponent. Zero and
    /// negative values sit at the dark end; they have no logarithm but are not errors.
    case logarithmic(lowExponent: Float, highExponent: Float)

    /// The symmetric diverging scale that fits `values`: ±max |v| over the finite values.
    public static func symmetric<S: Sequence>(fitting values: S) -> ColorScale where S.Element == Float {
        var m: Float = 0
        for v in values where v.isFinite { m = max(m, abs(v)) }
        return .diverging(limit: m)
    }

    public var isDiverging: Bool { if case .diverging = self { return true } else { return false } }

    /// Where `value` falls on the scale: −1…1 for diverging, 0…1 otherwise; nil when not finite.
    @inline(__always)
    public func position(_ value: Float) -> Float? {
        guard value.isFinite else { return nil }
        switch self {
        case .diverging(let limit):
            let l = limit > 0 && limit.isFinite ? limit : 1
            return min(1, max(-1, value / l))
        case .sequential(let low, let high):
            let span = high - low
            guard span > 0 && span.isFinite else { return value > low ? 1 : 0 }
            return min(1, max(0, (value - low) / span))
        case .logarithmic(let lo, let hi):
            guard value > 0 else { return 0 }
            let span = hi - lo
            guard span > 0 else { return 1 }
            return min(1, max(0, (ColorMap.log10(value) - lo) / span))
        }
    }

    /// The colour of `value`; non-finite values get `ColorMap.nonFinite`.
    @inline(__always)
    public func color(_ value: Float) -> Color {
        guard let p = position(value) else { return ColorMap.nonFinite }
        return isDiverging ? ColorMap.diverging(position: p) : ColorMap.sequential(position: p)
    }

    /// The mono-terminal glyph of `value`: a density ramp, signed for diverging scales.
    @inline(__always)
    public func glyph(_ value: Float) -> Unicode.Scalar {
        guard let p = position(value) else { return ColorMap.nonFiniteGlyph }
        return isDiverging ? ColorMap.signedDensity(position: p) : ColorMap.density(position: p)
    }
}

/// The palettes behind `ColorScale`, as lookup tables so a cell costs one multiply and one load.
///
/// The diverging map is dark in the middle and bright at both ends because terminals are
/// usually dark: a unit sitting at 0 fades into the background and saturated units stand out,
/// which is what the eye looks for in hidden states (saturation, vanishing activity).
public enum ColorMap {
    /// Marks NaN and ±Inf wherever a colour is expected: loud magenta, found in no palette.
    public static let nonFinite = Color.rgb(255, 0, 255)
    /// Marks NaN and ±Inf on mono terminals.
    public static let nonFiniteGlyph: Unicode.Scalar = "!"

    /// Diverging colour at `position` in −1…1.
    @inline(__always)
    public static func diverging(position p: Float) -> Color {
        divergingTable[Int(((p + 1) * Float(halfSteps)).rounded())]
    }

    /// Sequential colour at `position` in 0…1.
    @inline(__always)
    public static func sequential(position p: Float) -> Color {
        sequentialTable[Int((p * Float(steps)).rounded())]
    }

    /// The ramp for values in 0…1 on mono terminals, faint to dense.
    public static let densityRamp: [Unicode.Scalar] = [" ", ".", ":", "-", "=", "+", "*", "#", "%", "@"]
    /// Signed ramps for diverging values on mono terminals, faint to dense. Positive values use
    /// marks that grow upward and heavier; negative ones start with low marks (`,` `-` `=`) so
    /// the sign still reads at a glance; the legend prints both ramps.
    public static let positiveRamp: [Unicode.Scalar] = [" ", ".", ":", "+", "#", "@"]
    public static let negativeRamp: [Unicode.Scalar] = [" ", ",", "-", "=", "%", "&"]

    @inline(__always)
    public static func density(position p: Float) -> Unicode.Scalar {
        densityRamp[min(densityRamp.count - 1, Int(p * Float(densityRamp.count - 1) + 0.5))]
    }

    @inline(__always)
    public static func signedDensity(position p: Float) -> Unicode.Scalar {
        let ramp = p < 0 ? negativeRamp : positiveRamp
        return ramp[min(ramp.count - 1, Int(abs(p) * Float(ramp.count - 1) + 0.5))]
    }

    /// Black or white, whichever reads better on `background` (for cursors and labels on colour).
    public static func ink(on background: Color) -> Color {
        guard case .rgb(let r, let g, let b) = background else { return .brightWhite }
        let luma = 0.299 * Float(r) + 0.587 * Float(g) + 0.114 * Float(b)
        return luma > 140 ? .rgb(0, 0, 0) : .rgb(255, 255, 255)
    }

    /// log10 for positive finite floats, written out so the hot path needs no Foundation:
    /// the exponent comes from the float's bits, the mantissa's log from a short series.
    @inline(__always)
    static func log10(_ x: Float) -> Float {
        let e = Float(x.exponent)
        let m = x.significand  // 1 ≤ m < 2
        // ln(m) via atanh series in s = (m−1)/(m+1), |s| ≤ 1/3: plenty for colour.
        let s = (m - 1) / (m + 1), s2 = s * s
        let ln = 2 * s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 / 9))))
        return (e * 0.693_147_18 + ln) * 0.434_294_48
    }

    // MARK: Tables

    static let halfSteps = 64, steps = 128

    /// Control points (position, r, g, b), chosen by eye for dark backgrounds.
    static let divergingStops: [(Float, Float, Float, Float)] = [
        (-1.0, 120, 200, 255), (-0.5, 40, 110, 215), (0.0, 42, 42, 48),
        (0.5, 205, 75, 45), (1.0, 255, 210, 90),
    ]
    static let sequentialStops: [(Float, Float, Float, Float)] = [
        (0.0, 18, 18, 32), (0.25, 70, 35, 120), (0.5, 170, 50, 110),
        (0.75, 240, 125, 45), (1.0, 252, 240, 160),
    ]

    static let divergingTable: [Color] = (0...(2 * halfSteps)).map {
        interpolate(divergingStops, at: Float($0) / Float(halfSteps) - 1)
    }
    static let sequentialTable: [Color] = (0...steps).map {
        interpolate(sequentialStops, at: Float($0) / Float(steps))
    }

    static func interpolate(_ stops: [(Float, Float, Float, Float)], at p: Float) -> Color {
        var k = 0
        while k + 2 < stops.count && p > stops[k + 1].0 { k += 1 }
        let a = stops[k], b = stops[k + 1]
        let f = min(1, max(0, (p - a.0) / (b.0 - a.0)))
        func mix(_ x: Float, _ y: Float) -> UInt8 { UInt8(min(255, max(0, (x + (y - x) * f).rounded()))) }
        return .rgb(mix(a.1, b.1), mix(a.2, b.2), mix(a.3, b.3))
    }
}
