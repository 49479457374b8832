/// Recognisers for single Markdown lines, shared by the block and table parsers.
enum MarkdownLine {
    static func indent(_ line: String) -> Int {
        var n = 0
        for s in line.unicodeScalars { if s == " " { n += 1 } else { break } }
        return n
    }

    static func trimmedLeading(_ line: String) -> String {
        let n = indent(line)
        if n == 0 { return line }
        return String(line.unicodeScalars.dropFirst(n))
    }

    /// `line` without up to `n` leading spaces.
    static func dropIndent(_ line: String, upTo n: Int) -> String {
        String(line.unicodeScalars.dropFirst(min(n, indent(line))))
    }

    /// A code fence: its character, length and info string.
    static func fence(_ body: String) -> (Unicode.Scalar, Int, String)? {
        guard let c = body.unicodeScalars.first, c == "`" || c == "~" else { return nil }
        let n = body.unicodeScalars.prefix { $0 == c }.count
        guard n >= 3 else { return nil }
        let info = trim(String(body.unicodeScalars.dropFirst(n)))
        if c == "`" && info.unicodeScalars.contains("`") { return nil }
        return (c, n, info)
    }

    /// `# Title` to `###### Title`: the level and the text without closing hashes.
    static func heading(_ body: String) -> (Int, String)? {
        let level = body.unicodeScalars.prefix { $0 == "#" }.count
        guard level >= 1 && level <= 6 else { return nil }
        let rest = body.unicodeScalars.dropFirst(level)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = trim(String(rest))
        // A closing sequence of hashes preceded by a space is decoration.
        let trailing = text.unicodeScalars.reversed().prefix { $0 == "#" }.count
        if trailing > 0 {
            let kept = text.unicodeScalars.dropLast(trailing)
            if kept.isEmpty || kept.last == " " { text = trim(String(kept)) }
        }
        return (min(level, 3), text)
    }

    /// `---`, `***`, `___` (spaces allowed between).
    static func isRule(_ body: String) -> Bool {
        guard let c = body.unicodeScalars.first, c == "-" || c == "*" || c == "_" else { return false }
        var n = 0
        for s in body.unicodeScalars {
            if s == c { n += 1 } else if s != " " { return false }
        }
        return n >= 3
    }

    struct ListMarker { var ordered: Bool; var number: Int; var width: Int }

    /// `- `, `* `, `+ `, `12. ` or `3) `: the kind, number and the width up to the content.
    static func listMarker(_ body: String) -> ListMarker? {
        let s = Array(body.unicodeScalars.prefix(12))
        guard let c = s.first else { return nil }
        if c == "-" || c == "*" || c == "+" {
            if s.count == 1 { return ListMarker(ordered: false, number: 1, width: 1) }
            return s[1] == " " ? ListMarker(ordered: false, number: 1, width: 2 + spaces(s, 2)) : nil
        }
        var digits = 0, number = 0
        while digits < s.count && digits < 9, (48...57).contains(s[digits].value) {
            number = number * 10 + Int(s[digits].value - 48); digits += 1
        }
        guard digits > 0, digits < s.count, s[digits] == "." || s[digits] == ")" else { return nil }
        if digits + 1 == s.count { return ListMarker(ordered: true, number: number, width: digits + 1) }
        guard s[digits + 1] == " " else { return nil }
        return ListMarker(ordered: true, number: number, width: digits + 2 + spaces(s, digits + 2))
    }

    /// Extra spaces after a marker's first one count as part of the marker, up to three.
    private static func spaces(_ s: [Unicode.Scalar], _ from: Int) -> Int {
        var n = 0
        while from + n < s.count && s[from + n] == " " && n < 3 { n += 1 }
        return from + n < s.count ? n : 0
    }

    /// Whether a line ends the paragraph above it without a blank line.
    static func interruptsParagraph(_ body: String, next: String?) -> Bool {
        if fence(body) != nil || heading(body) != nil || isRule(body) || body.hasPrefix(">") { return true }
        if let m = listMarker(body), m.width < body.unicodeScalars.count { return !m.ordered || m.number == 1 }
        if let next, MarkdownTableParser.isSeparator(next), body.unicodeScalars.contains("|") { return true }
        return false
    }
}

extension MarkdownLine {
    /// `text` without leading and trailing spaces (Foundation-free).
    static func trim(_ text: String) -> String {
        let u = text.unicodeScalars
        guard let a = u.firstIndex(where: { $0 != " " }), let b = u.lastIndex(where: { $0 != " " }) else { return "" }
        return String(u[a...b])
    }
}
