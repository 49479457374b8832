/// The `:` prompt being edited: text, cursor, history and Tab completion.
///
/// A value type driven by keys, so the whole prompt is testable without a terminal.
public struct CommandLineEditor: Equatable, Sendable {
    public private(set) var text = ""
    /// Cursor position in characters, 0...text.count.
    public private(set) var cursor = 0
    public private(set) var history: [String] = []
    /// Index into history while browsing with ↑/↓; nil when editing a fresh line.
    private var historyIndex: Int?
    /// Candidates shown under the prompt after Tab found more than one.
    public private(set) var candidates: [String] = []

    public init(history: [String] = []) { self.history = history }

    /// What the editor wants after a key.
    public enum Outcome: Equatable, Sendable { case editing, submitted(String), cancelled }

    /// Applies one key. `names` gives the completions for a word position (0 = the verb).
    public mutating func handle(_ key: InputKey, completions names: (_ wordIndex: Int, _ words: [String]) -> [String]) -> Outcome {
        switch key {
        case .escape, .control("c"), .control("g"):
            return .cancelled
        case .enter:
            let line = text.trimmingWhitespace
            if !line.isEmpty && history.last != line { history.append(line) }
            if history.count > 100 { history.removeFirst(history.count - 100) }
            reset(keepHistory: true)
            return line.isEmpty ? .cancelled : .submitted(line)
        case .backspace:
            if cursor == 0 { return text.isEmpty ? .cancelled : .editing }
            remove(at: cursor - 1); cursor -= 1
        case .delete, .control("d"):
            if cursor < text.count { remove(at: cursor) }
        case .left, .control("b"): cursor = max(0, cursor - 1)
        case .right, .control("f"): cursor = min(text.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = text.count
        case .control("u"): text = String(text.dropFirst(cursor)); cursor = 0
        case .up: browseHistory(by: -1)
        case .down: browseHistory(by: 1)
        case .tab: complete(names)
        case .character(let c):
            let i = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: i); cursor += 1
        default: break
        }
        if key != .tab { candidates = [] }
        return .editing
    }

    private mutating func remove(at offset: Int) {
        text.remove(at: text.index(text.startIndex, offsetBy: offset))
    }

    private mutating func reset(keepHistory: Bool) {
        text = ""; cursor = 0; historyIndex = nil; candidates = []
    }

    private mutating func browseHistory(by delta: Int) {
        guard !history.isEmpty else { return }
        let next = (historyIndex ?? history.count) + delta
        if next >= history.count { historyIndex = nil; text = ""; cursor = 0; return }
        historyIndex = max(0, next)
        text = history[historyIndex!]; cursor = text.count
    }

    /// Completes the word under the cursor to the longest common prefix of its matches.
    private mutating func complete(_ names: (Int, [String]) -> [String]) {
        let before = String(text.prefix(cursor))
        var words = before.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let partial = words.popLast() ?? ""
        let matches = names(words.filter { !$0.isEmpty }.count, words.filter { !$0.isEmpty })
            .filter { $0.hasPrefix(partial) }.sorted()
        guard let first = matches.first else { candidates = []; return }
        var prefix = first
        for m in matches.dropFirst() { while !m.hasPrefix(prefix) { prefix.removeLast() } }
        let completed = matches.count == 1 ? prefix + " " : prefix
        let after = String(text.dropFirst(cursor))
        let head = words.isEmpty ? "" : words.joined(separator: " ") + " "
        text = head + completed + after
        cursor = head.count + completed.count
        candidates = matches.count > 1 ? matches : []
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace (newlines included). Written in Swift
    /// because Foundation's `trimmingCharacters` bridges through NSString, which dominated
    /// the time to parse the scenario and question files at start-up.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
