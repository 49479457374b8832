/// A `tmux capture-pane -p -e` screen read back into cells with the colours and attributes
/// each was drawn in: how the tests see which pane frame is focused.
///
/// tmux writes only SGR sequences (`ESC [ … m`) and emits a change of style only where it
/// changes, so the style is carried from cell to cell and from row to row.
struct StyledScreen {
    /// Colours and attributes of one cell, as SGR describes them.
    struct Style: Hashable, CustomStringConvertible {
        var bold = false, dim = false, italic = false, underline = false, reverse = false
        /// The SGR parameters that set the colour (`96`, `38;5;39`, `38;2;1;2;3`); nil for default.
        var foreground: String?, background: String?

        var description: String {
            [bold ? "bold" : nil, dim ? "dim" : nil, italic ? "italic" : nil, underline ? "underline" : nil,
             reverse ? "reverse" : nil, foreground.map { "fg " + $0 }, background.map { "bg " + $0 }]
                .compactMap { $0 }.joined(separator: " ")
        }
    }

    struct Cell { var glyph: Unicode.Scalar; var style: Style }

    /// A pane frame: where its top-left corner is, its title and the corner's style.
    struct Frame: CustomStringConvertible {
        var x: Int, y: Int, title: String, style: Style
        var description: String { "\(title) at \(x),\(y): \(style)" }
    }

    let rows: [[Cell]]

    init(_ captured: String) {
        var rows: [[Cell]] = [[]]
        var style = Style()
        let scalars = Array(captured.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                var parameters = ""
                while j < scalars.count, !(0x40...0x7E).contains(scalars[j].value) {
                    parameters.unicodeScalars.append(scalars[j]); j += 1
                }
                if j < scalars.count, scalars[j] == "m" { Self.apply(parameters, to: &style) }
                i = j + 1
                continue
            }
            if s == "\n" { rows.append([]) } else { rows[rows.count - 1].append(Cell(glyph: s, style: style)) }
            i += 1
        }
        if rows.last?.isEmpty == true { rows.removeLast() }
        self.rows = rows
    }

    /// The plain text of row `y` from column `x` on.
    func text(row y: Int, from x: Int = 0) -> String {
        guard rows.indices.contains(y), x < rows[y].count else { return "" }
        var s = String.UnicodeScalarView()
        for cell in rows[y][max(0, x)...] { s.append(cell.glyph) }
        return String(s)
    }

    /// Every pane frame on screen, found by its top-left corner followed by a title.
    var frames: [Frame] {
        var found: [Frame] = []
        for (y, row) in rows.enumerated() {
            for (x, cell) in row.enumerated() where cell.glyph == "╭" || cell.glyph == "┌" {
                let after = text(row: y, from: x + 1)
                guard after.hasPrefix("─ ") else { continue }
                let title = after.dropFirst(2).components(separatedBy: " ─").first ?? ""
                found.append(Frame(x: x, y: y, title: title.trimmingCharacters(in: .whitespaces), style: cell.style))
            }
        }
        return found
    }

    /// The one frame drawn in a style no other frame has: the focused pane. Nil when there is
    /// no such single frame (with one frame on screen, that frame).
    var focusedFrame: Frame? {
        let all = frames
        if all.count == 1 { return all[0] }
        let counts = Dictionary(grouping: all, by: \.style).mapValues(\.count)
        let odd = all.filter { counts[$0.style] == 1 }
        return odd.count == 1 ? odd[0] : nil
    }

    private static func apply(_ parameters: String, to style: inout Style) {
        let p = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var k = 0
        while k < p.count {
            switch p[k] {
            case 0: style = Style()
            case 1: style.bold = true
            case 2: style.dim = true
            case 3: style.italic = true
            case 4: style.underline = true
            case 7: style.reverse = true
            case 22: style.bold = false; style.dim = false
            case 23: style.italic = false
            case 24: style.underline = false
            case 27: style.reverse = false
            case 30...37, 90...97: style.foreground = String(p[k])
            case 39: style.foreground = nil
            case 40...47, 100...107: style.background = String(p[k])
            case 49: style.background = nil
            case 38, 48:
                // 38;5;n or 38;2;r;g;b (and the same for the background).
                let length = k + 1 < p.count && p[k + 1] == 2 ? 5 : 3
                let value = p[k..<min(p.count, k + length)].map(String.init).joined(separator: ";")
                if p[k] == 38 { style.foreground = value } else { style.background = value }
                k += length - 1
            default: break
            }
            k += 1
        }
    }
}
