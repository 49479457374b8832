import _SnapshotTesting
import Panes
import TermGrid
import XCTest

final class ColorMapTests: XCTestCase {
    func testDivergingIsWarmForPositiveCoolForNegativeAndDarkAtZero() {
        let scale = ColorScale.diverging(limit: 2)
        Hue.assertWarm(scale.color(1.5))
        Hue.assertCool(scale.color(-1.5))
        // Near-neutral at 0: channels close together and darker than either end.
        guard let (r, g, b) = Hue.rgb(scale.color(0)) else { return }
        XCTAssertLessThan(max(r, g, b) - min(r, g, b), 20)
        XCTAssertLessThan(Hue.brightness(scale.color(0)), Hue.brightness(scale.color(2)))
        XCTAssertLessThan(Hue.brightness(scale.color(0)), Hue.brightness(scale.color(-2)))
    }

    func testDivergingSaturatesAndIsSymmetricInStrength() {
        let scale = ColorScale.diverging(limit: 1)
        XCTAssertEqual(scale.color(5), scale.color(1))
        XCTAssertEqual(scale.color(-5), scale.color(-1))
        XCTAssertEqual(scale.position(-0.5), -0.5)
        XCTAssertEqual(ColorScale.symmetric(fitting: [0.2, -3, .nan, 1]), .diverging(limit: 3))
    }

    func testSequentialBrightensWithTheValue() {
        let scale = ColorScale.sequential(low: 0, high: 1)
        var previous = -1
        for k in 0...10 {
            let b = Hue.brightness(scale.color(Float(k) / 10))
            XCTAssertGreaterThan(b, previous, "not brighter at \(k)")
            previous = b
        }
    }

    func testLogarithmicScaleHandlesZeroNegativeAndNonFinite() {
        let scale = ColorScale.logarithmic(lowExponent: -4, highExponent: 0)
        XCTAssertEqual(scale.position(0), 0)
        XCTAssertEqual(scale.position(-1), 0)
        XCTAssertEqual(scale.position(1e-2)!, 0.5, accuracy: 1e-4)
        XCTAssertNil(scale.position(.infinity))
        XCTAssertEqual(scale.color(.nan), ColorMap.nonFinite)
        XCTAssertEqual(scale.glyph(.nan), "!")
    }

    func testMonoRampsTellTheSignApart() {
        let scale = ColorScale.diverging(limit: 1)
        for v: Float in [0.3, 0.6, 1] {
            XCTAssertNotEqual(scale.glyph(v), scale.glyph(-v), "sign lost at \(v)")
        }
        XCTAssertEqual(scale.glyph(0), " ")
        XCTAssertEqual(scale.glyph(1), "@")
        XCTAssertEqual(ColorScale.sequential(low: 0, high: 1).glyph(1), "@")
        XCTAssertEqual(ColorScale.sequential(low: 0, high: 1).glyph(0), " ")
    }

    func testInkContrastsWithTheBackground() {
        XCTAssertEqual(ColorMap.ink(on: .rgb(250, 240, 160)), .rgb(0, 0, 0))
        XCTAssertEqual(ColorMap.ink(on: .rgb(20, 20, 30)), .rgb(255, 255, 255))
    }

    func testLegends() {
        var buffer = Buffer(width: 24, height: 4)
        Legend.draw(.diverging(limit: 0.83), x: 0, y: 0, maxWidth: 24, into: &buffer, context: Fixtures.full)
        Legend.draw(.sequential(low: 0, high: 1), x: 0, y: 1, maxWidth: 24, into: &buffer, context: Fixtures.asciiMono)
        Legend.draw(.diverging(limit: 2), x: 0, y: 2, maxWidth: 24, into: &buffer, context: Fixtures.asciiMono)
        Legend.draw(.logarithmic(lowExponent: -5, highExponent: 1), x: 0, y: 3, maxWidth: 8, into: &buffer, context: Fixtures.full)
        assertSnapshot(snapshotText(buffer), named: "legends")
        // The diverging bar runs cool → neutral 0 → warm.
        Hue.assertCool(buffer[6, 0].style.background)
        XCTAssertEqual(buffer[12, 0].glyph, "0")
        Hue.assertWarm(buffer[18, 0].style.background)
    }

    func testLegendTooNarrowDrawsNothing() {
        var buffer = Buffer(width: 2, height: 1)
        XCTAssertEqual(Legend.draw(.diverging(limit: 1), x: 0, y: 0, maxWidth: 2, into: &buffer, context: Fixtures.full), 0)
        XCTAssertEqual(buffer.lines, ["  "])
    }
}
