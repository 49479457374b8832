import Foundation
import XCTest

/// Leaving the notebook while it trains (q, Ctrl-C, SIGTERM, SIGHUP) gives the terminal back
/// exactly, and `--record` leaves a valid asciinema v2 file behind.
final class NotebookExitTests: NotebookTestCase {
    private var scratch: URL?

    override func tearDown() {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
        super.tearDown()
    }

    /// Opens the notebook and starts training, so every exit happens with the training
    /// thread busy.
    private func startTraining() throws {
        notebook = try NotebookRun()
        notebook.waitForFirstFrame()
        notebook.session.sendKeys("Space")
        notebook.waitForStatus("training running", timeout: 15) { $0.isRunning && ($0.step ?? 0) >= 1 }
        XCTAssertEqual(notebook.session.modes, .live, "the modes must have changed for the restore checks to mean anything")
    }

    private func signal(_ sig: Int32) throws {
        let pid = try XCTUnwrap(notebook.run.pid)
        XCTAssertEqual(kill(pid, sig), 0)
    }

    func testQ() throws {
        try startTraining()
        notebook.session.sendKeys("q")
        notebook.run.assertRestored(status: [0])
        notebook.session.waitFor("RNNBOOK-SCRIPT-DONE")
    }

    func testCtrlC() throws {
        try startTraining()
        notebook.session.sendKeys("C-c")
        notebook.run.assertRestored(status: [128 + SIGINT])
    }

    func testSIGTERM() throws {
        try startTraining()
        try signal(SIGTERM)
        notebook.run.assertRestored(status: [128 + SIGTERM])
    }

    func testSIGHUP() throws {
        try startTraining()
        try signal(SIGHUP)
        notebook.run.assertRestored(status: [128 + SIGHUP])
    }

    func testRecordWritesAnAsciicastV2File() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        scratch = directory
        let cast = directory.appendingPathComponent("session.cast")
        notebook = try NotebookRun(width: 100, height: 30, options: ["--record", cast.path])
        notebook.waitForFirstFrame()
        notebook.session.sendKeys(".")
        notebook.waitForStatus("one step") { $0.step == 1 && $0.isPaused }
        notebook.session.resize(width: 110, height: 32)
        notebook.waitForLayout(width: 110, height: 32)
        notebook.session.sendKeys("q")
        notebook.run.assertRestored(status: [0])

        let lines = try String(contentsOf: cast, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertGreaterThanOrEqual(lines.count, 3, "a header and at least two frames")
        let header = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        XCTAssertEqual(header["version"] as? Int, 2)
        XCTAssertEqual(header["width"] as? Int, 100)
        XCTAssertEqual(header["height"] as? Int, 30)
        XCTAssertNotNil(header["timestamp"] as? Int)

        var lastTime = 0.0, output = "", repaint = "", resizes: [String] = []
        for (number, line) in lines.dropFirst().enumerated() {
            let event = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], "event \(number + 1): \(line)")
            XCTAssertEqual(event.count, 3, line)
            let time = try XCTUnwrap(event[0] as? Double, line)
            let code = try XCTUnwrap(event[1] as? String, line)
            let data = try XCTUnwrap(event[2] as? String, line)
            XCTAssertGreaterThanOrEqual(time, lastTime, "event times never go back")
            lastTime = time
            XCTAssertTrue(code == "o" || code == "r", line)
            if code == "o" { output += data } else { resizes.append(data); repaint = "" }
            if code == "o" { repaint += data }
        }
        XCTAssertTrue(output.contains("vanishing-gradients"), "the frames carry the status bar")
        XCTAssertEqual(resizes, ["110x32"])
        // Later frames carry only changed cells; the one after the resize repaints everything.
        XCTAssertTrue(repaint.contains("step 1"), "the repaint after the resize shows the step taken")
    }
}
