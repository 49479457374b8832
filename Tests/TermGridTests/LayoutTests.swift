import TermGrid
import XCTest

final class LayoutTests: XCTestCase {
    private func heights(_ c: [Layout.Constraint], _ total: Int, spacing: Int = 0) -> [Int] {
        Layout.vertical(c, spacing: spacing).split(Rect(x: 0, y: 0, width: 10, height: total)).map(\.height)
    }

    func testHeaderBodyFooter() {
        let area = Rect(x: 2, y: 3, width: 40, height: 20)
        let rects = Layout.vertical([.length(1), .fill(1), .length(1)]).split(area)
        XCTAssertEqual(rects, [
            Rect(x: 2, y: 3, width: 40, height: 1),
            Rect(x: 2, y: 4, width: 40, height: 18),
            Rect(x: 2, y: 22, width: 40, height: 1),
        ])
    }

    func testHorizontalWithSpacing() {
        let rects = Layout.horizontal([.percentage(50), .fill(1)], spacing: 1)
            .split(Rect(x: 0, y: 0, width: 21, height: 5))
        XCTAssertEqual(rects, [Rect(x: 0, y: 0, width: 10, height: 5), Rect(x: 11, y: 0, width: 10, height: 5)])
    }

    func testFillWeightsAndRemainderGoToEarlierPieces() {
        XCTAssertEqual(heights([.fill(1), .fill(2)], 30), [10, 20])
        XCTAssertEqual(heights([.fill(1), .fill(1), .fill(1)], 10), [4, 3, 3])
        XCTAssertEqual(heights([.fill(1), .fill(1), .fill(1)], 11), [4, 4, 3])
        XCTAssertEqual(heights([.fill(0), .fill(0)], 5), [3, 2])
    }

    func testMinGrowsOnlyWithoutFill() {
        XCTAssertEqual(heights([.min(5), .fill(1)], 20), [5, 15])
        XCTAssertEqual(heights([.min(5), .length(3)], 20), [17, 3])
        XCTAssertEqual(heights([.min(2), .min(2)], 9), [5, 4])
    }

    func testExcessWithoutFlexibleGoesToTheLastPiece() {
        XCTAssertEqual(heights([.percentage(33), .percentage(33), .percentage(33)], 100), [33, 33, 34])
        XCTAssertEqual(heights([.length(3), .length(4)], 10), [3, 7])
    }

    func testTooSmallShrinksPercentagesThenLengthsThenMins() {
        XCTAssertEqual(heights([.min(4), .length(4), .percentage(50)], 10), [4, 4, 2])
        XCTAssertEqual(heights([.min(4), .length(4), .percentage(50)], 6), [4, 2, 0])
        XCTAssertEqual(heights([.min(4), .length(4), .percentage(50)], 2), [2, 0, 0])
        XCTAssertEqual(heights([.length(10), .length(10)], 15), [8, 7])
        XCTAssertEqual(heights([.length(3), .fill(1)], 0), [0, 0])
    }

    func testSpacingShrinksWhenItDoesNotFit() {
        let rects = Layout.vertical([.fill(1), .fill(1), .fill(1)], spacing: 5).split(Rect(x: 0, y: 0, width: 1, height: 4))
        XCTAssertEqual(rects.map(\.y), [0, 2, 4])
        XCTAssertEqual(rects.map(\.height), [0, 0, 0])
    }

    func testEdgeCases() {
        XCTAssertEqual(Layout.vertical([]).split(Rect(x: 0, y: 0, width: 5, height: 5)), [])
        XCTAssertEqual(heights([.length(-3), .percentage(250), .min(-1)], 10), [0, 10, 0])
    }

    /// Any constraints at any size: pieces are contiguous, non-negative, separated by exactly
    /// the gap, and end at the far edge.
    func testPiecesAlwaysTileTheArea() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<2000 {
            let count = 1 + next(6)
            let constraints: [Layout.Constraint] = (0..<count).map { _ in
                switch next(4) {
                case 0: return .length(next(30))
                case 1: return .percentage(next(101))
                case 2: return .min(next(20))
                default: return .fill(next(4))
                }
            }
            let area = Rect(x: next(5), y: next(5), width: next(120), height: next(60))
            let spacing = next(3)
            for layout in [Layout.vertical(constraints, spacing: spacing), Layout.horizontal(constraints, spacing: spacing)] {
                let rects = layout.split(area)
                XCTAssertEqual(rects.count, count)
                let vertical = layout.direction == .vertical
                let (_, gap) = Layout.sizes(constraints, total: vertical ? area.height : area.width, spacing: spacing)
                XCTAssertLessThanOrEqual(gap, spacing)
                var expected = vertical ? area.y : area.x
                for r in rects {
                    XCTAssertGreaterThanOrEqual(r.width, 0); XCTAssertGreaterThanOrEqual(r.height, 0)
                    XCTAssertEqual(vertical ? r.y : r.x, expected, "\(constraints) in \(area)")
                    XCTAssertEqual(vertical ? r.width : r.height, vertical ? area.width : area.height)
                    expected = (vertical ? r.maxY : r.maxX) + gap
                }
                XCTAssertEqual(expected - gap, vertical ? area.maxY : area.maxX, "\(constraints) in \(area)")
            }
        }
    }
}
