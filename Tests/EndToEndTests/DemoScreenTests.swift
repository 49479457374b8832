import Foundation
import XCTest

/// The live backend as a user sees it, through `rnnbook _terminal-demo` in tmux: first frame,
/// keys, clicks, resizes, the too-small screen, colours, frame rate and idling.
final class DemoScreenTests: XCTestCase {
    private var run: DemoRun!

    override func tearDown() {
        run?.finish()
        run = nil
        super.tearDown()
    }

    func testStartsInTheAlternateScreenAndDrawsTheFirstFrame() throws {
        run = try DemoRun()
        let screen = try XCTUnwrap(run.waitForFirstFrame())
        XCTAssertTrue(screen.contains("size: 100x30"), screen)
        XCTAssertTrue(screen.contains("┌"), "box drawing survives the wide-character path")
        XCTAssertTrue(screen.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "braille wave:\n\(screen)")
        XCTAssertEqual(run.session.modes, .live)
    }

    func testKeysArriveDecoded() throws {
        run = try DemoRun()
        run.waitForFirstFrame()
        let keys: [(send: String, shown: String)] = [
            ("x", "x"), ("Up", "Up"), ("Down", "Down"), ("Left", "Left"), ("Right", "Right"),
            ("Tab", "Tab"), ("BTab", "BackTab"), ("BSpace", "Backspace"), ("Enter", "Enter"),
            ("Escape", "Escape"), ("PPage", "PageUp"), ("NPage", "PageDown"), ("Home", "Home"),
            ("End", "End"), ("C-a", "Ctrl-A"), ("C-s", "Ctrl-S"), ("DC", "Delete"), ("F5", "F5"),
        ]
        for (send, shown) in keys {
            run.session.sendKeys(send)
            run.session.waitFor("key: \(shown)   size:", timeout: 3)
        }
        run.session.type("é")
        run.session.waitFor("key: é   size:", timeout: 3)
    }

    func testMouseClickReportsCellAndButton() throws {
        run = try DemoRun()
        run.waitForFirstFrame()
        // An X10 mouse report (the tmux-256color kmous format): ESC [ M, then button, column
        // and row, each offset by 32 and the position 1-based. Left press at column 10, row 5.
        run.session.sendBytes([0x1B, 0x5B, 0x4D, 32 + 0, 32 + 11, 32 + 6])
        run.session.waitFor("mouse: 10,5 left")
    }

    func testResizeIsPickedUpLive() throws {
        run = try DemoRun()
        run.session.waitFor("size: 100x30")
        run.session.resize(width: 120, height: 40)
        let screen = run.session.waitFor("size: 120x40") ?? ""
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertTrue(rows.count >= 40 && rows[39].hasPrefix("└") && rows[39].hasSuffix("┘"),
                      "the frame spans the new size:\n\(screen)")
        run.session.resize(width: 70, height: 22)
        run.session.waitFor("size: 70x22")
    }

    func testTooSmallSaysHowLargeAndRecoversWhenEnlarged() throws {
        run = try DemoRun(width: 50, height: 15)
        let screen = run.session.waitFor("terminal too small:", "need at least 60×20,", "now 50×15") ?? ""
        XCTAssertFalse(screen.contains("frame "))
        run.session.resize(width: 59, height: 30)
        run.session.waitFor("now 59×30")
        run.session.resize(width: 100, height: 30)
        run.session.waitFor("frame ", "size: 100x30")
        run.session.sendKeys("q")
        run.assertRestored(status: [0])
    }

    func testRGBIsFoldedToThe256ColourPalette() throws {
        run = try DemoRun()
        run.waitForFirstFrame()
        // The wave is rgb(0, 175, 255): entry 39 of the xterm cube.
        run.session.waitFor("38;5;39m", escapes: true)
    }

    func testBusyFramesComeAtLeastThirtyTimesASecondAndAPausedScreenIdles() throws {
        run = try DemoRun()
        run.waitForFirstFrame()
        let (frames0, time0) = (frameNumber(run.session.capture()), Date())
        usleep(1_000_000)
        let (frames1, time1) = (frameNumber(run.session.capture()), Date())
        let rate = Double(frames1 - frames0) / time1.timeIntervalSince(time0)
        XCTAssertGreaterThanOrEqual(rate, 30, "frames \(frames0) → \(frames1)")

        run.session.sendKeys("Space")
        run.session.waitFor("paused")
        let pid = try XCTUnwrap(run.pid)
        let (idle0, cpu0) = (frameNumber(run.session.capture()), run.cpuTicks(pid))
        usleep(1_000_000)
        let (idle1, cpu1) = (frameNumber(run.session.capture()), run.cpuTicks(pid))
        XCTAssertEqual(idle1, idle0, "no frames are drawn while nothing changes")
        XCTAssertLessThanOrEqual(cpu1 - cpu0, 5, "CPU ticks (1/100 s) used in one idle second: no busy loop")
    }

    private func frameNumber(_ screen: String) -> Int {
        guard let range = screen.range(of: "frame ") else { return -1 }
        return Int(screen[range.upperBound...].prefix { $0.isNumber }) ?? -1
    }
}
