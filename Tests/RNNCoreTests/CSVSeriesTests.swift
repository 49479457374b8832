import Foundation
import RNNCore
import XCTest

final class CSVSeriesTests: XCTestCase {
    private func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "rnnbook-csv-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testHeaderCRLFAndStandardisation() throws {
        let path = try file("level\r\n1\r\n2\r\n3\r\n\r\n4\r\n")
        let task = try CSVSeries(contentsOfFile: path, length: 2)
        XCTAssertEqual(task.values.count, 4)
        XCTAssertEqual(task.mean, 2.5, accuracy: 1e-12)
        XCTAssertEqual(task.values.reduce(0, +), 0, accuracy: 1e-12)
        var rng = SeededRandom(seed: 1)
        let batch: SequenceBatch<Double> = task.makeBatch(size: 3, rng: &rng)
        // Every target is the next input of the same window.
        for b in 0..<3 {
            XCTAssertEqual(batch.targets!.data[batch.index(t: 0, b: b)], batch.inputs.data[batch.index(t: 1, b: b)])
        }
    }

    func testBadFilesNameTheLine() throws {
        func message(_ text: String, length: Int = 2) throws -> String {
            let path = try file(text)
            do { _ = try CSVSeries(contentsOfFile: path, length: length); return "no error" } catch {
                return "\(error)".replacingOccurrences(of: path, with: "F")
            }
        }
        XCTAssertTrue(try message("1\n2\nabc\n4\n").contains("line 3"))
        XCTAssertTrue(try message("1,2\n3,4\n").contains("more than one column"))
        XCTAssertTrue(try message("1\nnan\n3\n").contains("line 2"))
        XCTAssertTrue(try message("1\n2\n", length: 5).contains("at least 6"))
        XCTAssertThrowsError(try CSVSeries(contentsOfFile: "/nonexistent/x.csv"))
    }
}
