import TermGrid
import XCTest

final class ANSIWriterTests: XCTestCase {
    private let e = "\u{1B}["

    /// 4×2: "ab" bold red, "c" plain, then a space with a blue background on the next row.
    private func tiny() -> Buffer {
        var b = Buffer(width: 4, height: 2)
        b.put("ab", x: 0, y: 0, style: Style(foreground: .red, attributes: .bold))
        b.put("c", x: 2, y: 0)
        b[0, 1] = Cell(" ", style: Style(background: .rgb(0, 0, 255)))
        return b
    }

    func testPlainTextTrimsAndTerminatesRows() {
        var b = Buffer(width: 5, height: 3)
        b.put("hi", x: 1, y: 0)
        b.put("x", x: 4, y: 2)
        XCTAssertEqual(PlainTextWriter.render(b), " hi\n\n    x\n")
        XCTAssertEqual(PlainTextWriter.render(Buffer(width: 0, height: 0)), "")
    }

    func testRenderAtEveryDepth() {
        let b = tiny()
        XCTAssertEqual(ANSIWriter.render(b, depth: .truecolor), "\(e)0;1;31mab\(e)0mc\n\(e)0;48;2;0;0;255m \(e)0m\n")
        XCTAssertEqual(ANSIWriter.render(b, depth: .c256), "\(e)0;1;31mab\(e)0mc\n\(e)0;48;5;21m \(e)0m\n")
        XCTAssertEqual(ANSIWriter.render(b, depth: .c16), "\(e)0;1;31mab\(e)0mc\n\(e)0;44m \(e)0m\n")
        // Mono keeps attributes; the blue space becomes a plain one and is trimmed.
        XCTAssertEqual(ANSIWriter.render(b, depth: .mono), "\(e)0;1mab\(e)0mc\n\n")
    }

    func testSGRIsWrittenOnlyWhenTheFoldedStyleChanges() {
        var b = Buffer(width: 6, height: 1)
        // Two RGB reds: the same 16-colour red, two cube entries at 256; then more attributes.
        b.put("ab", x: 0, y: 0, style: Style(foreground: .rgb(200, 0, 0)))
        b.put("c", x: 2, y: 0, style: Style(foreground: .rgb(190, 10, 0)))
        b.put("d", x: 3, y: 0, style: Style(foreground: .brightGreen, background: .indexed(200), attributes: [.underline, .reverse]))
        b.put("e", x: 4, y: 0, style: Style(attributes: [.dim, .italic]))
        XCTAssertEqual(ANSIWriter.render(b, depth: .c16), "\(e)0;31mabc\(e)0;4;7;92;105md\(e)0;2;3me\(e)0m\n")
        XCTAssertEqual(ANSIWriter.render(b, depth: .c256),
                       "\(e)0;38;5;160mab\(e)0;38;5;124mc\(e)0;4;7;92;48;5;200md\(e)0;2;3me\(e)0m\n")
    }

    func testControlCharactersNeverReachTheTerminal() {
        var b = Buffer(width: 3, height: 1)
        b[0, 0] = Cell("\u{1B}"); b[1, 0] = Cell("\u{9B}"); b[2, 0] = Cell("\u{7}")
        XCTAssertEqual(ANSIWriter.render(b, depth: .truecolor), "???\n")
        XCTAssertEqual(PlainTextWriter.render(b), "???\n")
    }

    func testFullRepaintWithoutAPreviousFrame() {
        XCTAssertEqual(ANSIWriter.update(from: nil, to: tiny(), depth: .truecolor),
                       "\(e)0m\(e)H\(e)2J\(e)1;1H\(e)0;1;31mab\(e)0mc\(e)2;1H\(e)0;48;2;0;0;255m \(e)0m")
        XCTAssertEqual(ANSIWriter.update(from: Buffer(width: 3, height: 2), to: tiny(), depth: .truecolor),
                       ANSIWriter.update(from: nil, to: tiny(), depth: .truecolor))
    }

    func testUpdateWritesOnlyTheChangedRuns() {
        let old = tiny()
        var new = old
        new[3, 0] = Cell("d")
        new[1, 1] = Cell("x", style: Style(foreground: .red))
        new[2, 1] = Cell("y", style: Style(foreground: .red))
        XCTAssertEqual(ANSIWriter.update(from: old, to: new, depth: .truecolor), "\(e)1;4Hd\(e)2;2H\(e)0;31mxy\(e)0m")
        XCTAssertEqual(ANSIWriter.update(from: new, to: new, depth: .truecolor), "")
    }

    /// Replays a full frame then a series of random edits through a tiny terminal emulator:
    /// after every update the emulated screen must equal the buffer (folded to the depth).
    func testUpdatesReproduceTheBufferOnATerminal() throws {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let colors: [Color] = [.terminalDefault, .red, .brightCyan, .indexed(123), .rgb(10, 200, 30), .rgb(250, 250, 250)]
        let glyphs: [Unicode.Scalar] = [" ", "a", "⣿", "▀", "─"]
        for depth in ColorDepth.allCases {
            var terminal = MiniTerminal(width: 13, height: 5)
            var previous: Buffer? = nil
            var current = Buffer(width: 13, height: 5)
            for _ in 0..<40 {
                for _ in 0..<next(12) {
                    current[next(13), next(5)] = Cell(glyphs[next(glyphs.count)], style: Style(
                        foreground: colors[next(colors.count)], background: colors[next(colors.count)],
                        attributes: Attributes(rawValue: UInt8(next(32)))))
                }
                try terminal.feed(ANSIWriter.update(from: previous, to: current, depth: depth))
                XCTAssertEqual(terminal.style, .plain, "every update leaves the terminal reset")
                for y in 0..<5 {
                    for x in 0..<13 {
                        var want = current[x, y].style
                        want.foreground = want.foreground.folded(to: depth)
                        want.background = want.background.folded(to: depth)
                        XCTAssertEqual(terminal.screen[x, y].glyph, current[x, y].glyph, "\(depth) \(x),\(y)")
                        XCTAssertEqual(terminal.screen[x, y].style, want, "\(depth) \(x),\(y)")
                    }
                }
                previous = current
            }
        }
    }
}
