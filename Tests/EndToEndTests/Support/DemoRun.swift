import Foundation
import XCTest

/// The `rnnbook` binary built beside this test bundle (`.build/<config>/rnnbook`).
enum RnnbookBinary {
    static var path: String {
        let bundle = Bundle.main.bundleURL
        let directory = bundle.hasDirectoryPath ? bundle : bundle.deletingLastPathComponent()
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("rnnbook")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url.path }
        }
        return directory.appendingPathComponent("rnnbook").path
    }
}

/// One run of the binary in tmux, through a script that records `stty -g` before and after
/// the run, the binary's pid and its exit status, then keeps the pane open.
final class DemoRun {
    let directory: URL
    let session: TmuxSession

    /// Starts `rnnbook <arguments>` in a `width`×`height` pane.
    init(width: Int = 100, height: Int = 30, arguments: [String] = ["_terminal-demo"]) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("run.sh")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let command = ([script.path, directory.path, RnnbookBinary.path] + arguments).map(Self.quoted).joined(separator: " ")
        session = try TmuxSession(width: width, height: height, command: "sh " + command)
    }

    /// The run's script. Ctrl-C goes to the whole foreground process group, so the script
    /// traps SIGINT (a trap with a command, which its children do not inherit) to outlive it.
    static let script = """
        dir="$1"; shift
        if infocmp tmux-256color >/dev/null 2>&1; then TERM=tmux-256color; else TERM=screen-256color; fi
        export TERM LANG=C.UTF-8 LC_ALL=C.UTF-8
        trap ':' INT
        stty -g > "$dir/stty-before"
        sh -c 'echo $$ > "$0/pid"; exec "$@"' "$dir" "$@"
        status=$?
        stty -g > "$dir/stty-after"
        echo "$status" > "$dir/status"
        echo RNNBOOK-SCRIPT-DONE
        exec sleep 600
        """

    static func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    private func read(_ name: String) -> String? {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The binary's process id, once it has started.
    var pid: pid_t? { read("pid").flatMap { pid_t($0) } }

    var sttyBefore: String? { read("stty-before") }
    var sttyAfter: String? { read("stty-after") }

    /// Waits for the binary to end; its exit status as the shell reports it (128 + signal
    /// when a signal killed it), or nil after `timeout` seconds.
    func waitForExit(timeout: TimeInterval = 5) -> Int32? {
        var status: Int32?
        _ = session.poll(timeout: timeout) {
            status = read("status").flatMap { Int32($0) }
            return status != nil
        }
        return status
    }

    /// Waits for the first frame of the demo.
    @discardableResult
    func waitForFirstFrame(file: StaticString = #filePath, line: UInt = #line) -> String? {
        session.waitFor("frame ", "size: ", file: file, line: line)
    }

    /// Asserts the run ended with `expectedStatus` and left the terminal as it found it:
    /// the same `stty -g`, and the shell's screen, cursor, mouse and keypad modes.
    func assertRestored(status expectedStatus: Set<Int32>, file: StaticString = #filePath, line: UInt = #line) {
        guard let status = waitForExit() else {
            XCTFail("the binary did not exit; screen:\n\(session.capture())", file: file, line: line)
            return
        }
        XCTAssertTrue(expectedStatus.contains(status), "exit status \(status), expected one of \(expectedStatus.sorted())", file: file, line: line)
        XCTAssertNotNil(sttyBefore, file: file, line: line)
        XCTAssertFalse(sttyBefore?.isEmpty ?? true, file: file, line: line)
        XCTAssertEqual(sttyAfter, sttyBefore, "stty -g after the run differs from before it", file: file, line: line)
        XCTAssertEqual(session.modes, .restored, file: file, line: line)
    }

    /// utime + stime of a process in clock ticks (1/100 s), from /proc (Linux); -1 if unknown.
    func cpuTicks(_ pid: pid_t) -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return -1 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3 of stat(5); utime and stime are 14 and 15.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return -1 }
        return user + system
    }

    func finish() {
        session.kill()
        try? FileManager.default.removeItem(at: directory)
    }
}
