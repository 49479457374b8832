import TermGrid
import XCTest

/// Colour facts tests assert on: the meaning of a heatmap lives in these.
enum Hue {
    static func rgb(_ c: Color, file: StaticString = #filePath, line: UInt = #line) -> (Int, Int, Int)? {
        guard case .rgb(let r, let g, let b) = c else {
            XCTFail("expected an RGB colour, got \(c)", file: file, line: line)
            return nil
        }
        return (Int(r), Int(g), Int(b))
    }

    /// Warm: clearly more red than blue.
    static func assertWarm(_ c: Color, file: StaticString = #filePath, line: UInt = #line) {
        guard let (r, _, b) = rgb(c, file: file, line: line) else { return }
        XCTAssertGreaterThan(r, b + 40, "\(c) is not warm", file: file, line: line)
    }

    /// Cool: clearly more blue than red.
    static func assertCool(_ c: Color, file: StaticString = #filePath, line: UInt = #line) {
        guard let (r, _, b) = rgb(c, file: file, line: line) else { return }
        XCTAssertGreaterThan(b, r + 40, "\(c) is not cool", file: file, line: line)
    }

    static func brightness(_ c: Color) -> Int {
        guard case .rgb(let r, let g, let b) = c else { return -1 }
        return Int(r) + Int(g) + Int(b)
    }
}

extension Buffer {
    /// Row `y` as text.
    func line(_ y: Int) -> String { lines[y] }

    /// The first (x, y) whose row contains `text` at that column, searching top to bottom.
    func find(_ text: String) -> (x: Int, y: Int)? {
        for (y, l) in lines.enumerated() {
            if let r = l.range(of: text) { return (l.unicodeScalars.distance(from: l.unicodeScalars.startIndex, to: r.lowerBound), y) }
        }
        return nil
    }
}
