import Foundation
import XCTest

/// A private tmux server (its own socket, no user config) running one session at a fixed
/// size: how the end-to-end tests type at the real binary and read its screen.
final class TmuxSession {
    private static var counter = 0
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    let socket: String
    let target = "rnnbook-e2e"

    /// Starts `command` (run by tmux through `sh -c`) in a detached session of `width`×`height`.
    init(width: Int, height: Int, command: String) throws {
        guard Self.executable != nil else { throw XCTSkip("tmux is not installed (TmuxAvailableTests fails for this)") }
        Self.counter += 1
        socket = "rnnbook-test-\(getpid())-\(Self.counter)"
        let result = tmux(["new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)", command])
        if result.status != 0 { throw TmuxError(message: "tmux new-session failed: \(result.output)") }
    }

    struct TmuxError: Error { let message: String }

    /// Runs one tmux command on this server; returns its exit status and output.
    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        Subprocess.run(Self.executable ?? "/usr/bin/tmux", ["-L", socket, "-f", "/dev/null", "-u"] + arguments)
    }

    /// Sends tmux key names (`q`, `Up`, `C-c`, `BTab`, `Enter`...).
    func sendKeys(_ keys: String...) { tmux(["send-keys", "-t", target] + keys) }

    /// Types `text` literally.
    func type(_ text: String) { tmux(["send-keys", "-t", target, "-l", text]) }

    /// Sends raw bytes, for input tmux has no key name for (a mouse report).
    func sendBytes(_ bytes: [UInt8]) {
        tmux(["send-keys", "-t", target, "-H"] + bytes.map { String($0, radix: 16) })
    }

    /// The visible screen as text; with `escapes`, with colours and attributes as SGR.
    func capture(escapes: Bool = false) -> String {
        tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : [])).output
    }

    /// A tmux format evaluated for the pane, e.g. `#{cursor_flag}`.
    func format(_ f: String) -> String {
        tmux(["display-message", "-p", "-t", target, f]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The terminal modes an app can leave behind, as tmux tracks them for the pane.
    var modes: PaneModes {
        let v = format("#{alternate_on} #{cursor_flag} #{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}#{mouse_all_flag} #{keypad_cursor_flag}#{keypad_flag}")
            .split(separator: " ").map(String.init)
        guard v.count == 4 else { return PaneModes(alternateScreen: true, cursorVisible: false, mouseReporting: true, keypad: true) }
        return PaneModes(alternateScreen: v[0] == "1", cursorVisible: v[1] == "1",
                         mouseReporting: v[2].contains("1"), keypad: v[3].contains("1"))
    }

    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"])
    }

    func kill() { tmux(["kill-server"]) }

    /// Polls the screen until it contains every one of `texts`; fails the test with the last
    /// screen if that takes longer than `timeout` seconds.
    @discardableResult
    func waitFor(_ texts: String..., timeout: TimeInterval = 5, escapes: Bool = false,
                 file: StaticString = #filePath, line: UInt = #line) -> String? {
        var screen = ""
        let found = poll(timeout: timeout) {
            screen = capture(escapes: escapes)
            return texts.allSatisfy(screen.contains)
        }
        if !found { XCTFail("waited \(timeout) s for \(texts); screen:\n\(screen)", file: file, line: line) }
        return found ? screen : nil
    }

    /// Polls `condition` every 10 ms until it holds or `timeout` seconds pass.
    func poll(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if condition() { return true }
            if Date() >= deadline { return false }
            usleep(10_000)
        }
    }
}

/// Terminal modes of a pane: what "the terminal is restored" means beyond `stty`.
struct PaneModes: Equatable, CustomStringConvertible {
    var alternateScreen: Bool, cursorVisible: Bool, mouseReporting: Bool, keypad: Bool

    /// A shell's terminal: normal screen, cursor shown, no mouse reporting, normal keypad.
    static let restored = PaneModes(alternateScreen: false, cursorVisible: true, mouseReporting: false, keypad: false)
    /// The live screen's: alternate screen, no cursor, mouse reporting, application keypad.
    static let live = PaneModes(alternateScreen: true, cursorVisible: false, mouseReporting: true, keypad: true)

    var description: String {
        "alternate screen \(alternateScreen), cursor \(cursorVisible), mouse \(mouseReporting), keypad \(keypad)"
    }
}
