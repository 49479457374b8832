/// Lays parsed Markdown out into styled lines at a width: wrapped paragraphs, underlined
/// headings, hanging-indented lists, clipped code blocks, barred quotes and fitted tables.
///
/// Layout is the expensive part of showing an answer, so callers keep its result (see
/// `AnswerPane.LayoutCache`) and redo it only when the width or the text changes.
public enum MarkdownLayout {
    public static func lines(markdown: String, width: Int, ascii: Bool) -> [TextLine] {
        lines(MarkdownParser.parse(markdown), width: width, ascii: ascii)
    }

    public static func lines(_ blocks: [MarkdownBlock], width: Int, ascii: Bool) -> [TextLine] {
        var out: [TextLine] = []
        layout(blocks, width: max(1, width), ascii: ascii, depth: 0, tight: false, into: &out)
        return out
    }

    private static func layout(_ blocks: [MarkdownBlock], width: Int, ascii: Bool, depth: Int, tight: Bool,
                               into out: inout [TextLine]) {
        for (index, block) in blocks.enumerated() {
            if index > 0 && !tight { out.append(TextLine()) }
            switch block {
            case let .heading(level, spans):
                let marks: TextMarks = level <= 1 ? .heading1 : level == 2 ? .heading2 : .heading3
                let wrapped = MarkdownWrap.wrap(spans, width: width, extra: marks)
                out.append(contentsOf: wrapped)
                if level <= 2 {
                    let rule: Unicode.Scalar = level == 1 ? (ascii ? "=" : "═") : (ascii ? "-" : "─")
                    let length = min(width, wrapped.map(\.count).max() ?? 0)
                    out.append(repeated(rule, length))
                }
            case let .paragraph(spans):
                out.append(contentsOf: MarkdownWrap.wrap(spans, width: width))
            case let .code(_, lines):
                code(lines, width: width, ascii: ascii, into: &out)
            case let .list(ordered, start, items):
                list(ordered: ordered, start: start, items: items, width: width, ascii: ascii, depth: depth, into: &out)
            case let .table(table):
                out.append(contentsOf: MarkdownTableLayout.lines(table, width: width, ascii: ascii))
            case let .quote(inner):
                var body: [TextLine] = []
                layout(inner, width: max(1, width - 2), ascii: ascii, depth: depth, tight: false, into: &body)
                for var line in body {
                    for k in line.marks.indices where !line.marks[k].contains(.decoration) { line.marks[k].insert(.quote) }
                    var barred = TextLine(ascii ? "| " : "│ ", marks: .decoration)
                    barred.append(line)
                    out.append(barred)
                }
            case .rule:
                out.append(repeated(ascii ? "-" : "─", width))
            }
        }
    }

    /// Code keeps its line breaks and indentation: lines longer than the width are cut with a
    /// mark rather than wrapped, which would garble the code.
    private static func code(_ lines: [String], width: Int, ascii: Bool, into out: inout [TextLine]) {
        let indent = width >= 24 ? 2 : 0
        let available = max(1, width - indent)
        let longest = lines.map { $0.unicodeScalars.count }.max() ?? 0
        let blockWidth = min(available, longest)
        for text in lines {
            var line = TextLine()
            line.appendSpaces(indent)
            let scalars = text.unicodeScalars
            if scalars.count <= available {
                line.append(text, marks: .codeBlock)
                line.appendSpaces(blockWidth - scalars.count, marks: .codeBlock)
            } else {
                for g in scalars.prefix(available - 1) { line.append(g, marks: .codeBlock) }
                line.append(ascii ? ">" : "…", marks: [.codeBlock, .decoration])
            }
            out.append(line)
        }
    }

    private static func list(ordered: Bool, start: Int, items: [[MarkdownBlock]], width: Int, ascii: Bool,
                             depth: Int, into out: inout [TextLine]) {
        let bullets: [Unicode.Scalar] = ascii ? ["-", "*", "+"] : ["•", "◦", "▪"]
        let markers: [String] = items.indices.map { k in
            ordered ? String(start + k) + "." : String(bullets[min(depth, bullets.count - 1)])
        }
        let markerWidth = (markers.map { $0.unicodeScalars.count }.max() ?? 1) + 1
        for (k, item) in items.enumerated() {
            var body: [TextLine] = []
            layout(item, width: max(1, width - markerWidth), ascii: ascii, depth: depth + 1, tight: true, into: &body)
            if body.isEmpty { body = [TextLine()] }
            for (row, line) in body.enumerated() {
                var prefixed = TextLine()
                if row == 0 {
                    let marker = markers[k]
                    prefixed.appendSpaces(markerWidth - 1 - marker.unicodeScalars.count)
                    prefixed.append(marker, marks: .decoration)
                    prefixed.appendSpaces(1)
                } else {
                    prefixed.appendSpaces(markerWidth)
                }
                prefixed.append(line)
                out.append(prefixed)
            }
        }
    }

    static func repeated(_ glyph: Unicode.Scalar, _ count: Int) -> TextLine {
        var line = TextLine()
        for _ in 0..<max(0, count) { line.append(glyph, marks: .decoration) }
        return line
    }
}
