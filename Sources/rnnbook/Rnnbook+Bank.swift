import ArgumentParser
import Foundation
import Notebook
import Panes
import TermGrid

extension Rnnbook {
    /// `rnnbook list`: the scenarios, by chapter.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the scenarios by chapter.")

        @Option(help: ArgumentHelp("Also load scenarios from this folder.", valueName: "dir"))
        var scenarios: String?
        @Flag(help: "Print [{\"id\", \"title\", \"chapter\", \"questions\"}].") var json = false

        func run() throws {
            let catalog = ScenarioOptions.catalog(extraFolder: scenarios)
            if json {
                try printJSON(catalog.scenarios.map { ["id": $0.id, "title": $0.title, "chapter": $0.chapter, "questions": $0.questions] as [String: Any] })
                return
            }
            for chapter in catalog.chapters {
                print(chapter.name)
                for s in chapter.scenarios { print("  \(s.id.padding(toLength: 26, withPad: " ", startingAt: 0)) \(s.title)") }
            }
        }
    }

    /// `rnnbook questions`: the question bank.
    struct Questions: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the interview questions the bank answers.")
        @Flag(help: "Print [{\"id\", \"question\", \"sources\", \"scenarios\"}].") var json = false

        func run() throws {
            let bank = loadBank()
            if json {
                try printJSON(bank.questions.map {
                    ["id": $0.id, "question": $0.question, "sources": $0.sources.map(\.description),
                     "scenarios": $0.scenarios.map(\.description)] as [String: Any]
                })
                return
            }
            for q in bank.questions { print("\(q.id.padding(toLength: 34, withPad: " ", startingAt: 0)) \(q.question)") }
        }
    }

    /// `rnnbook ask QUERY`: the best-matching answer, printed without the TUI.
    struct Ask: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the answer that best matches a question.")
        @Argument(help: "What you want to know, e.g. \"why do gradients vanish\".") var query: [String]
        @Option(help: "Wrap at this width.") var width = 88

        func run() throws {
            guard (20...400).contains(width) else { Rnnbook.fail("--width must be between 20 and 400 (got \(width))") }
            let bank = loadBank()
            let text = query.joined(separator: " ")
            let ranked = QuestionSearch.rank(text, in: bank.questions, limit: 4)
            guard let best = ranked.first else { Rnnbook.fail("no answer matches \"\(text)\"; see `rnnbook questions`") }
            let markdown = "# \(best.question)\n\n\(best.answer)"
            for line in MarkdownLayout.lines(markdown: markdown, width: width, ascii: false) { print(line.text) }
            let live = best.scenarios.map { "rnnbook open \($0.id)" }.joined(separator: " · ")
            if !live.isEmpty { print("\n→ \(live)") }
            if ranked.count > 1 { print("also: " + ranked.dropFirst().map(\.id).joined(separator: ", ")) }
        }
    }
}
