/// Pipe tables: a header row, a separator row (`---`, `:--`, `--:`, `:-:` per column), then
/// body rows until a blank line or a line without a pipe. `\|` is a literal pipe, and pipes
/// inside `code` do not split cells.
enum MarkdownTableParser {
    static func table(_ lines: ArraySlice<String>, at i: Int) -> (table: MarkdownTable, next: Int)? {
        let headerLine = lines[i]
        guard headerLine.unicodeScalars.contains("|"), i + 1 < lines.endIndex,
              let alignments = separator(lines[i + 1]) else { return nil }
        let header = cells(headerLine)
        guard header.count == alignments.count else { return nil }
        var rows: [[[MarkdownSpan]]] = []
        var j = i + 2
        while j < lines.endIndex {
            let line = lines[j]
            guard line.unicodeScalars.contains("|"), !MarkdownLine.trimmedLeading(line).isEmpty else { break }
            var row = cells(line).map(MarkdownInline.parse)
            if row.count > header.count { row.removeLast(row.count - header.count) }
            while row.count < header.count { row.append([]) }
            rows.append(row); j += 1
        }
        return (MarkdownTable(header: header.map(MarkdownInline.parse), alignments: alignments, rows: rows), j)
    }

    static func isSeparator(_ line: String) -> Bool { separator(line) != nil }

    /// The column alignments if `line` is a separator row.
    static func separator(_ line: String) -> [MarkdownAlignment]? {
        let parts = cells(line)
        guard !parts.isEmpty, line.unicodeScalars.contains("-") else { return nil }
        // A lone `---` is a thematic break, not a one-column table.
        if parts.count == 1 && !line.unicodeScalars.contains("|") { return nil }
        var out: [MarkdownAlignment] = []
        for p in parts {
            let u = Array(p.unicodeScalars)
            guard !u.isEmpty else { return nil }
            let left = u.first == ":", right = u.last == ":"
            let dashes = u.dropFirst(left ? 1 : 0).dropLast(right && u.count > 1 ? 1 : 0)
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            out.append(left && right ? .center : right ? .right : .left)
        }
        return out
    }

    /// The trimmed cell texts of a row, outer pipes optional.
    static func cells(_ line: String) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        var inCode = false
        var escaped = false
        for s in MarkdownLine.trim(line).unicodeScalars {
            if escaped {
                if s != "|" { current.append("\\") }
                current.append(s); escaped = false
            } else if s == "\\" {
                escaped = true
            } else if s == "`" {
                inCode.toggle(); current.append(s)
            } else if s == "|" && !inCode {
                parts.append(MarkdownLine.trim(String(current))); current = String.UnicodeScalarView()
            } else {
                current.append(s)
            }
        }
        if escaped { current.append("\\") }
        parts.append(MarkdownLine.trim(String(current)))
        // Outer pipes leave an empty first and last part.
        let trimmed = MarkdownLine.trim(line).unicodeScalars
        if trimmed.first == "|", !parts.isEmpty { parts.removeFirst() }
        if trimmed.last == "|", trimmed.count > 1, !parts.isEmpty { parts.removeLast() }
        return parts
    }
}
