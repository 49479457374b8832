import Foundation
import TermGrid
import XCTest

/// Compares rendered text with a snapshot stored next to the test file, in
/// `__Snapshots__/<TestFile>/<name>.txt`.
///
/// Snapshots are re-recorded only on request: run with `RNNBOOK_RECORD_SNAPSHOTS=1`. A test that
/// records (or finds no snapshot) fails, so a recording can never pass silently in CI.
public func assertSnapshot(_ text: String, named name: String,
                           file: StaticString = #filePath, line: UInt = #line) {
    let testFile = URL(fileURLWithPath: "\(file)")
    let folder = testFile.deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
        .appendingPathComponent(testFile.deletingPathExtension().lastPathComponent)
    let url = folder.appendingPathComponent("\(name).txt")
    let recording = ProcessInfo.processInfo.environment["RNNBOOK_RECORD_SNAPSHOTS"] == "1"
    if recording {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        XCTFail("recorded snapshot \(name); run again without RNNBOOK_RECORD_SNAPSHOTS", file: file, line: line)
        return
    }
    guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("no snapshot \(url.path); record it with RNNBOOK_RECORD_SNAPSHOTS=1", file: file, line: line)
        return
    }
    if stored != text {
        let a = stored.components(separatedBy: "\n"), b = text.components(separatedBy: "\n")
        let firstDiff = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        XCTFail("""
            snapshot \(name) differs at line \(firstDiff + 1)
            expected: \(firstDiff < a.count ? a[firstDiff] : "<end>")
              actual: \(firstDiff < b.count ? b[firstDiff] : "<end>")
            full actual:
            \(text)
            """, file: file, line: line)
    }
}

/// A buffer's rows joined with newlines, each row wrapped in `|` so trailing spaces show.
public func snapshotText(_ buffer: Buffer) -> String {
    buffer.lines.map { "|\($0)|" }.joined(separator: "\n") + "\n"
}
