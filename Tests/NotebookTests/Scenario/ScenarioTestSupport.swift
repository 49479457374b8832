import Foundation
import XCTest

/// A small valid scenario with known line numbers, and temp folders, for the parser tests.
enum ScenarioFixture {
    /// 44 lines; tests replace single lines (1-based) to make one mistake at a known place.
    static let lines: [String] = [
        "---",                          // 1
        "id: demo",                     // 2
        "title: Demo",                  // 3
        "chapter: Basics",              // 4
        "questions: [q-one]",           // 5
        "claim: Something holds.",      // 6
        "task:",                        // 7
        "  name: adding",               // 8
        "  seq_len: 20",                // 9
        "model:",                       // 10
        "  cell: rnn_tanh",             // 11
        "  hidden: 16",                 // 12
        "  radius: 0.5",                // 13
        "training:",                    // 14
        "  lr: 0.01",                   // 15
        "tweak:",                       // 16
        "  radius: [0.25, 2]",          // 17
        "  cell: [rnn_tanh, lstm]",     // 18
        "panes: [gradients, loss]",     // 19
        "---",                          // 20
        "# Demo",                       // 21
        "",                             // 22
        "Intro text.",                  // 23
        "",                             // 24
        "## One",                       // 25
        "",                             // 26
        "Prose one.",                   // 27
        "",                             // 28
        "```actions",                   // 29
        "set radius 1",                 // 30
        "run 10",                       // 31
        "```",                          // 32
        "",                             // 33
        "## Two",                       // 34
        "",                             // 35
        "```actions",                   // 36
        "focus loss",                   // 37
        "```",                          // 38
        "",                             // 39
        "## Three",                     // 40
        "",                             // 41
        "```actions",                   // 42
        "compare cell=rnn_tanh,lstm",   // 43
        "```",                          // 44
    ]

    static var text: String { lines.joined(separator: "\n") + "\n" }

    /// The fixture with some lines replaced (keys are 1-based line numbers).
    static func text(replacing changes: [Int: String]) -> String {
        var copy = lines
        for (line, replacement) in changes { copy[line - 1] = replacement }
        return copy.joined(separator: "\n") + "\n"
    }
}

/// A fresh temporary folder, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rnnbook-scenario-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

func write(_ text: String, to folder: URL, _ name: String) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
