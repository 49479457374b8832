import Foundation

/// Runs a short command with posix_spawn and waitpid.
///
/// Not Foundation's Process: tmux's `new-session` forks a server that inherits the client's
/// descriptors (so a pipe never reaches end of file), and Process's exit monitoring stalled
/// here. Output goes through a temporary file; stdin is /dev/null.
enum Subprocess {
    /// Exit status (128 + signal if killed) and stdout and stderr together.
    static func run(_ path: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let r = runSeparately(path, arguments, mergeErrors: true)
        return (r.status, r.stdout)
    }

    /// Exit status, stdout and stderr (empty when `mergeErrors` sends it to stdout).
    static func runSeparately(_ path: String, _ arguments: [String], mergeErrors: Bool = false)
        -> (status: Int32, stdout: String, stderr: String) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-e2e-\(UUID().uuidString)").path
        let outputPath = base + ".out", errorPath = base + ".err"
        defer { unlink(outputPath); unlink(errorPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if mergeErrors {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { return (-1, "", "cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS by hand: the macros are not imported.
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output, errors)
    }
}
