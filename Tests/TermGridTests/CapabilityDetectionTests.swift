import TermGrid
import XCTest

final class CapabilityDetectionTests: XCTestCase {
    func testColorDepthTable() {
        let utf8 = ["LANG": "en_US.UTF-8"]
        let cases: [(env: [String: String], terminfo: Int?, expected: ColorDepth, line: UInt)] = [
            (["TERM": "xterm-256color", "COLORTERM": "truecolor"], 256, .truecolor, #line),
            (["TERM": "xterm", "COLORTERM": "24bit"], 8, .truecolor, #line),
            (["TERM": "xterm", "COLORTERM": "TrueColor"], nil, .truecolor, #line),
            (["TERM": "xterm-256color"], 256, .c256, #line),
            (["TERM": "xterm-256color"], nil, .c256, #line),
            (["TERM": "tmux"], 256, .c256, #line),
            (["TERM": "xterm-direct"], 16_777_216, .c256, #line),
            (["TERM": "xterm", "COLORTERM": "yes"], 8, .c16, #line),
            (["TERM": "linux"], 8, .c16, #line),
            (["TERM": "rxvt"], 88, .c16, #line),
            (["TERM": "vt100"], -1, .mono, #line),
            (["TERM": "vt100"], nil, .mono, #line),
            ([:], nil, .mono, #line),
            (["TERM": "xterm-256color", "COLORTERM": "truecolor", "NO_COLOR": "1"], 256, .mono, #line),
            (["TERM": "xterm-256color", "NO_COLOR": ""], 256, .c256, #line),
            (["TERM": "dumb", "COLORTERM": "truecolor"], 256, .mono, #line),
        ]
        for c in cases {
            let caps = Capabilities.detect(environment: c.env.merging(utf8) { a, _ in a }, terminfoColors: c.terminfo)
            XCTAssertEqual(caps.colorDepth, c.expected, "\(c.env) terminfo \(String(describing: c.terminfo))", line: c.line)
        }
    }

    func testGlyphTable() {
        let cases: [(env: [String: String], expected: GlyphSet, line: UInt)] = [
            (["LANG": "en_US.UTF-8"], .braille, #line),
            (["LANG": "de_DE.utf8"], .braille, #line),
            (["LC_CTYPE": "C.UTF-8", "LANG": "C"], .braille, #line),
            (["LC_ALL": "C", "LC_CTYPE": "en_US.UTF-8"], .ascii, #line),          // LC_ALL wins
            (["LC_ALL": "", "LC_CTYPE": "en_US.UTF-8", "LANG": "C"], .braille, #line),  // empty is unset
            (["LC_ALL": "en_GB.UTF-8", "LANG": "C"], .braille, #line),
            (["LANG": "C"], .ascii, #line),
            (["LANG": "POSIX"], .ascii, #line),
            (["LANG": "en_US.ISO-8859-1"], .ascii, #line),
            ([:], .ascii, #line),
            (["LANG": "en_US.UTF-8", "TERM": "linux"], .halfBlock, #line),
            (["LANG": "C", "TERM": "linux"], .ascii, #line),
            (["LANG": "en_US.UTF-8", "TERM": "dumb"], .ascii, #line),
        ]
        for c in cases {
            let caps = Capabilities.detect(environment: c.env.merging(["TERM": "xterm-256color"]) { a, _ in a }, terminfoColors: 256)
            XCTAssertEqual(caps.glyphs, c.expected, "\(c.env)", line: c.line)
        }
    }

    func testOptionParsing() throws {
        XCTAssertEqual(try ColorDepth(option: "truecolor"), .truecolor)
        XCTAssertEqual(try ColorDepth(option: "256"), .c256)
        XCTAssertEqual(try ColorDepth(option: "16"), .c16)
        XCTAssertEqual(try ColorDepth(option: "MONO"), .mono)
        XCTAssertEqual(try GlyphSet(option: "braille"), .braille)
        XCTAssertEqual(try GlyphSet(option: "block"), .halfBlock)
        XCTAssertEqual(try GlyphSet(option: "ascii"), .ascii)
    }

    func testBadOptionsListTheValidValues() {
        XCTAssertThrowsError(try ColorDepth(option: "8")) { error in
            XCTAssertEqual("\(error)", "invalid --color value '8': expected one of truecolor, 256, 16, mono")
        }
        XCTAssertThrowsError(try GlyphSet(option: "unicode")) { error in
            XCTAssertEqual("\(error)", "invalid --glyphs value 'unicode': expected one of braille, block, ascii")
        }
    }
}
