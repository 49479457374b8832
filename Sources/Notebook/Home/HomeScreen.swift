import Panes
import TermGrid

/// The bare `rnnbook` screen: chapters and their scenarios, a search field over scenarios and
/// interview questions, and a preview of what is selected. Enter opens a scenario (or a
/// question's scenario, with that answer in the notes pane).
public struct HomeScreen {
    public enum Entry: Equatable {
        case chapter(String)
        case scenario(Scenario)
        case question(Question)
    }

    /// What the caller should do after a key.
    public enum Outcome: Equatable {
        case stay
        case open(scenario: String, question: String?)
        case quit
    }

    public let catalog: ScenarioCatalog
    /// Loaded on the first search, so the home screen appears at once.
    public let questions: QuestionSource
    public private(set) var query = ""
    /// Index into `entries`, always on a scenario or question when there is one.
    public private(set) var selection = 0
    public private(set) var entries: [Entry] = []
    var previewCache = AnswerPane.LayoutCache()

    public init(catalog: ScenarioCatalog, questions: QuestionSource) {
        self.catalog = catalog; self.questions = questions
        rebuild()
    }

    /// Without a query: every chapter and its scenarios. With one: matching scenarios, then
    /// matching questions, best first.
    mutating func rebuild() {
        entries = []
        let words = query.lowercased().split(separator: " ").map(String.init)
        if words.isEmpty {
            for chapter in catalog.chapters {
                entries.append(.chapter(chapter.name))
                entries += chapter.scenarios.map(Entry.scenario)
            }
        } else {
            let scenarios = catalog.scenarios.filter { s in
                let hay = (s.id + " " + s.title + " " + s.chapter).lowercased()
                return words.allSatisfy { hay.contains($0) }
            }
            if !scenarios.isEmpty { entries.append(.chapter("Scenarios")); entries += scenarios.map(Entry.scenario) }
            let questions = QuestionSearch.rank(query, in: questions.bank.questions, limit: 30)
            if !questions.isEmpty { entries.append(.chapter("Interview questions")); entries += questions.map(Entry.question) }
        }
        selection = entries.firstIndex { if case .chapter = $0 { return false } else { return true } } ?? 0
    }

    public var selected: Entry? { entries.indices.contains(selection) ? entries[selection] : nil }

    public mutating func handle(_ key: InputKey) -> Outcome {
        switch key {
        case .up, .control("p"): move(by: -1)
        case .down, .control("n"), .tab: move(by: 1)
        case .pageUp: move(by: -10)
        case .pageDown: move(by: 10)
        case .enter:
            switch selected {
            case .scenario(let s): return .open(scenario: s.id, question: nil)
            case .question(let q):
                guard let link = q.scenarios.first(where: { catalog.scenario(id: $0.id) != nil }) else { return .stay }
                return .open(scenario: link.id, question: q.id)
            default: return .stay
            }
        case .escape: if !query.isEmpty { query = ""; rebuild() }
        case .backspace: if !query.isEmpty { query.removeLast(); rebuild() }
        case .control("c"): return .quit
        case .character("q") where query.isEmpty: return .quit
        case .character("/") where query.isEmpty: break
        case .character(let c): query.append(c); rebuild()
        default: break
        }
        return .stay
    }

    mutating func move(by delta: Int) {
        guard !entries.isEmpty else { return }
        var i = selection
        let step = delta > 0 ? 1 : -1
        var remaining = abs(delta)
        while remaining > 0 {
            var j = i + step
            while entries.indices.contains(j), case .chapter = entries[j] { j += step }
            guard entries.indices.contains(j) else { break }
            i = j; remaining -= 1
        }
        selection = i
    }
}
