/// A run of inline text with one meaning (plain, *emphasis*, **strong**, `code`, link text).
/// A `"\n"` inside the text is a hard line break.
public struct MarkdownSpan: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var marks: TextMarks

    public init(_ text: String, marks: TextMarks = []) { self.text = text; self.marks = marks }

    public var description: String { marks.isEmpty ? text : "\(text)@\(marks.rawValue)" }
}

/// How a table column's cells sit in their width.
public enum MarkdownAlignment: Hashable, Sendable { case left, center, right }

/// A pipe table: a header row, its column alignments, and body rows with exactly one cell per
/// header column (the parser pads or cuts rows to match).
public struct MarkdownTable: Hashable, Sendable {
    public var header: [[MarkdownSpan]]
    public var alignments: [MarkdownAlignment]
    public var rows: [[[MarkdownSpan]]]

    public init(header: [[MarkdownSpan]], alignments: [MarkdownAlignment], rows: [[[MarkdownSpan]]]) {
        self.header = header; self.alignments = alignments; self.rows = rows
    }
}

/// One block of the Markdown subset that interview answers and scenario prose use.
public indirect enum MarkdownBlock: Hashable, Sendable {
    /// `#`, `##`, `###` (deeper levels are shown as level 3).
    case heading(level: Int, [MarkdownSpan])
    case paragraph([MarkdownSpan])
    /// A fenced block, kept verbatim (tabs expanded).
    case code(language: String, lines: [String])
    /// Bullet or numbered list; each item is its own blocks (a paragraph, perhaps a nested list).
    case list(ordered: Bool, start: Int, items: [[MarkdownBlock]])
    case table(MarkdownTable)
    case quote([MarkdownBlock])
    /// A thematic break (`---`).
    case rule
}
