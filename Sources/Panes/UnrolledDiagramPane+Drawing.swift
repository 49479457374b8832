import TermGrid

/// Box, arrow and label labels of the unrolled diagram.
struct DiagramLabels {
    var inputTokens: [String]?
    var outputTokens: [String]?
    var ascii: Bool

    func input(_ t: Int) -> String { token(inputTokens, t) ?? "x" + index(t + 1) }
    func output(_ t: Int) -> String { token(outputTokens, t) ?? "y" + index(t + 1) }
    func hidden(_ t: Int) -> String { "h" + index(t + 1) }

    func widest(_ t: Int) -> Int {
        max(TextGlyph.width(input(t)), TextGlyph.width(output(t)), TextGlyph.width(hidden(t)))
    }

    /// Whitespace tokens get a visible stand-in; characters a cell cannot hold become `·`.
    private func token(_ tokens: [String]?, _ t: Int) -> String? {
        guard let tokens, t >= 0, t < tokens.count else { return nil }
        var out = String.UnicodeScalarView()
        for g in tokens[t].unicodeScalars {
            switch g {
            case " ": out.append(ascii ? "_" : "␣")
            case "\n": out.append(contentsOf: (ascii ? "\\n" : "↵").unicodeScalars)
            case "\t": out.append(contentsOf: (ascii ? "\\t" : "⇥").unicodeScalars)
            default: out.append(ascii && !g.isASCII ? "?" : TextGlyph.displayable(g))
            }
        }
        return out.isEmpty ? (ascii ? "''" : "∅") : String(out)
    }

    private func index(_ n: Int) -> String {
        let digits = String(n)
        if ascii { return digits }
        var out = String.UnicodeScalarView()
        for d in digits.unicodeScalars { out.append(Unicode.Scalar(0x2080 + d.value - 48) ?? d) }
        return String(out)
    }
}

/// Draws the parts of the diagram at the rows `DiagramRows` chose.
struct DiagramPen {
    let area: Rect
    let ascii: Bool
    let rows: DiagramRows
    let boxWidth: Int

    static let arrowStyle = Style(foreground: .rgb(170, 170, 180))
    static let inputStyle = Style(foreground: .rgb(120, 180, 255))
    static let hiddenStyle = Style(foreground: .rgb(235, 235, 235), attributes: .bold)
    static let outputStyle = Style(foreground: .rgb(130, 220, 140))
    static let missingStyle = Style(foreground: .gray, attributes: .dim)

    /// `──▶` in the gap before a box, at the hidden row; `…─▶` when earlier steps are hidden.
    func forwardArrow(gapEnd x: Int, continued: Bool, into buffer: inout Buffer) {
        let text = ascii ? (continued ? "..>" : "-->") : (continued ? "…─▶" : "──▶")
        put(text, x: x - DiagramGeometry.gap, y: rows.hidden, style: Self.arrowStyle, into: &buffer)
    }

    /// The x, h and y boxes of one step, with the vertical arrows between them.
    func column(x: Int, output: String, hidden: String, input: String, highlighted: Bool, into buffer: inout Buffer) {
        var hStyle = Self.hiddenStyle
        if highlighted { hStyle = Style(foreground: .brightCyan, attributes: [.bold, .reverse]) }
        if let y = rows.y { box(output, x: x, row: y, style: Self.outputStyle, into: &buffer) }
        box(hidden, x: x, row: rows.hidden, style: hStyle, into: &buffer)
        if let row = rows.x { box(input, x: x, row: row, style: Self.inputStyle, into: &buffer) }
        let up = ascii ? "^" : "↑"
        for row in [rows.upperArrow, rows.lowerArrow].compactMap({ $0 }) {
            put(up, x: x + boxWidth / 2, y: row, style: Self.arrowStyle, into: &buffer)
        }
    }

    /// A box centred on `row`: three rows with borders when boxed, else one row (the hidden
    /// state in brackets, so the recurrent arrows visibly join boxes).
    private func box(_ label: String, x: Int, row: Int, style: Style, into buffer: inout Buffer) {
        let inner = boxWidth - 2
        let text = TextGlyph.truncate(label, to: inner, ascii: ascii)
        let pad = (inner - TextGlyph.width(text)) / 2
        if rows.boxed {
            let (tl, tr, bl, br, h, v) = ascii ? ("+", "+", "+", "+", "-", "|") : ("┌", "┐", "└", "┘", "─", "│")
            let rule = String(repeating: h, count: inner)
            put(tl + rule + tr, x: x, y: row - 1, style: style, into: &buffer)
            put(v, x: x, y: row, style: style, into: &buffer)
            put(v, x: x + boxWidth - 1, y: row, style: style, into: &buffer)
            put(bl + rule + br, x: x, y: row + 1, style: style, into: &buffer)
        } else if row == rows.hidden {
            put("[", x: x, y: row, style: style, into: &buffer)
            put("]", x: x + boxWidth - 1, y: row, style: style, into: &buffer)
        }
        put(text, x: x + 1 + pad, y: row, style: style, into: &buffer)
    }

