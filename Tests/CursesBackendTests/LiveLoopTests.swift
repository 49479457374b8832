import CursesBackend
import Foundation
import XCTest

/// A screen with a fixed size whose input waits really sleep, and whose events arrive at
/// scheduled times: enough to measure the loop's frame rate, latency and idling.
private final class FakeScreen: TerminalScreen {
    var width: Int, height: Int
    private let start = ContinuousClock.now
    /// Events and the time (seconds after creation) they arrive.
    var scheduled: [(at: Double, event: TerminalEvent)] = []
    private(set) var drawn: [Buffer] = []
    private(set) var waits = 0
    private(set) var restored = 0

    init(width: Int = 80, height: Int = 24) { self.width = width; self.height = height }

    var elapsed: Double {
        let c = (ContinuousClock.now - start).components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        if timeoutMilliseconds > 0 { waits += 1 }
        let until = elapsed + Double(max(0, timeoutMilliseconds)) / 1000
        while true {
            if let first = scheduled.first, first.at <= elapsed {
                scheduled.removeFirst()
                if case let .resize(w, h) = first.event { width = w; height = h }
                return first.event
            }
            let now = elapsed
            if now >= until { return nil }
            let next = min(until, scheduled.first?.at ?? until)
            usleep(useconds_t(max(100, (next - now) * 1e6)))
        }
    }

    func draw(_ buffer: Buffer) { drawn.append(buffer) }
    func restore() { restored += 1 }
}

final class LiveLoopTests: XCTestCase {
    func testABusyAppGetsAtLeastThirtyFramesPerSecond() {
        let screen = FakeScreen()
        let loop = LiveLoop(screen: screen)
        loop.run(
            update: { event in !(event == .tick && screen.elapsed > 0.6) },
            tick: { deadline in
                while ContinuousClock.now < deadline {}  // a training loop that uses all its time
                return true
            },
            render: { Buffer(width: $0, height: $1) })
        let rate = Double(screen.drawn.count) / screen.elapsed
        XCTAssertGreaterThanOrEqual(rate, 30, "\(screen.drawn.count) frames in \(screen.elapsed) s")
        XCTAssertEqual(screen.restored, 1)
    }

    func testInputIsAnsweredWithinFiftyMillisecondsWhileTraining() {
        let screen = FakeScreen()
        let presses = [0.10, 0.23, 0.31, 0.47]
        screen.scheduled = presses.map { ($0, .key(.character("x"))) } + [(0.6, .key(.character("q")))]
        var latencies: [Double] = []
        var pressIndex = 0
        LiveLoop(screen: screen).run(
            update: { event in
                if event == .key(.character("x")) { latencies.append(screen.elapsed - presses[pressIndex]); pressIndex += 1 }
                return event != .key(.character("q"))
            },
            tick: { deadline in
                // Steps of 3 ms until the frame is due: a slow model still yields in time.
                while ContinuousClock.now < deadline { usleep(3000) }
                return true
            },
            render: { Buffer(width: $0, height: $1) })
        XCTAssertEqual(latencies.count, presses.count)
        XCTAssertLessThan(latencies.max() ?? 1, 0.05, "latencies \(latencies)")
    }

    func testAnIdleAppSleepsInTheInputWaitAndDrawsOnlyOnChange() {
        let screen = FakeScreen()
        screen.scheduled = [(0.5, .key(.character("a"))), (1.0, .key(.character("q")))]
        var ticks = 0
        let loop = LiveLoop(screen: screen)
        loop.run(update: { $0 != .key(.character("q")) }, tick: { _ in ticks += 1; return false },
                 render: { Buffer(width: $0, height: $1) })
        XCTAssertEqual(screen.drawn.count, 2, "the first frame and the one after the key")
        XCTAssertLessThanOrEqual(screen.waits, 8, "about four wakes a second while idle")
        XCTAssertLessThanOrEqual(ticks, 10)
    }

    func testTooSmallShowsTheNeededSizeAndRecoversWhenEnlarged() {
        let screen = FakeScreen(width: 50, height: 15)
        screen.scheduled = [(0.05, .resize(width: 100, height: 30)), (0.1, .key(.character("q")))]
        var renderedSizes: [String] = []
        LiveLoop(screen: screen).run(
            update: { $0 != .key(.character("q")) }, tick: { _ in false },
            render: { w, h in renderedSizes.append("\(w)x\(h)"); return Buffer(width: w, height: h) })
        let first = screen.drawn.first?.lines.joined(separator: "\n") ?? ""
        XCTAssertTrue(first.contains("terminal too small:"), first)
        XCTAssertTrue(first.contains("need at least 60×20,"), first)
        XCTAssertTrue(first.contains("now 50×15"), first)
        XCTAssertEqual(renderedSizes.first, "100x30")
    }

    func testTooSmallMessageFitsOnOneLineWhenWideEnough() {
        let b = LiveLoop.tooSmallScreen(width: 120, height: 10, minimumWidth: 60, minimumHeight: 20)
        XCTAssertEqual(b.lines.filter { $0.contains("terminal too small: need at least 60×20, now 120×10") }.count, 1)
        let tiny = LiveLoop.tooSmallScreen(width: 3, height: 1, minimumWidth: 60, minimumHeight: 20)
        XCTAssertEqual(tiny.width, 3)
    }

    func testWithNoMinimumTheAppDrawsEverySizeItself() {
        let screen = FakeScreen(width: 50, height: 15)
        screen.scheduled = [(0.05, .resize(width: 10, height: 3)), (0.1, .key(.character("q")))]
        var renderedSizes: [String] = []
        LiveLoop(screen: screen, minimumWidth: 0, minimumHeight: 0).run(
            update: { $0 != .key(.character("q")) }, tick: { _ in false },
            render: { w, h in renderedSizes.append("\(w)x\(h)"); return Buffer(width: w, height: h) })
        XCTAssertEqual(renderedSizes, ["50x15", "10x3"])
    }

    func testFrameRateIsMeasuredOverBusyStretchesOnly() {
        // Idle for 1.2 s, then busy: time spent idling must not dilute the first readings.
        let screen = FakeScreen()
        let loop = LiveLoop(screen: screen)
        var readings: [Double] = []
        loop.run(
            update: { event in
                if event == .tick { readings.append(loop.measuredFramesPerSecond) }
                return screen.elapsed < 2.6
            },
            tick: { deadline in
                guard screen.elapsed > 1.2 else { return false }
                while ContinuousClock.now < deadline {}
                return true
            },
            render: { Buffer(width: $0, height: $1) })
        let measured = readings.filter { $0 > 0 }
        XCTAssertFalse(measured.isEmpty, "a reading after a busy second")
        XCTAssertGreaterThanOrEqual(measured.min() ?? 0, 20, "readings while busy: \(Set(measured).sorted())")
    }

    func testQuittingOnTheFirstEventStillRestores() {
        let screen = FakeScreen()
        screen.scheduled = [(0, .key(.escape))]
        LiveLoop(screen: screen).run(update: { _ in false }, tick: { _ in false }, render: { Buffer(width: $0, height: $1) })
        XCTAssertEqual(screen.restored, 1)
    }
}
