@testable import CursesBackend
import XCTest

final class ColorFoldingTests: XCTestCase {
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

    func testRGBTo256() {
        XCTAssertEqual(ColorFolding.number(.rgb(255, 0, 0), in: .indexed256), 196)
        XCTAssertEqual(ColorFolding.number(.rgb(0, 175, 255), in: .indexed256), 39)
        XCTAssertEqual(ColorFolding.number(.rgb(128, 128, 128), in: .indexed256), 244)
        XCTAssertEqual(ColorFolding.number(.rgb(250, 250, 250), in: .indexed256), 231)  // cube white is nearer
        XCTAssertEqual(ColorFolding.number(.rgb(10, 12, 9), in: .indexed256), 232)
    }

    func testEveryPaletteEntryAbove15FoldsBackToItself() {
        for n in 16...255 {
            let (r, g, b) = ColorFolding.rgb(ofIndex: UInt8(n))
            XCTAssertEqual(ColorFolding.index256(r, g, b), n, "entry \(n) = (\(r), \(g), \(b))")
        }
    }

    func testRGBAndIndexedTo16And8() {
        XCTAssertEqual(ColorFolding.number(.rgb(255, 0, 0), in: .basic(count: 16)), 9)
        XCTAssertEqual(ColorFolding.number(.rgb(200, 10, 10), in: .basic(count: 16)), 1)
        XCTAssertEqual(ColorFolding.number(.rgb(0, 0, 0), in: .basic(count: 16)), 0)
        XCTAssertEqual(ColorFolding.number(.rgb(255, 0, 0), in: .basic(count: 8)), 1)
        XCTAssertEqual(ColorFolding.number(.brightGreen, in: .basic(count: 16)), 10)
        XCTAssertEqual(ColorFolding.number(.brightGreen, in: .basic(count: 8)), 2)
        XCTAssertEqual(ColorFolding.number(.indexed(196), in: .basic(count: 16)), 9)
        XCTAssertEqual(ColorFolding.number(.indexed(196), in: .indexed256), 196)
    }

    func testDefaultAndMono() {
        XCTAssertEqual(ColorFolding.number(.terminalDefault, in: .indexed256), -1)
        XCTAssertEqual(ColorFolding.number(.rgb(1, 2, 3), in: .none), -1)
        XCTAssertEqual(ColorFolding.number(.red, in: .none), -1)
    }

    func testDirectColourPacksRGBAndAvoidsTheANSIRange() {
        XCTAssertEqual(ColorFolding.number(.rgb(0x12, 0x34, 0x56), in: .direct), 0x123456)
        XCTAssertEqual(ColorFolding.number(.rgb(0, 0, 5), in: .direct), 8)
        XCTAssertEqual(ColorFolding.number(.indexed(196), in: .direct), 0xFF0000)
    }
}
