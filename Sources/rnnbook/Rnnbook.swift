import ArgumentParser
import Foundation
import RNNCore

@main
struct Rnnbook: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnbook",
        abstract: "Train small recurrent networks live and look inside them.",
        subcommands: [Open.self, Render.self, Run.self, List.self, Questions.self, Ask.self, Lint.self, Trace.self, Bench.self, TerminalDemo.self],
        defaultSubcommand: Open.self)

    /// Bad input of any kind — a usage mistake or a broken file — ends with one line on
    /// stderr and exit code 2, never a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as InputError {
            fail(error.description)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code == .failure {
                exit(withError: error)
            }
            // Usage errors: ArgumentParser's message, then our exit code for bad input.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("rnnbook: \(message)\n".utf8))
        Foundation.exit(2)
    }
}

/// Prints a JSON value on one line.
func printJSON(_ value: Any) throws {
    let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
    FileHandle.standardOutput.write(data)
    FileHandle.standardOutput.write(Data("\n".utf8))
}