    /// `◀━━` (heavy, bright) to `◀┄┄` (dotted, dark) in the gap before a box, below the
    /// forward arrow: the gradient leaving step t for step t−1.
    func backwardArrow(gapEnd x: Int, shade: DiagramArrowShade, into buffer: inout Buffer) {
        guard let row = rows.back else { return }
        let text: String, style: Style
        switch shade {
        case .missing:
            text = ascii ? "<  " : "◀  "; style = Self.missingStyle
        case .nonFinite:
            text = ascii ? "<!!" : "◀!!"; style = Style(foreground: .brightRed, attributes: .bold)
        case let .level(b):
            let line = b >= 2.0 / 3 ? (ascii ? "==" : "━━") : b >= 1.0 / 3 ? (ascii ? "--" : "──") : (ascii ? ".." : "┄┄")
            text = (ascii ? "<" : "◀") + line
            style = Self.shadeStyle(b)
        }
        put(text, x: x - DiagramGeometry.gap, y: row, style: style, into: &buffer)
    }

    /// The norm under a step, centred on it, only when it fits between its neighbours.
    func normLabel(_ norm: Double, boxX x: Int, shade: DiagramArrowShade, into buffer: inout Buffer) {
        guard let row = rows.norms else { return }
        let room = DiagramGeometry.gap + boxWidth - 1
        var text = NumberFormat.compact(norm, digits: 2)
        if TextGlyph.width(text) > room { text = NumberFormat.compact(norm, digits: 1) }
        guard TextGlyph.width(text) <= room else { return }
        let center = x + boxWidth / 2
        let start = max(x - DiagramGeometry.gap + 1, min(center - TextGlyph.width(text) / 2, x + boxWidth - TextGlyph.width(text)))
        let style: Style
        switch shade {
        case let .level(b): style = Self.shadeStyle(b)
        default: style = Style(foreground: .brightRed, attributes: .bold)
        }
        put(text, x: start, y: row, style: style, into: &buffer)
    }

    /// `…` in place of the steps that do not fit.
    func ellipsis(x: Int, into buffer: inout Buffer) {
        let text = ascii ? "..." : " … "
        for row in [rows.y, rows.hidden, rows.x].compactMap({ $0 }) {
            put(text, x: x, y: row, style: Self.missingStyle, into: &buffer)
        }
    }

    /// What the backward arrows' shading means, with the extreme norms.
    func legend(row: Int, shade: DiagramGradientShade, into buffer: inout Buffer) {
        var column = put(ascii ? "dL/dh_t: " : "‖∂L/∂h_t‖: ", x: 0, y: row, style: Self.arrowStyle, into: &buffer)
        column = put(ascii ? "<.." : "◀┄┄", x: column, y: row, style: Self.shadeStyle(0), into: &buffer)
        column = put(" " + NumberFormat.compact(shade.low, digits: 2) + " … ", x: column, y: row, style: Self.arrowStyle, into: &buffer)
        column = put(ascii ? "<==" : "◀━━", x: column, y: row, style: Self.shadeStyle(1), into: &buffer)
        put(" " + NumberFormat.compact(shade.high, digits: 2) + " (log)", x: column, y: row, style: Self.arrowStyle, into: &buffer)
    }

    /// Dark blue-grey through orange to pale yellow; bold for the brightest third and dim
    /// for the darkest, so a monochrome terminal keeps the ordering too.
    static func shadeStyle(_ b: Double) -> Style {
        let t = min(1, max(0, b))
        func mix(_ a: Double, _ c: Double, _ f: Double) -> UInt8 { UInt8(max(0, min(255, (a + (c - a) * f).rounded()))) }
        let color: Color = t < 0.5
            ? .rgb(mix(55, 200, t * 2), mix(55, 95, t * 2), mix(80, 45, t * 2))
            : .rgb(mix(200, 255, t * 2 - 1), mix(95, 230, t * 2 - 1), mix(45, 120, t * 2 - 1))
        let attributes: Attributes = t >= 2.0 / 3 ? .bold : t < 1.0 / 3 ? .dim : []
        return Style(foreground: color, attributes: attributes)
    }

    /// Puts text at a position relative to the area, clipped to it.
    @discardableResult
    private func put(_ text: String, x: Int, y: Int, style: Style, into buffer: inout Buffer) -> Int {
        buffer.put(text, x: area.x + x, y: area.y + y, style: style, clip: area) - area.x
    }
}
