import Foundation
import XCTest

/// `rnnbook open SCENARIO` in tmux, run through `DemoRun`'s script (so `stty -g`, the pid and
/// the exit status are recorded), with readers for the notebook's title row and status bar.
final class NotebookRun {
    let run: DemoRun
    var session: TmuxSession { run.session }

    /// Starts `rnnbook open scenario options…` in a `width`×`height` pane.
    init(_ scenario: String = "vanishing-gradients", width: Int = 120, height: Int = 36, options: [String] = []) throws {
        run = try DemoRun(width: width, height: height, arguments: ["open", scenario] + options)
    }

    /// Waits for the first whole frame: a status bar at `step 0` ending in `? help`.
    /// Debug builds of the models are slow to construct on a busy machine: a generous timeout.
    @discardableResult
    func waitForFirstFrame(file: StaticString = #filePath, line: UInt = #line) -> String? {
        waitForStatus("the first frame", timeout: 15, file: file, line: line) { $0.step == 0 && $0.text.hasSuffix("? help") }
            .map { _ in session.capture() }
    }

    /// The screen's rows (tmux drops trailing blanks of each row).
    func rows() -> [String] {
        var rows = session.capture().components(separatedBy: "\n")
        if rows.last == "" { rows.removeLast() }
        return rows
    }

    /// The last row: the status bar, or the `:` command line while it is open.
    var statusBar: StatusLine { StatusLine(text: rows().last ?? "") }
    /// The first row: rnnbook, the scenario's title and the walkthrough step.
    var titleRow: String { rows().first ?? "" }

    /// Polls the status bar until `condition` holds; fails the test with the whole screen
    /// (naming `what` it waited for) when `timeout` seconds pass first.
    @discardableResult
    func waitForStatus(_ what: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line,
                       _ condition: (StatusLine) -> Bool) -> StatusLine? {
        var last = StatusLine(text: "")
        let found = session.poll(timeout: timeout) {
            last = statusBar
            return condition(last)
        }
        if !found { XCTFail("waited \(timeout) s for \(what); screen:\n\(session.capture())", file: file, line: line) }
        return found ? last : nil
    }

    /// The screen with its colours and attributes, as frames and their styles.
    func styledScreen() -> StyledScreen { StyledScreen(session.capture(escapes: true)) }

    /// Polls the styled screen until `condition` holds; fails like `waitForStatus`.
    @discardableResult
    func waitForScreen(_ what: String, timeout: TimeInterval = 5, file: StaticString = #filePath, line: UInt = #line,
                       _ condition: (StyledScreen) -> Bool) -> StyledScreen? {
        var last = StyledScreen("")
        let found = session.poll(timeout: timeout) {
            last = styledScreen()
            return condition(last)
        }
        if !found { XCTFail("waited \(timeout) s for \(what); frames \(last.frames); screen:\n\(session.capture())", file: file, line: line) }
        return found ? last : nil
    }

    /// Polls until the notebook is laid out for `width`×`height`: that many rows, the top
    /// pane frames reaching the last column, the status bar on the last row.
    @discardableResult
    func waitForLayout(width: Int, height: Int, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let laidOut = session.poll(timeout: 5) {
            let rows = rows()
            return rows.count == height && rows[height - 1].hasSuffix("? help")
                && rows[1].hasSuffix("╮") && rows[1].unicodeScalars.count == width
        }
        if !laidOut { XCTFail("not laid out for \(width)×\(height):\n\(session.capture())", file: file, line: line) }
        return laidOut
    }

    /// Types `:command` and Enter.
    func command(_ text: String) {
        session.type(":" + text)
        session.sendKeys("Enter")
    }

    func finish() { run.finish() }
}

/// The notebook's status bar: ` scenario  k/K  step N  loss …  F fps  running|paused  message  ? help`.
struct StatusLine: CustomStringConvertible {
    let text: String

    /// The training step: the number after the first `step ` (a message that mentions a step
    /// comes after the counter).
    var step: Int? {
        guard let range = text.range(of: " step ") else { return nil }
        return Int(text[range.upperBound...].prefix { $0.isNumber })
    }

    var isRunning: Bool { text.contains("  running") }
    var isPaused: Bool { text.contains("  paused") }

    /// Frames per second the loop measured (`27 fps`, `1.2 fps`).
    var framesPerSecond: Double? {
        guard let range = text.range(of: " fps") else { return nil }
        let number = text[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "." }
        return Double(String(number.reversed()))
    }

    var description: String { text }
}
