@testable import CursesBackend
import TermGrid
import XCTest

/// Palettes and the colour numbers ncurses is given. The folding itself is TermGrid's
/// (`Color.folded(to:)`, tested in TermGridTests); these check what the backend adds.
final class PaletteTests: XCTestCase {
    func testPaletteFromTerminfoColourCount() {
        XCTAssertEqual(Palette(colors: 0), .none)
        XCTAssertEqual(Palette(colors: 8), .basic(count: 8))
        XCTAssertEqual(Palette(colors: 16), .basic(count: 16))
        XCTAssertEqual(Palette(colors: 88), .basic(count: 16))
        XCTAssertEqual(Palette(colors: 256), .indexed256)
        XCTAssertEqual(Palette(colors: 0x100_0000), .direct)
    }

    func testUserChoiceLimitsThePaletteButNeverRaisesIt() {
        XCTAssertEqual(Palette.direct.limited(to: .c256), .indexed256)
        XCTAssertEqual(Palette.indexed256.limited(to: .c16), .basic(count: 16))
        XCTAssertEqual(Palette.indexed256.limited(to: .mono), Palette.none)
        XCTAssertEqual(Palette.basic(count: 8).limited(to: .truecolor), .basic(count: 8))
        XCTAssertEqual(Palette.basic(count: 8).limited(to: .c256), .basic(count: 8))
        XCTAssertEqual(Palette.none.limited(to: .truecolor), Palette.none)
    }

    func testNumbersAgreeWithTermGridFolding() {
        let colors: [Color] = [.rgb(255, 0, 0), .rgb(0, 175, 255), .rgb(128, 128, 128), .rgb(250, 250, 250),
                               .rgb(10, 12, 9), .indexed(3), .indexed(12), .indexed(200), .gray]
        for color in colors {
            for (palette, depth) in [(Palette.indexed256, ColorDepth.c256), (.basic(count: 16), .c16)] {
                guard case .indexed(let n) = color.folded(to: depth) else { return XCTFail("\(color) at \(depth)") }
                XCTAssertEqual(palette.number(for: color), Int32(n), "\(color) in \(palette)")
            }
        }
        XCTAssertEqual(Palette.indexed256.number(for: .rgb(0, 175, 255)), 39)
        XCTAssertEqual(Palette.basic(count: 16).number(for: .rgb(200, 10, 10)), 1)
    }

    func testEightColoursShowBrightColoursAsNormalAndGrayAsWhite() {
        let eight = Palette.basic(count: 8)
        XCTAssertEqual(eight.number(for: .rgb(255, 0, 0)), 1)
        XCTAssertEqual(eight.number(for: .brightGreen), 2)
        XCTAssertEqual(eight.number(for: .green), 2)
        XCTAssertEqual(eight.number(for: .gray), 7, "gray must not vanish into a black background")
        for n in 0..<256 { XCTAssertTrue((0..<8).contains(eight.number(for: .indexed(UInt8(n)))), "entry \(n)") }
    }

    func testDefaultAndMono() {
        XCTAssertEqual(Palette.indexed256.number(for: .terminalDefault), -1)
        XCTAssertEqual(Palette.basic(count: 8).number(for: .terminalDefault), -1)
        XCTAssertEqual(Palette.direct.number(for: .terminalDefault), -1)
        XCTAssertEqual(Palette.none.number(for: .rgb(1, 2, 3)), -1)
        XCTAssertEqual(Palette.none.number(for: .red), -1)
    }

    func testDirectColourPacksRGBAndAvoidsTheANSIRange() {
        XCTAssertEqual(Palette.direct.number(for: .rgb(0x12, 0x34, 0x56)), 0x123456)
        XCTAssertEqual(Palette.direct.number(for: .rgb(0, 0, 5)), 8)
        XCTAssertEqual(Palette.direct.number(for: .indexed(196)), 0xFF0000)
    }

    func testColourNumbersReadBackAsRGB() {
        XCTAssertTrue(Palette.indexed256.rgb(ofNumber: 196)! == (255, 0, 0))
        XCTAssertTrue(Palette.direct.rgb(ofNumber: 0x123456)! == (0x12, 0x34, 0x56))
        XCTAssertNil(Palette.indexed256.rgb(ofNumber: -1))
    }
}
