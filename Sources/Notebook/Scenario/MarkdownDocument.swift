import Foundation

/// A Markdown file with YAML front matter, cut into the pieces scenarios and questions use,
/// with 1-based line numbers kept for every piece so errors can point at the file.
///
/// Fenced code blocks (``` or ~~~) are respected: a `## ` line inside one is not a heading.
struct MarkdownDocument {
    /// A fenced block whose info string starts with a word, e.g. ```actions.
    struct Fence {
        var info: String
        /// Line of the opening fence.
        var openLine: Int
        /// Lines between the fences, with their line numbers.
        var lines: [(number: Int, text: String)]
        /// Index range of the whole block (fences included) in the section's `lines`.
        var range: Range<Int>
        var closed: Bool
    }

    /// A `## ` section.
    struct Section {
        var title: String
        var line: Int
        /// The lines after the heading, up to the next `## ` heading.
        var lines: [(number: Int, text: String)]
        var fences: [Fence]
    }

    /// The YAML between the `---` lines (without them).
    var frontMatter: String
    /// Add to a YAML line number to get the file's line number.
    var frontMatterLineOffset: Int
    /// Line of the closing `---`, for problems that belong to the whole front matter.
    var frontMatterEndLine: Int
    /// The body before the first `## ` heading, verbatim, trimmed of blank edge lines.
    var intro: String
    var sections: [Section]
    /// The whole body after the front matter, verbatim.
    var body: String

    /// Splits `text`; throws a diagnostic when the front matter is missing or unterminated.
    init(_ text: String, file: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        guard let first = lines.first, Self.isRule(first) else {
            throw Diagnostic(file: file, line: 1, "missing front matter: the file must start with a line of three dashes (---)")
        }
        guard let close = lines.indices.dropFirst().first(where: { Self.isRule(lines[$0]) || lines[$0] == "..." }) else {
            throw Diagnostic(file: file, line: 1, "front matter is not closed: add a line of three dashes (---) after it")
        }
        frontMatter = lines[1..<close].joined(separator: "\n")
        frontMatterLineOffset = 1
        frontMatterEndLine = close + 1
        let bodyLines = Array(lines[(close + 1)...].enumerated().map { (number: close + 2 + $0.offset, text: $0.element) })
        body = bodyLines.map(\.text).joined(separator: "\n")

        var introLines: [(number: Int, text: String)] = []
        var sections: [Section] = []
        var fenceMarker: String?
        for entry in bodyLines {
            if let marker = fenceMarker {
                if Self.closesFence(entry.text, marker) { fenceMarker = nil }
            } else if let marker = Self.opensFence(entry.text) {
                fenceMarker = marker
            } else if entry.text.hasPrefix("## ") || entry.text == "##" {
                let title = entry.text.dropFirst(2).trimmingWhitespace
                sections.append(Section(title: title, line: entry.number, lines: [], fences: []))
                continue
            }
            if sections.isEmpty { introLines.append(entry) } else { sections[sections.count - 1].lines.append(entry) }
        }
        intro = Self.trimmed(introLines.map(\.text))
        self.sections = sections.map { section in
            var s = section
            s.fences = Self.fences(in: section.lines)
            return s
        }
    }

    /// Joins lines, dropping blank lines at both ends.
    static func trimmed(_ lines: [String]) -> String {
        var slice = lines[...]
        while let f = slice.first, f.allSatisfy(\.isWhitespace) { slice.removeFirst() }
        while let l = slice.last, l.allSatisfy(\.isWhitespace) { slice.removeLast() }
        return slice.joined(separator: "\n")
    }

    private static func isRule(_ line: String) -> Bool {
        line.hasPrefix("---") && line.allSatisfy { $0 == "-" || $0 == " " || $0 == "\t" }
            && line.filter({ $0 == "-" }).count == 3
    }

    /// The fence marker (``` or ~~~, possibly longer) when `line` opens a fenced block.
    private static func opensFence(_ line: String) -> String? {
        let stripped = line.drop(while: { $0 == " " })
        guard line.count - stripped.count < 4, let c = stripped.first, c == "`" || c == "~" else { return nil }
        let marker = stripped.prefix(while: { $0 == c })
        return marker.count >= 3 ? String(marker) : nil
    }

    private static func closesFence(_ line: String, _ marker: String) -> Bool {
        let stripped = line.trimmingWhitespace
        guard let c = marker.first, stripped.count >= marker.count else { return false }
        return stripped.allSatisfy { $0 == c }
    }

    /// Every fenced block in a section, with its info string and contents.
    private static func fences(in lines: [(number: Int, text: String)]) -> [Fence] {
        var result: [Fence] = []
        var index = 0
        while index < lines.count {
            guard let marker = opensFence(lines[index].text) else { index += 1; continue }
            let start = index
            let info = lines[index].text.drop(while: { $0 == " " }).dropFirst(marker.count)
                .trimmingWhitespace
            var inner: [(number: Int, text: String)] = []
            index += 1
            var closed = false
            while index < lines.count {
                if closesFence(lines[index].text, marker) { closed = true; index += 1; break }
                inner.append(lines[index])
                index += 1
            }
            result.append(Fence(info: info, openLine: lines[start].number, lines: inner,
                                range: start..<index, closed: closed))
        }
        return result
    }
}
