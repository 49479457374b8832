import TermGrid

/// Small drawing helpers the data panes share: glyph choice by capability, one-line messages,
/// and showing a token in a single cell.
enum PaneDrawing {
    static let labelStyle = Style(foreground: .gray)
    static let headerStyle = Style(foreground: .white, attributes: .bold)
    static let messageStyle = Style(foreground: .gray, attributes: .italic)
    /// Loud tags for events a learner must not miss: clipping and NaN/Inf.
    static let clipTag = Style(foreground: .rgb(255, 255, 255), background: .rgb(170, 30, 30), attributes: .bold)
    static let nonFiniteTag = Style(foreground: .rgb(255, 255, 255), background: .rgb(150, 0, 150), attributes: .bold)

    /// Writes `text` on the area's first row (or says less when it does not fit).
    static func message(_ text: String, in area: Rect, into buffer: inout Buffer) {
        guard !area.isEmpty else { return }
        buffer.put(text, x: area.x, y: area.y, style: messageStyle, clip: area)
    }

    /// The "too small" message the pane conventions ask for when nothing meaningful fits.
    static func tooSmall(in area: Rect, into buffer: inout Buffer) {
        message("too small", in: area, into: &buffer)
    }

    /// " · " between header parts; " - " on ASCII terminals.
    static func separator(_ ascii: Bool) -> String { ascii ? " - " : " · " }
    /// "×" for shapes; "x" on ASCII terminals.
    static func times(_ ascii: Bool) -> String { ascii ? "x" : "×" }

    /// → / ← for a layer's direction, with ASCII fallbacks.
    static func arrow(direction: Int, ascii: Bool) -> String {
        direction == 0 ? (ascii ? "->" : "→") : (ascii ? "<-" : "←")
    }

    /// The glyph that stands for `token` in one cell: its first character (see `glyph(for:)`).
    static func tokenGlyph(_ token: String, ascii: Bool) -> Unicode.Scalar {
        guard let s = token.unicodeScalars.first else { return ascii ? "_" : "∅" }
        return glyph(for: s, ascii: ascii)
    }

    /// `s` made safe for one cell: whitespace and control characters made visible, anything
    /// wider than one column (or outside ASCII on ASCII terminals) replaced by `?`.
    static func glyph(for s: Unicode.Scalar, ascii: Bool) -> Unicode.Scalar {
        switch s {
        case " ": return ascii ? "_" : "␣"
        case "\n": return ascii ? "/" : "↵"
        case "\t": return ascii ? ">" : "⇥"
        default: break
        }
        let v = s.value
        if v < 0x20 || v == 0x7F { return "?" }
        if ascii && v > 0x7E { return "?" }
        if (0x0300...0x036F).contains(v) || (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || v >= 0x1F000 {
            return "?"
        }
        return s
    }

    /// Writes up to `width` characters of `token` from (x, y), made safe cell by cell.
    static func putToken(_ token: String, x: Int, y: Int, width: Int, style: Style, ascii: Bool,
                         clip: Rect, into buffer: inout Buffer) {
        var column = x
        for s in token.unicodeScalars {
            if column >= x + width { break }
            if clip.contains(x: column, y: y) { buffer[column, y] = Cell(glyph(for: s, ascii: ascii), style: style) }
            column += 1
        }
    }

    /// `token` as shown inside quotes in footers: whitespace made visible, at most 12 characters.
    static func quoted(_ token: String, ascii: Bool) -> String {
        var out = String.UnicodeScalarView()
        for s in token.unicodeScalars.prefix(12) { out.append(glyph(for: s, ascii: ascii)) }
        return "'" + String(out) + "'"
    }

    /// Writes a non-negative integer right-aligned so that its last digit lands at `right − 1`,
    /// digit by digit (no String); returns the column of its first digit.
    @discardableResult
    static func putInt(_ n: Int, rightEdge right: Int, y: Int, style: Style, clip: Rect, into buffer: inout Buffer) -> Int {
        var v = max(0, n), x = right - 1
        repeat {
            if clip.contains(x: x, y: y) {
                buffer[x, y] = Cell(Unicode.Scalar(UInt8(48 + v % 10)), style: style)
            }
            v /= 10; x -= 1
        } while v > 0
        return x + 1
    }

    /// Decimal digits of a non-negative integer.
    static func digits(_ n: Int) -> Int {
        var v = max(0, n), d = 1
        while v >= 10 { v /= 10; d += 1 }
        return d
    }
}
