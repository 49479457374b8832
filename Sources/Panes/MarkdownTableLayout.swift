/// Fits a pipe table to a width.
///
/// Columns take their natural width (the longest cell) when the table fits. When it does not,
/// the widest columns give way first: every column keeps at least min(natural, 4) columns and
/// the rest is shared so that no column gets more than it needs; cells then wrap inside their
/// column. Columns are separated by ` │ `, the header by a `─┼─` rule; when some row wraps onto
/// several lines, rules between rows keep the rows apart.
enum MarkdownTableLayout {
    static let separatorWidth = 3

    static func lines(_ table: MarkdownTable, width: Int, ascii: Bool) -> [TextLine] {
        let columns = table.header.count
        guard columns > 0 else { return [] }
        let header = table.header.map { flatten($0, extra: .tableHeader) }
        let rows = table.rows.map { $0.map { flatten($0, extra: []) } }
        var natural = header.map { max(1, $0.count) }
        for row in rows { for (c, cell) in row.enumerated() where c < columns { natural[c] = max(natural[c], cell.count) } }
        let widths = fit(natural, into: width - separatorWidth * (columns - 1))

        let bar: String = ascii ? " | " : " │ "
        let cross: String = ascii ? "-+-" : "─┼─"
        let dash: Unicode.Scalar = ascii ? "-" : "─"
        var rule = TextLine()
        for (c, w) in widths.enumerated() {
            if c > 0 { rule.append(cross, marks: .decoration) }
            for _ in 0..<w { rule.append(dash, marks: .decoration) }
        }

        func render(_ cells: [TextLine]) -> [TextLine] {
            let wrapped = widths.indices.map { c in MarkdownWrap.wrap(c < cells.count ? cells[c] : TextLine(), width: widths[c]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { r in
                var line = TextLine()
                for c in widths.indices {
                    if c > 0 { line.append(bar, marks: .decoration) }
                    let piece = r < wrapped[c].count ? wrapped[c][r] : TextLine()
                    let alignment = c < table.alignments.count ? table.alignments[c] : .left
                    line.append(MarkdownWrap.aligned(piece, width: widths[c], alignment))
                }
                return trimmedTrailingSpaces(line)
            }
        }

        var out = render(header)
        out.append(rule)
        let body = rows.map(render)
        let ruleBetweenRows = body.contains { $0.count > 1 }
        for (k, lines) in body.enumerated() {
            if k > 0 && ruleBetweenRows { out.append(rule) }
            out.append(contentsOf: lines)
        }
        return out
    }

    /// Column widths for `natural` widths within `available` columns (see the type's comment).
    static func fit(_ natural: [Int], into available: Int) -> [Int] {
        if natural.reduce(0, +) <= available { return natural }
        let floor = natural.map { min($0, 4) }
        if floor.reduce(0, +) >= available { return floor }
        // The largest cap whose capped widths fit; then hand out what is left one column at a
        // time to the columns the cap cut.
        var lo = 0, hi = natural.max() ?? 0
        func total(_ cap: Int) -> Int { zip(natural, floor).reduce(0) { $0 + max($1.1, min($1.0, cap)) } }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if total(mid) <= available { lo = mid } else { hi = mid - 1 }
        }
        var widths = zip(natural, floor).map { max($0.1, min($0.0, lo)) }
        var left = available - widths.reduce(0, +)
        for c in widths.indices where left > 0 && widths[c] < natural[c] { widths[c] += 1; left -= 1 }
        return widths
    }

    private static func flatten(_ spans: [MarkdownSpan], extra: TextMarks) -> TextLine {
        var line = TextLine()
        for span in spans { line.append(span.text, marks: span.marks.union(extra)) }
        return line
    }

    private static func trimmedTrailingSpaces(_ line: TextLine) -> TextLine {
        var l = line
        while let last = l.glyphs.last, last == " ", l.marks.last?.contains(.codeBlock) != true {
            l.glyphs.removeLast(); l.marks.removeLast()
        }
        return l
    }
}
