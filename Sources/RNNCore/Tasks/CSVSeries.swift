#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One-step-ahead forecasting of the user's own time series: a CSV file with one numeric
/// column (an optional header line is skipped).
///
/// The series is standardised (zero mean, unit variance over the whole file) so the usual
/// learning rates work for any units. Each batch row is a random window of T + 1 consecutive
/// values: the model reads the first T and predicts each next value; every step is scored.
/// The held-out numbers are therefore in-sample windows: this is a demonstration of fitting a
/// series, not an out-of-time evaluation.
public struct CSVSeries: SequenceTask {
    /// Largest accepted file, and the fewest values that make a window of one step.
    public static let maxFileBytes = 64 * 1024 * 1024

    public let name: String
    public let length: Int
    /// The standardised series.
    public let values: [Double]
    /// Mean and standard deviation of the raw values, to read predictions back in units.
    public let mean: Double, scale: Double

    /// Loads `path`. Throws `InputError` naming the file and line for a missing or unreadable
    /// file, a second column, a value that is not a finite number, or too few values for one
    /// window of `length` steps.
    public init(contentsOfFile path: String, length: Int = 50) throws {
        try TaskCheck.length(length, minimum: 1, name: "seq_len")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              attributes[.type] as? FileAttributeType != .typeDirectory else {
            throw InputError(file: path, "no such file, or it cannot be read")
        }
        if let size = attributes[.size] as? Int, size > Self.maxFileBytes {
            throw InputError(file: path, "is \(size) bytes; the cap for a series is \(Self.maxFileBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: path, "is not a readable UTF-8 text file")
        }
        let raw = try Self.parse(text, file: path)
        guard raw.count >= length + 1 else {
            throw InputError(file: path, "has \(raw.count) values; seq_len \(length) needs at least \(length + 1)")
        }
        let mean = raw.reduce(0, +) / Double(raw.count)
        let variance = raw.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(raw.count)
        let scale = variance > 0 ? variance.squareRoot() : 1
        self.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        self.length = length
        self.mean = mean
        self.scale = scale
        values = raw.map { ($0 - mean) / scale }
    }

    /// The numbers of a one-column CSV. Line 1 may be a header; blank lines are skipped.
    static func parse(_ text: String, file: String) throws -> [Double] {
        var values: [Double] = []
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            var field = Substring(line)
            while let c = field.first, c == " " || c == "\r" { field.removeFirst() }
            while let c = field.last, c == " " || c == "\r" { field.removeLast() }
            if field.isEmpty { continue }
            if field.contains(",") || field.contains(";") || field.contains("\t") {
                throw InputError(file: file, place: "line \(lineNumber)", "has more than one column; give one numeric column")
            }
            guard let value = Double(String(field)) else {
                if lineNumber == 1 { continue }  // a header such as "temperature"
                throw InputError(file: file, place: "line \(lineNumber)", "\"\(field.prefix(40))\" is not a number")
            }
            guard value.isFinite else {
                throw InputError(file: file, place: "line \(lineNumber)", "\(field) is not a finite number")
            }
            values.append(value)
        }
        return values
    }

    public var kind: TaskKind { .regression }
    public var inputSize: Int { 1 }
    public var outputSize: Int { 1 }
    public var steps: Int { length }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: 1, regressionOutputs: 1))
        // A window needs length + 1 values: the last input's target is one further on.
        let lastStart = values.count - length - 1
        for b in 0..<size {
            let start = lastStart > 0 ? rng.int(lastStart + 1) : 0
            for t in 0..<length {
                batch.setInput(values[start + t], t: t, b: b)
                batch.setTarget(values[start + t + 1], t: t, b: b)
            }
        }
    }

    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }
}
