import TermGrid
import XCTest

final class ColorFoldingTests: XCTestCase {
    func testRGBTo256PicksCubeOrGray() {
        XCTAssertEqual(Color.rgb(255, 0, 0).folded(to: .c256), .indexed(196))
        XCTAssertEqual(Color.rgb(0, 0, 0).folded(to: .c256), .indexed(16))
        XCTAssertEqual(Color.rgb(255, 255, 255).folded(to: .c256), .indexed(231))
        XCTAssertEqual(Color.rgb(95, 135, 175).folded(to: .c256), .indexed(67))
        XCTAssertEqual(Color.rgb(100, 140, 170).folded(to: .c256), .indexed(67))  // near, not exact
        // Grays: the ramp is finer than the cube's diagonal.
        XCTAssertEqual(Color.rgb(128, 128, 128).folded(to: .c256), .indexed(244))
        XCTAssertEqual(Color.rgb(10, 10, 10).folded(to: .c256), .indexed(232))
        XCTAssertEqual(Color.rgb(238, 238, 238).folded(to: .c256), .indexed(255))
        // A slightly tinted gray still goes to the ramp when that is nearer.
        XCTAssertEqual(Color.rgb(120, 118, 122).folded(to: .c256), .indexed(243))
    }

    /// Against a brute-force search over the cube and gray ramp.
    func testRGBTo256IsTheNearestEntry() {
        let levels = [0, 95, 135, 175, 215, 255]
        var entries: [(Int, Int, Int, Int)] = []
        for (ri, r) in levels.enumerated() { for (gi, g) in levels.enumerated() { for (bi, b) in levels.enumerated() {
            entries.append((16 + 36 * ri + 6 * gi + bi, r, g, b))
        } } }
        for i in 0..<24 { entries.append((232 + i, 8 + 10 * i, 8 + 10 * i, 8 + 10 * i)) }
        for r in stride(from: 0, through: 255, by: 17) { for g in stride(from: 3, through: 255, by: 23) { for b in stride(from: 5, through: 255, by: 31) {
            guard case .indexed(let n) = Color.rgb(UInt8(r), UInt8(g), UInt8(b)).folded(to: .c256) else { return XCTFail() }
            func d(_ e: (Int, Int, Int, Int)) -> Int { (e.1 - r) * (e.1 - r) + (e.2 - g) * (e.2 - g) + (e.3 - b) * (e.3 - b) }
            let best = entries.map(d).min()!
            XCTAssertEqual(d(entries.first { $0.0 == Int(n) }!), best, "rgb(\(r),\(g),\(b)) -> \(n)")
        } } }
    }

    func testTo16() {
        XCTAssertEqual(Color.rgb(255, 0, 0).folded(to: .c16), .brightRed)
        XCTAssertEqual(Color.rgb(200, 10, 0).folded(to: .c16), .red)
        XCTAssertEqual(Color.rgb(128, 128, 128).folded(to: .c16), .gray)
        XCTAssertEqual(Color.rgb(10, 10, 240).folded(to: .c16), .blue)
        XCTAssertEqual(Color.rgb(0, 0, 0).folded(to: .c16), .black)
        XCTAssertEqual(Color.rgb(250, 250, 250).folded(to: .c16), .brightWhite)
        XCTAssertEqual(Color.indexed(196).folded(to: .c16), .brightRed)
        XCTAssertEqual(Color.indexed(244).folded(to: .c16), .gray)
        XCTAssertEqual(Color.cyan.folded(to: .c16), .cyan)
    }

    func testMonoTruecolorAndDefault() {
        for c in [Color.rgb(1, 2, 3), .indexed(200), .red, .terminalDefault] {
            XCTAssertEqual(c.folded(to: .mono), .terminalDefault)
            XCTAssertEqual(c.folded(to: .truecolor), c)
        }
        XCTAssertEqual(Color.indexed(100).folded(to: .c256), .indexed(100))
        XCTAssertEqual(Color.terminalDefault.folded(to: .c16), .terminalDefault)
        XCTAssertEqual(Color.terminalDefault.folded(to: .c256), .terminalDefault)
    }

    func testRGBValueUsesTheXtermPalette() {
        XCTAssertTrue(Color.indexed(196).rgbValue! == (255, 0, 0))
        XCTAssertTrue(Color.indexed(232).rgbValue! == (8, 8, 8))
        XCTAssertTrue(Color.indexed(16).rgbValue! == (0, 0, 0))
        XCTAssertTrue(Color.rgb(1, 2, 3).rgbValue! == (1, 2, 3))
        XCTAssertNil(Color.terminalDefault.rgbValue)
    }
}
