import TermGrid

/// Just enough of a VT100/xterm to replay what ANSIWriter emits: CUP, ED 2, SGR (attributes,
/// 16/256/RGB colours) and printable characters. Anything else fails the parse, so a writer
/// emitting an unexpected sequence is caught.
struct MiniTerminal {
    var screen: Buffer
    var x = 0, y = 0
    var style = Style.plain
    var cursorVisible = true

    init(width: Int, height: Int) { screen = Buffer(width: width, height: height) }

    enum ParseError: Error { case unexpected(String) }

    mutating func feed(_ text: String) throws {
        var scalars = Array(text.unicodeScalars)[...]
        while let s = scalars.popFirst() {
            if s == "\u{1B}" {
                guard scalars.popFirst() == "[" else { throw ParseError.unexpected("ESC not followed by [") }
                // DEC private modes (cursor visibility) are accepted and ignored.
                let isPrivate = scalars.first == "?"
                if isPrivate { scalars.removeFirst() }
                var params = ""
                while let c = scalars.first, c.properties.numericType != nil || c == ";" { params.unicodeScalars.append(c); scalars.removeFirst() }
                guard let final = scalars.popFirst() else { throw ParseError.unexpected("unterminated CSI") }
                if isPrivate {
                    guard params == "25" && (final == "l" || final == "h") else { throw ParseError.unexpected("CSI ?\(params)\(final)") }
                    cursorVisible = final == "h"
                    continue
                }
                try csi(params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }, final)
            } else if s == "\n" {
                x = 0; y += 1
            } else {
                guard s.value >= 0x20 else { throw ParseError.unexpected("control \(s.value)") }
                if x < screen.width { screen[x, y] = Cell(s, style: style) }
                x += 1
            }
        }
    }

    private mutating func csi(_ p: [Int], _ final: Unicode.Scalar) throws {
        switch final {
        case "H": y = max(1, p.first ?? 1) - 1; x = max(1, p.count > 1 ? p[1] : 1) - 1
        case "J": guard p == [2] else { throw ParseError.unexpected("ED \(p)") }; screen.clear()
        case "m": try sgr(p)
        default: throw ParseError.unexpected("CSI \(final)")
        }
    }

    private mutating func sgr(_ p: [Int]) throws {
        var i = 0
        func color(_ i: inout Int) throws -> Color {
            if p[i + 1] == 5 { i += 2; return .indexed(UInt8(p[i])) }
            if p[i + 1] == 2 { i += 4; return .rgb(UInt8(p[i - 2]), UInt8(p[i - 1]), UInt8(p[i])) }
            throw ParseError.unexpected("SGR \(p)")
        }
        while i < p.count {
            switch p[i] {
            case 0: style = .plain
            case 1: style.attributes.insert(.bold)
            case 2: style.attributes.insert(.dim)
            case 3: style.attributes.insert(.italic)
            case 4: style.attributes.insert(.underline)
            case 7: style.attributes.insert(.reverse)
            case 30...37: style.foreground = .indexed(UInt8(p[i] - 30))
            case 90...97: style.foreground = .indexed(UInt8(p[i] - 82))
            case 40...47: style.background = .indexed(UInt8(p[i] - 40))
            case 100...107: style.background = .indexed(UInt8(p[i] - 92))
            case 38: style.foreground = try color(&i)
            case 48: style.background = try color(&i)
            default: throw ParseError.unexpected("SGR \(p)")
            }
            i += 1
        }
    }
}
