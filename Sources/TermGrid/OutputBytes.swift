/// A growing UTF-8 byte string for the writers: escapes, numbers and glyphs are appended as
/// bytes, so a frame costs no per-cell `String` allocations and one conversion at the end.
struct OutputBytes {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    mutating func append(_ text: StaticString) {
        // Byte by byte: the escapes are a few bytes long, too short for a bulk copy to pay.
        text.withUTF8Buffer { for b in $0 { bytes.append(b) } }
    }

    /// Runtime text. Literals go to the `StaticString` overload, which costs no `String`;
    /// hence the label.
    mutating func append(string text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func append(byte: UInt8) { bytes.append(byte) }

    /// A non-negative decimal number, without going through `String`.
    mutating func append(_ number: Int) {
        let n = max(0, number)
        if n < 10 { bytes.append(UInt8(ascii: "0") + UInt8(n)); return }
        if n < 100 {
            bytes.append(UInt8(ascii: "0") + UInt8(n / 10)); bytes.append(UInt8(ascii: "0") + UInt8(n % 10)); return
        }
        var divisor = 100
        while divisor <= n / 10 { divisor *= 10 }
        var rest = n
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor; divisor /= 10
        }
    }

    /// One glyph. C0 and C1 control characters become `?`: a cell must never smuggle an
    /// escape sequence into the output.
    mutating func append(glyph: Unicode.Scalar) {
        let v = glyph.value
        if v < 0x80 {
            bytes.append(v < 0x20 || v == 0x7F ? UInt8(ascii: "?") : UInt8(v))
        } else if v < 0xA0 {
            bytes.append(UInt8(ascii: "?"))
        } else {
            UTF8.encode(glyph) { bytes.append($0) }
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
