/// Greedy word wrapping of styled spans into lines of at most `width` columns.
///
/// Words are never split unless a single word is longer than the line, so formulas such as
/// `tanh(W_hh·h_{t−1}` stay whole. Runs of spaces collapse to one; a `"\n"` in a span forces a
/// break. `firstPrefix` starts the first line and `restPrefix` the others: that is how list
/// items get a hanging indent and quotes their bar.
enum MarkdownWrap {
    static func wrap(_ spans: [MarkdownSpan], width: Int, extra: TextMarks = [],
                     firstPrefix: TextLine = TextLine(), restPrefix: TextLine = TextLine()) -> [TextLine] {
        var flat = TextLine()
        for span in spans {
            for g in span.text.unicodeScalars {
                if g == "\n" { flat.glyphs.append(g); flat.marks.append([]) }
                else { flat.append(g, marks: span.marks.union(extra)) }
            }
        }
        return wrap(flat, width: width, firstPrefix: firstPrefix, restPrefix: restPrefix)
    }

    static func wrap(_ flat: TextLine, width: Int, firstPrefix: TextLine = TextLine(),
                     restPrefix: TextLine = TextLine()) -> [TextLine] {
        var lines: [TextLine] = []
        var line = firstPrefix
        var available = max(1, width - firstPrefix.count)
        var used = 0
        var pendingSpace: TextMarks?
        func breakLine() {
            lines.append(line)
            line = restPrefix
            available = max(1, width - restPrefix.count)
            used = 0
            pendingSpace = nil
        }
        let glyphs = flat.glyphs
        var i = 0
        while i < glyphs.count {
            let g = glyphs[i]
            if g == "\n" { breakLine(); i += 1; continue }
            if g == " " {
                if used > 0 && pendingSpace == nil { pendingSpace = flat.marks[i] }
                i += 1; continue
            }
            var end = i
            while end < glyphs.count && glyphs[end] != " " && glyphs[end] != "\n" { end += 1 }
            let spaceWidth = pendingSpace == nil ? 0 : 1
            if used > 0 && used + spaceWidth + (end - i) > available {
                breakLine()
            } else if let marks = pendingSpace {
                line.append(" ", marks: marks); used += 1
            }
            pendingSpace = nil
            var k = i
            while k < end {
                if used >= available { breakLine() }
                let take = min(end - k, available - used)
                line.glyphs.append(contentsOf: glyphs[k..<k + take])
                line.marks.append(contentsOf: flat.marks[k..<k + take])
                used += take; k += take
            }
            i = end
        }
        lines.append(line)
        return lines
    }

    /// `line` padded with spaces to `width` as `alignment` says (never cut).
    static func aligned(_ line: TextLine, width: Int, _ alignment: MarkdownAlignment, fillMarks: TextMarks = []) -> TextLine {
        let gap = max(0, width - line.count)
        let before = alignment == .right ? gap : alignment == .center ? gap / 2 : 0
        var out = TextLine()
        out.appendSpaces(before, marks: fillMarks)
        out.append(line)
        out.appendSpaces(gap - before, marks: fillMarks)
        return out
    }
}
