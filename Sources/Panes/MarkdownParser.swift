/// Parses the Markdown subset into blocks: ATX headings, paragraphs, fenced code, bullet and
/// numbered lists (nested by indentation), pipe tables, block quotes and thematic breaks.
///
/// Not a CommonMark implementation: it accepts anything, never fails, and aims at the answers
/// rnnbook ships. Lines are split on `\n` (a trailing `\r` is dropped) and tabs expand to
/// four-column stops, so every later step can count one scalar per column.
public enum MarkdownParser {
    public static func parse(_ source: String) -> [MarkdownBlock] {
        var lines: [String] = []
        for raw in source.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(raw)
            if line.hasSuffix("\r") { line.removeLast() }
            lines.append(expandTabs(line))
        }
        return blocks(lines[...])
    }

    static func blocks(_ lines: ArraySlice<String>) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            let body = MarkdownLine.trimmedLeading(line)
            if body.isEmpty { i += 1; continue }
            if let fence = MarkdownLine.fence(body) {
                i = fencedCode(lines, from: i, fence: fence, into: &out)
            } else if let (level, text) = MarkdownLine.heading(body) {
                out.append(.heading(level: level, MarkdownInline.parse(text)))
                i += 1
            } else if MarkdownLine.isRule(body) {
                out.append(.rule); i += 1
            } else if body.hasPrefix(">") {
                var inner: [String] = []
                while i < lines.endIndex, case let b = MarkdownLine.trimmedLeading(lines[i]), b.hasPrefix(">") {
                    var rest = b.dropFirst()
                    if rest.hasPrefix(" ") { rest = rest.dropFirst() }
                    inner.append(String(rest)); i += 1
                }
                out.append(.quote(blocks(inner[...])))
            } else if i + 1 < lines.endIndex, let table = MarkdownTableParser.table(lines, at: i) {
                out.append(.table(table.table)); i = table.next
            } else if MarkdownLine.listMarker(body) != nil {
                i = list(lines, from: i, into: &out)
            } else {
                i = paragraph(lines, from: i, into: &out)
            }
        }
        return out
    }

    private static func fencedCode(_ lines: ArraySlice<String>, from start: Int,
                                   fence: (Unicode.Scalar, Int, String), into out: inout [MarkdownBlock]) -> Int {
        let indent = MarkdownLine.indent(lines[start])
        var body: [String] = []
        var i = start + 1
        while i < lines.endIndex {
            let b = MarkdownLine.trimmedLeading(lines[i])
            if let close = MarkdownLine.fence(b), close.0 == fence.0, close.1 >= fence.1, close.2.isEmpty {
                i += 1; break
            }
            body.append(MarkdownLine.dropIndent(lines[i], upTo: indent)); i += 1
        }
        out.append(.code(language: fence.2, lines: body))
        return i
    }

    private static func paragraph(_ lines: ArraySlice<String>, from start: Int, into out: inout [MarkdownBlock]) -> Int {
        var text = ""
        var separator = ""
        var i = start
        while i < lines.endIndex {
            let line = lines[i]
            let body = MarkdownLine.trimmedLeading(line)
            if body.isEmpty { break }
            if i > start && MarkdownLine.interruptsParagraph(body, next: i + 1 < lines.endIndex ? lines[i + 1] : nil) { break }
            var content = Substring(body)
            var hardBreak = false
            if content.hasSuffix("\\") { content = content.dropLast(); hardBreak = true }
            else if line.hasSuffix("  ") { hardBreak = true }
            while content.last == " " { content = content.dropLast() }
            text += separator + content
            separator = hardBreak ? "\n" : " "
            i += 1
        }
        out.append(.paragraph(MarkdownInline.parse(text)))
        return i
    }

    /// A list: items start at the same indentation with the same kind of marker. Lines
    /// indented further belong to the current item (its paragraph continuation or a nested
    /// list); blank lines end the list unless more of it follows.
    private static func list(_ lines: ArraySlice<String>, from start: Int, into out: inout [MarkdownBlock]) -> Int {
        let baseIndent = MarkdownLine.indent(lines[start])
        guard let first = MarkdownLine.listMarker(MarkdownLine.trimmedLeading(lines[start])) else { return start + 1 }
        var items: [[MarkdownBlock]] = []
        var i = start
        while i < lines.endIndex {
            let body = MarkdownLine.trimmedLeading(lines[i])
            guard MarkdownLine.indent(lines[i]) == baseIndent, let marker = MarkdownLine.listMarker(body),
                  marker.ordered == first.ordered else { break }
            let contentIndent = baseIndent + marker.width
            var itemLines = [String(body.unicodeScalars.dropFirst(marker.width))]
            i += 1
            while i < lines.endIndex {
                let line = lines[i]
                let b = MarkdownLine.trimmedLeading(line)
                let indent = MarkdownLine.indent(line)
                if b.isEmpty {
                    var j = i + 1
                    while j < lines.endIndex && MarkdownLine.trimmedLeading(lines[j]).isEmpty { j += 1 }
                    guard j < lines.endIndex, MarkdownLine.indent(lines[j]) > baseIndent else { break }
                    itemLines.append(""); i += 1
                } else if indent > baseIndent {
                    itemLines.append(MarkdownLine.dropIndent(line, upTo: contentIndent)); i += 1
                } else if MarkdownLine.listMarker(b) == nil && !MarkdownLine.interruptsParagraph(b, next: nil)
                            && !(itemLines.last ?? "").isEmpty {
                    itemLines.append(b); i += 1          // a lazy continuation of the item's paragraph
                } else {
                    break
                }
            }
            items.append(blocks(itemLines[...]))
            // A blank line between items keeps the list going.
            var j = i
            while j < lines.endIndex && MarkdownLine.trimmedLeading(lines[j]).isEmpty { j += 1 }
            if j > i, j < lines.endIndex, MarkdownLine.indent(lines[j]) == baseIndent,
               let next = MarkdownLine.listMarker(MarkdownLine.trimmedLeading(lines[j])), next.ordered == first.ordered {
                i = j
            }
        }
        out.append(.list(ordered: first.ordered, start: first.number, items: items))
        return i
    }

    static func expandTabs(_ line: String) -> String {
        guard line.unicodeScalars.contains("\t") else { return line }
        var out = String.UnicodeScalarView()
        var column = 0
        for s in line.unicodeScalars {
            if s == "\t" {
                repeat { out.append(" "); column += 1 } while column % 4 != 0
            } else {
                out.append(s); column += 1
            }
        }
        return String(out)
    }
}
