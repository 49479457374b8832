/// A buffer as ANSI escape sequences: whole frames for `render --format ansi`, and
/// cursor-addressed updates between two frames for asciinema recordings.
///
/// Colours are folded to the requested depth first; SGR sequences are written only where the
/// folded style changes, each one complete (it starts with `0` to reset), so no attribute ever
/// leaks from one cell into the next.
public enum ANSIWriter {
    /// The whole buffer, row by row: trailing blank default-styled cells are trimmed, and each
    /// row ends with a reset (when styled) and a newline.
    public static func render(_ buffer: Buffer, depth: ColorDepth) -> String {
        var out = OutputBytes(capacity: buffer.width * buffer.height * 2)
        var sgr = SGRState(depth: depth)
        for y in 0..<buffer.height {
            let row = y * buffer.width
            let end = sgr.visibleEnd(of: buffer.cells[row ..< row + buffer.width])
            for x in 0..<end { sgr.write(buffer.cells[row + x], to: &out) }
            sgr.reset(&out)
            out.append("\n")
        }
        return out.string
    }

    /// What to send a terminal showing `old` so that it shows `new`: only the changed runs, each
    /// after a cursor move. With no `old`, or one of another size, the screen is cleared and
    /// repainted. Assumes the terminal's attributes are reset, which every update leaves them;
    /// returns "" when nothing changed.
    public static func update(from old: Buffer?, to new: Buffer, depth: ColorDepth) -> String {
        var out = OutputBytes()
        writeUpdate(from: old, to: new, depth: depth, into: &out)
        return out.string
    }

    /// `update` appending bytes to `out`, so a recorder can reuse one byte buffer per frame.
    static func writeUpdate(from old: Buffer?, to new: Buffer, depth: ColorDepth, into out: inout OutputBytes) {
        var sgr = SGRState(depth: depth)
        guard let old, old.width == new.width, old.height == new.height else {
            out.append("\u{1B}[0m\u{1B}[H\u{1B}[2J")
            for y in 0..<new.height {
                let row = y * new.width
                let end = sgr.visibleEnd(of: new.cells[row ..< row + new.width])
                guard end > 0 else { continue }
                moveCursor(&out, x: 0, y: y)
                for x in 0..<end { sgr.write(new.cells[row + x], to: &out) }
            }
            sgr.reset(&out)
            return
        }
        let runs = new.changes(since: old)
        // Room for the worst case up front, so a frame grows its storage once, not ~20 times.
        let perCell = depth == .truecolor ? 40 : depth == .mono ? 12 : 24
        out.bytes.reserveCapacity(out.bytes.count + runs.reduce(0) { $0 + 8 + $1.cells.count * perCell })
        // Runs are maximal, so two never touch: each one needs its own cursor move.
        for run in runs {
            moveCursor(&out, x: run.x, y: run.y)
            for cell in run.cells { sgr.write(cell, to: &out) }
        }
        sgr.reset(&out)
    }

    /// CUP: rows and columns count from 1.
    static func moveCursor(_ out: inout OutputBytes, x: Int, y: Int) {
        out.append("\u{1B}["); out.append(y + 1); out.append(";"); out.append(x + 1); out.append("H")
    }
}

/// A style after folding, as packed words (see `Cell`), so comparing two is three compares.
struct FoldedStyle: Equatable {
    var attributes: UInt8, foreground: UInt32, background: UInt32
    static let plain = FoldedStyle(attributes: 0, foreground: 0, background: 0)
}

/// Tracks the style the terminal is in while a frame is written, folding each cell's colours
/// once per change of raw style rather than once per cell.
struct SGRState {
    let depth: ColorDepth
    private(set) var current = FoldedStyle.plain
    private var lastRaw = Cell.blank
    private var lastFolded = FoldedStyle.plain

    init(depth: ColorDepth) { self.depth = depth }

    mutating func fold(_ cell: Cell) -> FoldedStyle {
        if !cell.hasSameStyle(as: lastRaw) {
            lastRaw = cell
            lastFolded = FoldedStyle(
                attributes: cell.attributes.rawValue,
                foreground: Color(packed: cell.foregroundBits).folded(to: depth).packed,
                background: Color(packed: cell.backgroundBits).folded(to: depth).packed)
        }
        return lastFolded
    }

    /// The number of leading cells worth writing: trailing spaces with the plain style are
    /// what a freshly cleared line already shows.
    mutating func visibleEnd(of row: ArraySlice<Cell>) -> Int {
        var end = row.count
        while end > 0 {
            let cell = row[row.startIndex + end - 1]
            guard cell.glyph == " " && fold(cell) == .plain else { break }
            end -= 1
        }
        return end
    }

    mutating func write(_ cell: Cell, to out: inout OutputBytes) {
        let style = fold(cell)
        if style != current {
            Self.writeSGR(style, depth: depth, to: &out)
            current = style
        }
        out.append(glyph: cell.glyph)
    }

    /// Returns the terminal to the plain style if it is not there already.
    mutating func reset(_ out: inout OutputBytes) {
        if current != .plain { out.append("\u{1B}[0m"); current = .plain }
    }

    static func writeSGR(_ style: FoldedStyle, depth: ColorDepth, to out: inout OutputBytes) {
        out.append("\u{1B}[0")
        let a = Attributes(rawValue: style.attributes)
        if a.contains(.bold) { out.append(";1") }
        if a.contains(.dim) { out.append(";2") }
        if a.contains(.italic) { out.append(";3") }
        if a.contains(.underline) { out.append(";4") }
        if a.contains(.reverse) { out.append(";7") }
        writeColor(style.foreground, base: 30, brightBase: 90, extended: 38, to: &out)
        writeColor(style.background, base: 40, brightBase: 100, extended: 48, to: &out)
        out.append("m")
    }

    /// `;30+n` / `;90+n` for the 16 ANSI colours, `;38;5;n` for the rest of the palette,
    /// `;38;2;r;g;b` for RGB (with 40/100/48 for backgrounds); nothing for the default.
    private static func writeColor(_ packed: UInt32, base: Int, brightBase: Int, extended: Int, to out: inout OutputBytes) {
        switch Color(packed: packed) {
        case .terminalDefault: return
        case .indexed(let n) where n < 8: out.append(";"); out.append(base + Int(n))
        case .indexed(let n) where n < 16: out.append(";"); out.append(brightBase + Int(n) - 8)
        case .indexed(let n): out.append(";"); out.append(extended); out.append(";5;"); out.append(Int(n))
        case .rgb(let r, let g, let b):
            out.append(";"); out.append(extended); out.append(";2;")
            out.append(Int(r)); out.append(";"); out.append(Int(g)); out.append(";"); out.append(Int(b))
        }
    }
}
