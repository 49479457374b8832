import XCTest

/// End-to-end tests drive the real binary inside tmux; this one only proves tmux is there, so a
/// missing tmux fails loudly instead of skipping every terminal test.
final class TmuxAvailableTests: XCTestCase {
    func testTmuxIsInstalled() throws {
        let paths = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        XCTAssertTrue(paths.contains { FileManager.default.isExecutableFile(atPath: $0) },
                      "tmux is missing: scripts/setup.sh installs it")
    }
}
