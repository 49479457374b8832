import Foundation
import XCTest

/// Every way out of the live screen leaves the terminal exactly as it was: the same
/// `stty -g`, the normal screen, the cursor shown, no mouse reporting. Signals end the
/// process with the signal's own status.
final class TerminalRestoreTests: XCTestCase {
    private var run: DemoRun!

    override func tearDown() {
        run?.finish()
        run = nil
        super.tearDown()
    }

    private func startDemo(_ arguments: [String] = []) throws {
        run = try DemoRun(arguments: ["_terminal-demo"] + arguments)
        run.waitForFirstFrame()
        XCTAssertEqual(run.session.modes, .live, "the run must change the modes for the restore checks to mean anything")
    }

    private func signal(_ sig: Int32) throws {
        let pid = try XCTUnwrap(run.pid)
        XCTAssertEqual(kill(pid, sig), 0)
    }

    func testQuitWithQ() throws {
        try startDemo()
        run.session.sendKeys("q")
        run.assertRestored(status: [0])
        run.session.waitFor("RNNBOOK-SCRIPT-DONE")
    }

    func testCtrlC() throws {
        try startDemo()
        run.session.sendKeys("C-c")
        run.assertRestored(status: [128 + SIGINT])
    }

    func testSIGTERM() throws {
        try startDemo()
        try signal(SIGTERM)
        run.assertRestored(status: [128 + SIGTERM])
    }

    func testSIGHUP() throws {
        try startDemo()
        try signal(SIGHUP)
        run.assertRestored(status: [128 + SIGHUP])
    }

    func testCrash() throws {
        try startDemo(["--crash-after-frames", "15"])
        // A Swift trap is SIGILL on x86-64 and SIGTRAP on arm64.
        run.assertRestored(status: [128 + SIGILL, 128 + SIGTRAP])
    }

    func testSIGSEGV() throws {
        try startDemo()
        try signal(SIGSEGV)
        run.assertRestored(status: [128 + SIGSEGV])
    }

    func testStdoutNotATerminalExitsWithCodeTwoAndPointsToRenderAndRun() throws {
        // stdout is a file here, so whatever the test runner's stdout is does not matter.
        let result = Subprocess.runSeparately(RnnbookBinary.path, ["_terminal-demo"])
        let stderr = result.stderr
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stdout.isEmpty)
        XCTAssertEqual(stderr.split(separator: "\n").count, 1, stderr)
        XCTAssertTrue(stderr.contains("not a terminal"), stderr)
        XCTAssertTrue(stderr.contains("rnnbook render"), stderr)
        XCTAssertTrue(stderr.contains("rnnbook run"), stderr)
    }
}
