/// Short, fixed-width-friendly number text for axes, legends and the status bar.
///
/// Written by hand rather than with Foundation's formatters because panes format numbers every
/// frame and must stay within the frame budget.
public enum NumberFormat {
    /// At most `digits` significant digits: `0.0123`, `12.3`, `1.2e-05`, `3.4e+07`, `nan`, `inf`.
    public static func compact(_ value: Double, digits: Int = 3) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let exponent = Int((magnitude.log10Floor))
        if exponent < -3 || exponent >= 6 {
            let mantissa = value / pow10(exponent)
            return fixed(mantissa, decimals: max(0, digits - 1)) + "e" + (exponent < 0 ? "-" : "+")
                + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
        }
        let decimals = max(0, digits - 1 - exponent)
        return fixed(value, decimals: decimals)
    }

    /// `value` with exactly `decimals` digits after the point, trailing zeros removed.
    public static func fixed(_ value: Double, decimals: Int, trimZeros: Bool = true) -> String {
        let scale = pow10(decimals)
        let rounded = (abs(value) * scale).rounded()
        guard rounded < 9e18 else { return value < 0 ? "-big" : "big" }
        let whole = UInt64(rounded)
        let unit = UInt64(scale)
        var integerPart = String(whole / max(unit, 1))
        if value < 0 && whole != 0 { integerPart = "-" + integerPart }
        guard decimals > 0 else { return integerPart }
        var fraction = String(whole % unit)
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        return fraction.isEmpty ? integerPart : integerPart + "." + fraction
    }

    static func pow10(_ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<abs(n) { r *= 10 }
        return n < 0 ? 1 / r : r
    }
}

extension Double {
    /// ⌊log10 |self|⌋ without Foundation, exact at powers of ten.
    var log10Floor: Int {
        var m = abs(self), e = 0
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        return e
    }
}
