import Foundation
import XCTest

/// Ctrl-Z gives the terminal back to the shell; `fg` takes it again and redraws. Needs an
/// interactive shell with job control, so the pane runs bash rather than the record script.
final class SuspendResumeTests: XCTestCase {
    private var session: TmuxSession?
    private var directory: URL?

    override func tearDown() {
        session?.kill()
        if let directory { try? FileManager.default.removeItem(at: directory) }
        super.tearDown()
    }

    func testCtrlZSuspendsAndFgRedraws() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { throw XCTSkip("needs bash for job control") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        directory = dir
        let term = "$(infocmp tmux-256color >/dev/null 2>&1 && echo tmux-256color || echo screen-256color)"
        let s = try TmuxSession(width: 100, height: 30, command:
            "env PS1='READY$ ' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=\(term) /bin/bash --norc --noprofile -i")
        session = s
        s.waitFor("READY$")
        let before = dir.appendingPathComponent("before").path, after = dir.appendingPathComponent("after").path
        s.type("stty -g > \(DemoRun.quoted(before)); \(DemoRun.quoted(RnnbookBinary.path)) _terminal-demo")
        s.sendKeys("Enter")
        s.waitFor("frame ")
        XCTAssertEqual(s.modes, .live)

        s.sendKeys("C-z")
        s.waitFor("Stopped")
        XCTAssertEqual(s.modes, .restored, "while stopped the shell has its terminal back")

        s.type("fg"); s.sendKeys("Enter")
        let redrawn = s.waitFor("frame ", "size: 100x30") ?? ""
        XCTAssertFalse(redrawn.contains("Stopped"), "the live screen is back in full:\n\(redrawn)")
        XCTAssertEqual(s.modes, .live)
        s.sendKeys("Up")
        s.waitFor("key: Up", timeout: 3)

        s.sendKeys("q")
        XCTAssertTrue(s.poll(timeout: 5) { s.modes == .restored })
        s.type("stty -g > \(DemoRun.quoted(after))"); s.sendKeys("Enter")
        XCTAssertTrue(s.poll(timeout: 5) { ((try? String(contentsOfFile: after, encoding: .utf8)) ?? "").count > 10 })
        let b = try String(contentsOfFile: before, encoding: .utf8), a = try String(contentsOfFile: after, encoding: .utf8)
        XCTAssertFalse(b.isEmpty)
        XCTAssertEqual(a, b, "stty -g after quitting differs from before starting")
    }
}
