import RNNCore
import TermGrid

/// Pane 8: text with each character coloured by one hidden unit's activation, the classic way
/// to find the unit that tracks quotes or line length in a character model.
///
/// Activations line up with the text's Unicode scalars (one per character, as
/// `CharacterText` tokenises). Values in [−1, 1] colour the background on a diverging scale:
/// blue below zero, red above, dark grey near zero. Without colour, strong positive values
/// are bold reversed and strong negative ones underlined, so the sign still shows. Newlines
/// start new rows (the newline's own value colours a blank cell at the row's end), tabs
/// become spaces to the next multiple of four, and characters a cell cannot show become `·`.
public enum NeuronTextPane {
    public struct ViewState: Hashable, Sendable {
        /// The unit whose activations are shown (for the header; the caller picks the values).
        public var unit: Int
        /// The first text row shown.
        public var scroll: Int
        /// A character index whose exact value the header shows, or nil.
        public var cursor: Int?

        public init(unit: Int = 0, scroll: Int = 0, cursor: Int? = nil) {
            self.unit = unit; self.scroll = scroll; self.cursor = cursor
        }
    }

    /// One unit's activations over time from a snapshot's layer, or nil when out of range.
    public static func activations(_ snapshot: ProbeSnapshot, layer: Int, unit: Int) -> [Float]? {
        guard layer >= 0, layer < snapshot.layers.count else { return nil }
        let hidden = snapshot.layers[layer].hidden
        guard let first = hidden.first, unit >= 0, unit < first.count else { return nil }
        return hidden.map { unit < $0.count ? $0[unit] : .nan }
    }

    public static func render(text: String, activations: [Float], state: ViewState, in area: Rect,
                              into buffer: inout Buffer, context: PaneContext) {
        guard !area.isEmpty else { return }
        let caps = context.capabilities
        header(text: text, activations: activations, state: state, in: Rect(x: area.x, y: area.y, width: area.width, height: 1),
               into: &buffer, capabilities: caps)
        guard area.height >= 2 else { return }
        let body = area.inset(top: 1)
        let top = min(max(0, state.scroll), max(0, rowCount(text: text, width: body.width) - body.height))
        var walker = NeuronTextWalker(width: body.width)
        for (index, scalar) in text.unicodeScalars.enumerated() {
            let value: Float? = index < activations.count ? activations[index] : nil
            var style = value.map { Self.style(activation: $0, capabilities: caps) } ?? .plain
            if state.cursor == index { style.attributes.formSymmetricDifference(.reverse); style.attributes.insert(.underline) }
            var stop = false
            walker.place(scalar) { column, row, glyph in
                if row - top >= body.height { stop = true; return }
                guard row >= top else { return }
                buffer[body.x + column, body.y + row - top] = Cell(glyph, style: style)
            }
            if stop { break }
        }
    }

    /// Rows the text takes at `width`, to clamp `scroll`.
    public static func rowCount(text: String, width: Int) -> Int {
        var walker = NeuronTextWalker(width: width)
        for scalar in text.unicodeScalars { walker.place(scalar) { _, _, _ in } }
        return walker.rowCount
    }

    /// The row holding character `index` at `width`, to keep a cursor in view.
    public static func row(of index: Int, text: String, width: Int) -> Int {
        var walker = NeuronTextWalker(width: width)
        var found = 0
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i > index { break }
            walker.place(scalar) { _, row, _ in found = row }
        }
        return found
    }

    /// How a character with this activation looks.
    public static func style(activation v: Float, capabilities: Capabilities) -> Style {
        guard v.isFinite else {
            return capabilities.colorDepth == .mono
                ? Style(attributes: [.bold, .underline, .reverse])
                : Style(foreground: .brightWhite, background: .rgb(190, 0, 190), attributes: .bold)
        }
        if capabilities.colorDepth == .mono {
            if v >= 0.5 { return Style(attributes: [.bold, .reverse]) }
            if v >= 0.2 { return Style(attributes: .bold) }
            if v <= -0.5 { return Style(attributes: .underline) }
            if v <= -0.2 { return Style(attributes: .dim) }
            return .plain
        }
        return Style(foreground: .rgb(240, 240, 240), background: diverging(v))
    }

    /// Dark grey at 0 to red at +1 and blue at −1.
    static func diverging(_ value: Float) -> Color {
        let v = min(1, max(-1, value))
        let f = abs(v)
        func mix(_ a: Float, _ b: Float) -> UInt8 { UInt8(max(0, min(255, (a + (b - a) * f).rounded()))) }
        return v >= 0 ? .rgb(mix(45, 215), mix(45, 60), mix(45, 45)) : .rgb(mix(45, 40), mix(45, 105), mix(45, 220))
    }

    /// `unit 17  'e' +0.83` on the left and a `−1 0 +1` key on the right.
    private static func header(text: String, activations: [Float], state: ViewState, in row: Rect,
                               into buffer: inout Buffer, capabilities: Capabilities) {
        let ascii = capabilities.glyphs == .ascii
        var column = buffer.put("unit " + String(state.unit), x: row.x, y: row.y, style: Style(attributes: .bold), clip: row)
        if let cursor = state.cursor, cursor >= 0, cursor < activations.count {
            let scalars = text.unicodeScalars
            var glyph: Unicode.Scalar = "?"
            if cursor < scalars.count { glyph = scalars[scalars.index(scalars.startIndex, offsetBy: cursor)] }
            let shown: String = glyph == "\n" ? (ascii ? "\\n" : "↵") : glyph == " " ? "' '" : "'" + String(TextGlyph.displayable(glyph)) + "'"
            let v = activations[cursor]
            let value = v.isFinite ? (v >= 0 ? "+" : "") + NumberFormat.fixed(Double(v), decimals: 2, trimZeros: false) : "nan"
            column = buffer.put("  " + shown + " " + value, x: column, y: row.y, style: .plain, clip: row)
        }
        let key: [(String, Float)] = [(ascii ? "-1" : "−1", -1), (" 0 ", 0), ("+1", 1)]
        let keyWidth = 7
        guard row.maxX - column >= keyWidth + 2 else { return }
        var x = row.maxX - keyWidth
        for (label, value) in key { x = buffer.put(label, x: x, y: row.y, style: style(activation: value, capabilities: capabilities), clip: row) }
    }
}

/// Places characters in rows of `width` cells: wrapping, newlines and tabs.
struct NeuronTextWalker {
    let width: Int
    private(set) var column = 0, row = 0

    init(width: Int) { self.width = max(1, width) }

    var rowCount: Int { row + 1 }

    /// Calls `cell(column, row, glyph)` for every cell `scalar` occupies.
    mutating func place(_ scalar: Unicode.Scalar, cell: (Int, Int, Unicode.Scalar) -> Void) {
        switch scalar {
        case "\n":
            if column < width { cell(column, row, " ") }
            row += 1; column = 0
        case "\t":
            let n = 4 - column % 4
            for _ in 0..<n { advance(); cell(column, row, " "); column += 1 }
        default:
            advance()
            cell(column, row, TextGlyph.displayable(scalar))
            column += 1
        }
    }

    private mutating func advance() {
        if column >= width { row += 1; column = 0 }
    }
}
