import Foundation
import TermGrid
import XCTest

final class AsciicastWriterTests: XCTestCase {
    private var path = ""

    override func setUp() {
        path = NSTemporaryDirectory() + "asciicast-\(UUID().uuidString).cast"
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Every line of the file parsed as JSON.
    private func parsedLines() throws -> [Any] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"))
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed])
        }
    }

    func testHeaderAndEventsParseAndReplayToTheLastFrame() throws {
        let recorder = try AsciicastWriter(path: path, width: 6, height: 2, depth: .c256, term: "xterm-256color",
                                           timestamp: 1_700_000_000, title: "say \"hi\"\\")
        var frame = Buffer(width: 6, height: 2)
        frame.put("a\"b\\c", x: 0, y: 0, style: Style(foreground: .rgb(255, 0, 0)))
        try recorder.record(frame, at: 0)
        try recorder.record(frame, at: 0.5)             // unchanged: no event
        frame.put("⣿", x: 2, y: 1, style: Style(attributes: .bold))
        try recorder.record(frame, at: 1.25)
        try recorder.record(frame, at: 1.0)             // unchanged, and earlier: still nothing
        frame.put("z", x: 5, y: 1)
        try recorder.record(frame, at: 0.75)            // earlier than the last frame: clamped
        try recorder.close()

        let lines = try parsedLines()
        XCTAssertEqual(lines.count, 4)
        let header = try XCTUnwrap(lines[0] as? [String: Any])
        XCTAssertEqual(header["version"] as? Int, 2)
        XCTAssertEqual(header["width"] as? Int, 6)
        XCTAssertEqual(header["height"] as? Int, 2)
        XCTAssertEqual(header["timestamp"] as? Int, 1_700_000_000)
        XCTAssertEqual(header["title"] as? String, "say \"hi\"\\")
        XCTAssertEqual((header["env"] as? [String: String])?["TERM"], "xterm-256color")

        let events = try lines.dropFirst().map { try XCTUnwrap($0 as? [Any]) }
        XCTAssertEqual(events.map { ($0[0] as? NSNumber)?.doubleValue }, [0, 1.25, 1.25])
        XCTAssertEqual(events.map { $0[1] as? String }, ["o", "o", "o"])
        let data = events.map { $0[2] as? String ?? "" }
        XCTAssertTrue(data[0].hasPrefix("\u{1B}[?25l\u{1B}[0m\u{1B}[H\u{1B}[2J"), "first event is a full frame")
        XCTAssertTrue(data[0].contains("\u{1B}[0;38;5;196ma\"b\\c"))
        XCTAssertEqual(data[1], "\u{1B}[2;3H\u{1B}[0;1m⣿\u{1B}[0m")

        var terminal = MiniTerminal(width: 6, height: 2)
        for d in data { try terminal.feed(d) }
        XCTAssertEqual(terminal.screen.lines, frame.lines)
        XCTAssertEqual(terminal.screen[0, 0].style.foreground, .indexed(196))
        XCTAssertFalse(terminal.cursorVisible)
    }

    func testEventTimesHaveSixDecimalsAndControlsAreEscaped() throws {
        let recorder = try AsciicastWriter(path: path, width: 2, height: 1, depth: .mono, timestamp: 0)
        var frame = Buffer(width: 2, height: 1)
        frame.put("ok", x: 0, y: 0)
        try recorder.record(frame, at: 2.5)
        try recorder.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let event = text.split(separator: "\n")[1]
        XCTAssertTrue(event.hasPrefix("[2.500000,\"o\",\"\\u001b[?25l"), String(event))
        XCTAssertFalse(text.contains("\u{1B}"), "raw escapes must not reach the JSON")
    }

    func testResizeEmitsAResizeEventAndAFullFrame() throws {
        let recorder = try AsciicastWriter(path: path, width: 4, height: 2, depth: .truecolor, timestamp: 0)
        var small = Buffer(width: 4, height: 2)
        small.put("ab", x: 0, y: 0)
        try recorder.record(small, at: 0)
        var large = Buffer(width: 7, height: 3)
        large.put("wide", x: 3, y: 2)
        try recorder.record(large, at: 1)
        try recorder.close()
        let events = try parsedLines().dropFirst().map { try XCTUnwrap($0 as? [Any]) }
        XCTAssertEqual(events.map { $0[1] as? String }, ["o", "r", "o"])
        XCTAssertEqual(events[1][2] as? String, "7x3")
        let repaint = try XCTUnwrap(events[2][2] as? String)
        XCTAssertTrue(repaint.hasPrefix("\u{1B}[0m\u{1B}[H\u{1B}[2J"))
        var terminal = MiniTerminal(width: 7, height: 3)
        try terminal.feed(repaint)
        XCTAssertEqual(terminal.screen.lines, large.lines)
    }

    func testErrorsNameThePath() throws {
        XCTAssertThrowsError(try AsciicastWriter(path: "/nonexistent-dir/x.cast", width: 1, height: 1, depth: .mono)) {
            XCTAssertTrue("\($0)".hasPrefix("/nonexistent-dir/x.cast: cannot record:"), "\($0)")
        }
        let recorder = try AsciicastWriter(path: path, width: 1, height: 1, depth: .mono)
        try recorder.close()
        try recorder.close()
        XCTAssertThrowsError(try recorder.record(Buffer(width: 1, height: 1), at: 0))
        let header = try XCTUnwrap(try parsedLines().first as? [String: Any])
        XCTAssertGreaterThan(header["timestamp"] as? Int ?? 0, 1_600_000_000)
    }
}
