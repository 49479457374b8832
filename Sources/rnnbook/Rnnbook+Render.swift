import ArgumentParser
import Foundation
import Notebook
import TermGrid

extension Rnnbook {
    /// `rnnbook render SCENARIO`: the exact frame the notebook shows after N steps, composed by
    /// the same code, written as text, ANSI or SVG.
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the frame the notebook shows after N training steps (text, ANSI or SVG).")

        @OptionGroup var scenario: ScenarioOptions
        @OptionGroup var display: DisplayOptions

        @Option(help: "Training steps before the frame.") var steps = 0
        @Option(help: ArgumentHelp("Screen size.", valueName: "WxH")) var size = "120x40"
        @Option(help: "Output: text, ansi or svg.") var format = "text"
        @Option(help: "Walkthrough step to show (from 1).") var walkthrough: Int?

        func run() throws {
            guard (0...1_000_000).contains(steps) else { Rnnbook.fail("--steps must be between 0 and 1000000 (got \(steps))") }
            let (width, height) = parseSize(size)
            guard ["text", "ansi", "svg"].contains(format) else { Rnnbook.fail("--format must be text, ansi or svg (got \(format))") }
            let (found, catalog) = scenario.load()
            _ = scenario.parameters(for: found)
            // Headless output has no terminal to ask: full colour and braille unless told.
            let caps = display.capabilities(terminfoColors: nil, default: .full)
            let runtime: NotebookRuntime
            do {
                runtime = try NotebookRuntime(scenario: found, catalog: catalog, questions: QuestionSource(), capabilities: caps,
                                              overrides: scenario.assignments, customize: scenario.userFiles(for: found))
            } catch { Rnnbook.fail("\(found.id): \(error)") }
            if let walkthrough {
                guard (1...max(1, found.steps.count)).contains(walkthrough) else {
                    Rnnbook.fail("--walkthrough must be between 1 and \(found.steps.count) for \(found.id)")
                }
                do { try runtime.showStep(walkthrough - 1) } catch { Rnnbook.fail("\(found.id): \(error)") }
            }
            runtime.trainNow(steps: steps)
            let frame = runtime.frame(width: width, height: height, now: 0)
            switch format {
            case "svg": print(SVGWriter.render(frame, depth: caps.colorDepth, title: "rnnbook · \(found.title)"), terminator: "")
            case "ansi": print(ANSIWriter.render(frame, depth: caps.colorDepth), terminator: "")
            default: print(PlainTextWriter.render(frame), terminator: "")
            }
        }
    }
}

/// "120x40" → (120, 40), or exit 2.
func parseSize(_ text: String) -> (Int, Int) {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), (1...1000).contains(w), (1...500).contains(h) else {
        Rnnbook.fail("--size must look like 120x40 (width 1–1000, height 1–500), got \"\(text)\"")
    }
    return (w, h)
}

/// The shipped question bank.
func loadBank() -> QuestionBank {
    QuestionBank(directory: ScenarioCatalog.shippedQuestionsDirectory)
}
