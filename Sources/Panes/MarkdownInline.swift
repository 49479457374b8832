/// Inline Markdown: `*emphasis*`, `**strong**`, `***both***` (also with `_`), `` `code` ``,
/// `[link](target)` and backslash escapes.
///
/// Answers are full of formulas in plain Unicode (`h_t = tanh(W_hh·h_{t−1} + W_xh·x_t)`,
/// `a * b`), so delimiters only count at word edges: an opener must not follow a letter or
/// digit and must precede non-space; a closer must follow non-space and not precede a letter
/// or digit. `snake_case`, `h_t` and `2*3*4` therefore stay literal.
public enum MarkdownInline {
    public static func parse(_ text: String) -> [MarkdownSpan] {
        let chars = Array(text.unicodeScalars)
        var out: [MarkdownSpan] = []
        parse(chars, chars.startIndex, chars.endIndex, [], into: &out)
        return out
    }

    private static func parse(_ c: [Unicode.Scalar], _ lo: Int, _ hi: Int, _ marks: TextMarks,
                              into out: inout [MarkdownSpan]) {
        var pending = String.UnicodeScalarView()
        func flush() {
            guard !pending.isEmpty else { return }
            append(MarkdownSpan(String(pending), marks: marks), to: &out)
            pending = String.UnicodeScalarView()
        }
        var i = lo
        while i < hi {
            let ch = c[i]
            if ch == "\\", i + 1 < hi, isASCIIPunctuation(c[i + 1]) {
                pending.append(c[i + 1]); i += 2; continue
            }
            if ch == "`" {
                let n = run(c, i, hi)
                if let close = findBackticks(c, from: i + n, hi, length: n) {
                    flush()
                    append(MarkdownSpan(codeText(c, i + n, close), marks: marks.union(.code)), to: &out)
                    i = close + n
                } else {
                    for _ in 0..<n { pending.append("`") }
                    i += n
                }
                continue
            }
            if ch == "*" || ch == "_" {
                let n = run(c, i, hi)
                if n <= 3, canOpen(c, i, n, hi), let close = findCloser(c, ch, from: i + n, hi, length: n) {
                    flush()
                    let added: TextMarks = n == 1 ? .emphasis : n == 2 ? .strong : [.emphasis, .strong]
                    parse(c, i + n, close, marks.union(added), into: &out)
                    i = close + n
                } else {
                    for _ in 0..<n { pending.append(ch) }
                    i += n
                }
                continue
            }
            if ch == "[", let (textEnd, targetEnd) = findLink(c, i, hi) {
                flush()
                parse(c, i + 1, textEnd, marks.union(.link), into: &out)
                i = targetEnd + 1
                continue
            }
            pending.append(ch); i += 1
        }
        flush()
    }

    /// Adjacent spans with the same marks merge, so layout sees the fewest runs.
    private static func append(_ span: MarkdownSpan, to out: inout [MarkdownSpan]) {
        guard !span.text.isEmpty else { return }
        if let last = out.last, last.marks == span.marks {
            out[out.count - 1].text += span.text
        } else {
            out.append(span)
        }
    }

    /// Length of the run of `c[i]` starting at `i`.
    private static func run(_ c: [Unicode.Scalar], _ i: Int, _ hi: Int) -> Int {
        var j = i
        while j < hi && c[j] == c[i] { j += 1 }
        return j - i
    }

    private static func canOpen(_ c: [Unicode.Scalar], _ i: Int, _ n: Int, _ hi: Int) -> Bool {
        guard i + n < hi, !isSpace(c[i + n]) else { return false }
        return i == 0 || !isWordCharacter(c[i - 1])
    }

    private static func canClose(_ c: [Unicode.Scalar], _ j: Int, _ n: Int) -> Bool {
        guard j > 0, !isSpace(c[j - 1]) else { return false }
        return j + n >= c.count || !isWordCharacter(c[j + n])
    }

    /// The start of a closing run of exactly `length` delimiters; code spans are skipped, and
    /// runs of other lengths belong to nested emphasis.
    private static func findCloser(_ c: [Unicode.Scalar], _ delimiter: Unicode.Scalar, from start: Int,
                                   _ hi: Int, length: Int) -> Int? {
        var j = start
        while j < hi {
            if c[j] == "\\" { j += 2; continue }
            if c[j] == "`" {
                let n = run(c, j, hi)
                j = (findBackticks(c, from: j + n, hi, length: n) ?? j) + n
                continue
            }
            if c[j] == delimiter {
                let n = run(c, j, hi)
                if n == length && j > start && canClose(c, j, n) { return j }
                j += n
                continue
            }
            j += 1
        }
        return nil
    }

    private static func findBackticks(_ c: [Unicode.Scalar], from start: Int, _ hi: Int, length: Int) -> Int? {
        var j = start
        while j < hi {
            if c[j] == "`" {
                let n = run(c, j, hi)
                if n == length { return j }
                j += n
            } else {
                j += 1
            }
        }
        return nil
    }

    /// Code span content; one space on each side is padding when both are present.
    private static func codeText(_ c: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> String {
        var a = lo, b = hi
        if b - a >= 2 && c[a] == " " && c[b - 1] == " " { a += 1; b -= 1 }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: c[a..<b])
        return String(s)
    }

    /// `[text](target)`: the index of `]` and of `)`.
    private static func findLink(_ c: [Unicode.Scalar], _ i: Int, _ hi: Int) -> (Int, Int)? {
        var j = i + 1
        while j < hi && c[j] != "]" && c[j] != "[" { j += 1 }
        guard j < hi, c[j] == "]", j > i + 1, j + 1 < hi, c[j + 1] == "(" else { return nil }
        var k = j + 2
        while k < hi && c[k] != ")" && !isSpace(c[k]) { k += 1 }
        guard k < hi, c[k] == ")" else { return nil }
        return (j, k)
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    private static func isASCIIPunctuation(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (0x21...0x2F ~= s.value || 0x3A...0x40 ~= s.value || 0x5B...0x60 ~= s.value
            || 0x7B...0x7E ~= s.value)
    }
}
