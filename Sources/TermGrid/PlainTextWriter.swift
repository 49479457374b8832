/// A buffer as plain text: glyphs only, for `render --format text`, logs and pipes.
public enum PlainTextWriter {
    /// Every row, trailing spaces trimmed, each ending in a newline.
    public static func render(_ buffer: Buffer) -> String {
        var out = OutputBytes(capacity: (buffer.width + 1) * buffer.height)
        for y in 0..<buffer.height {
            let row = y * buffer.width
            var end = buffer.width
            while end > 0 && buffer.cells[row + end - 1].glyph == " " { end -= 1 }
            for x in 0..<end { out.append(glyph: buffer.cells[row + x].glyph) }
            out.append(byte: UInt8(ascii: "\n"))
        }
        return out.string
    }
}
