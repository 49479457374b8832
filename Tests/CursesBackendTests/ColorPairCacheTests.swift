@testable import CursesBackend
import XCTest

final class ColorPairCacheTests: XCTestCase {
    private var defined: [(Int32, Int32, Int32)] = []

    private func pair(_ cache: inout ColorPairCache, _ fg: Int32, _ bg: Int32) -> Int32 {
        cache.pair(foreground: fg, background: bg) { defined.append(($0, $1, $2)) }
    }

    func testDefaultOnDefaultIsPairZeroAndNeedsNoDefinition() {
        var cache = ColorPairCache(capacity: 8, palette: .indexed256)
        XCTAssertEqual(pair(&cache, -1, -1), 0)
        XCTAssertTrue(defined.isEmpty)
    }

    func testPairsAreDefinedOnceOnDemand() {
        var cache = ColorPairCache(capacity: 8, palette: .indexed256)
        let a = pair(&cache, 196, -1), b = pair(&cache, 39, 16), again = pair(&cache, 196, -1)
        XCTAssertEqual(a, 1); XCTAssertEqual(b, 2); XCTAssertEqual(again, a)
        XCTAssertEqual(defined.count, 2)
        XCTAssertEqual(defined[1].0, 2); XCTAssertEqual(defined[1].1, 39); XCTAssertEqual(defined[1].2, 16)
    }

    func testWhenFullTheLeastRecentlyUsedPairNoCellShowsIsRedefined() {
        var cache = ColorPairCache(capacity: 4, palette: .indexed256)  // pairs 1, 2, 3
        let p1 = pair(&cache, 1, -1), p2 = pair(&cache, 2, -1), p3 = pair(&cache, 3, -1)
        cache.retain(p1)  // on screen: never redefined
        _ = pair(&cache, 2, -1)  // p2 used recently, so p3 is the least recently used free one
        let p4 = pair(&cache, 4, -1)
        XCTAssertEqual(p4, p3)
        XCTAssertEqual(cache.colors(of: p4).foreground, 4)
        XCTAssertEqual(cache.colors(of: p1).foreground, 1)
        XCTAssertEqual(cache.colors(of: p2).foreground, 2)
        XCTAssertEqual(pair(&cache, 3, -1), p2, "3 is gone; the next free pair is p2")
    }

    func testWhenEveryPairIsOnScreenTheNearestIsReusedWithoutRedefining() {
        var cache = ColorPairCache(capacity: 3, palette: .indexed256)  // pairs 1, 2
        let red = pair(&cache, 196, -1), blue = pair(&cache, 21, -1)
        cache.retain(red); cache.retain(blue)
        let before = defined.count
        XCTAssertEqual(pair(&cache, 160, -1), red, "dark red is nearest to red")
        XCTAssertEqual(pair(&cache, 19, -1), blue)
        XCTAssertEqual(defined.count, before)
        cache.release(blue)
        XCTAssertEqual(pair(&cache, 46, -1), blue, "once free, the pair is recycled")
        XCTAssertEqual(defined.count, before + 1)
    }

    func testReleaseAllFreesEveryPairAndCountsNeverGoNegative() {
        var cache = ColorPairCache(capacity: 3, palette: .indexed256)
        let p = pair(&cache, 5, 6)
        cache.retain(p); cache.retain(p)
        XCTAssertEqual(cache.userCount(p), 2)
        cache.releaseAll()
        XCTAssertEqual(cache.userCount(p), 0)
        cache.release(p); cache.release(0); cache.retain(99)
        XCTAssertEqual(cache.userCount(p), 0)
    }

    func testATerminalWithoutPairsAnswersDefault() {
        var cache = ColorPairCache(capacity: 0, palette: .none)
        XCTAssertEqual(pair(&cache, 3, 4), 0)
        XCTAssertTrue(defined.isEmpty)
    }
}
