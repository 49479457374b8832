import Foundation

/// The body: each `## ` section is a walkthrough step with prose and one ```actions block.
extension ScenarioParser {
    static func readWalkthrough(_ document: MarkdownDocument, parameters: ParameterSet, panes: [PaneID],
                                reader: inout FrontMatterReader) -> [WalkthroughStep] {
        var steps: [WalkthroughStep] = []
        for section in document.sections {
            for fence in section.fences where !fence.closed {
                reader.diagnostics.append(Diagnostic(file: reader.file, line: fence.openLine,
                                                     "this fenced block is never closed (add a line of ```)"))
            }
            if section.title.isEmpty {
                reader.diagnostics.append(Diagnostic(file: reader.file, line: section.line, "a step heading needs a title after ## "))
            }
            let blocks = section.fences.filter { $0.info.split(separator: " ").first == "actions" }
            guard let block = blocks.first else {
                reader.diagnostics.append(Diagnostic(file: reader.file, line: section.line,
                                                     "step \"\(section.title)\" has no ```actions block"))
                continue
            }
            for extra in blocks.dropFirst() {
                reader.diagnostics.append(Diagnostic(file: reader.file, line: extra.openLine,
                                                     "step \"\(section.title)\" has a second ```actions block; put all its actions in one"))
            }
            var actions: [ScenarioAction] = []
            var lines: [Int] = []
            for (number, raw) in block.lines {
                let text = raw.trimmingWhitespace
                if text.isEmpty || text.hasPrefix("#") { continue }
                do {
                    actions.append(try ScenarioAction.parse(text, parameters: parameters, panes: panes))
                    lines.append(number)
                } catch {
                    reader.diagnostics.append(Diagnostic(file: reader.file, line: number, "\(error)"))
                }
            }
            if actions.isEmpty && block.lines.allSatisfy({ $0.text.trimmingWhitespace.isEmpty }) {
                reader.diagnostics.append(Diagnostic(file: reader.file, line: block.openLine, "the actions block is empty"))
            }
            var prose = section.lines.map(\.text)
            prose.removeSubrange(block.range)
            steps.append(WalkthroughStep(title: section.title, prose: MarkdownDocument.trimmed(prose),
                                         actions: actions, line: section.line, actionLines: lines))
        }
        let count = document.sections.count
        if !Scenario.recommendedStepCount.contains(count) {
            let range = Scenario.recommendedStepCount
            let line = document.sections.first?.line ?? document.frontMatterEndLine
            reader.diagnostics.append(Diagnostic(file: reader.file, line: line,
                "the walkthrough has \(count) step\(count == 1 ? "" : "s"); scenarios read best with \(range.lowerBound) to \(range.upperBound)",
                severity: .warning))
        }
        return steps
    }
}
