/// One problem found in a scenario or question file, pinned to a line so an editor can jump to it.
///
/// Errors print as `file:line: message`; warnings as `file:line: warning: message`. A file with
/// any error is not loaded; warnings (for example a walkthrough with fewer than three steps) are
/// advice and never stop a file from loading.
public struct Diagnostic: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    /// The path as the user named it (or as the catalogue found it).
    public var file: String
    /// 1-based line in the file; 1 for problems that belong to the whole file.
    public var line: Int
    public var message: String
    public var severity: Severity

    public init(file: String, line: Int, _ message: String, severity: Severity = .error) {
        self.file = file
        self.line = max(1, line)
        self.message = message
        self.severity = severity
    }

    public var isError: Bool { severity == .error }

    public var description: String {
        severity == .error ? "\(file):\(line): \(message)" : "\(file):\(line): warning: \(message)"
    }
}

/// Every diagnostic of a file that failed to load, thrown as one error. Its description is one
/// `file:line: message` per line, ready to print to stderr before exiting with code 2.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    /// True when at least one entry is an error (warnings alone do not fail a lint).
    public var containsErrors: Bool { contains(where: \.isError) }

    /// Sorted by file, then line, so output reads top to bottom like the file.
    public func sortedByPlace() -> [Diagnostic] {
        enumerated().sorted { a, b in
            (a.element.file, a.element.line, a.offset) < (b.element.file, b.element.line, b.offset)
        }.map(\.element)
    }
}
