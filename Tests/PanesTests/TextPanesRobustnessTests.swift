import Panes
import RNNCore
import TermGrid
import XCTest

/// Every text widget in huge and 1×1 areas, in every capability, and never outside its area.
final class TextPanesRobustnessTests: XCTestCase {
    private typealias F = TextPanesFixtures

    private func renderAll(in area: Rect, into buffer: inout Buffer, context: PaneContext) {
        var cache = AnswerPane.LayoutCache()
        let snapshot = F.vanishingSnapshot(steps: 500)
        UnrolledDiagramPane.render(snapshot, inputTokens: ["a", "b"], state: .init(scroll: 7, highlight: 9), in: area,
                                   into: &buffer, context: context)
        AnswerPane.render(title: F.answerTitle, markdown: F.answerMarkdown, state: .init(scroll: 3), cache: &cache,
                          in: area, into: &buffer, context: context)
        NeuronTextPane.render(text: String(repeating: "ab\tc\n", count: 200), activations: [0.5, -1, .nan], state: .init(unit: 4, scroll: 2, cursor: 1),
                              in: area, into: &buffer, context: context)
        StatusBar.render(.init(scenario: "attention", walkthroughStep: 1, walkthroughCount: 3, step: 7, loss: .nan,
                               stepsPerSecond: 1e6, framesPerSecond: 30, runState: .nonFinite, message: "hello"),
                         in: area, into: &buffer, context: context)
        HelpOverlay.render(scroll: 100, in: area, into: &buffer, context: context)
        CommandLineBar.render(.init(text: "set radius 1.2", cursor: 4, completion: nil, candidates: ["radius"]), in: area,
                              into: &buffer, context: context)
        QuestionSearchOverlay.render(results: [.init(id: "q", title: "t")], state: .init(query: "t", selected: 5, scroll: -3),
                                     in: area, into: &buffer, context: context)
    }

    func testEveryWidgetAtHugeAndOneByOne() {
        for context in [F.full, F.ascii, F.mono] {
            for size in [(300, 100), (1, 1)] {
                var buffer = Buffer(width: size.0, height: size.1)
                renderAll(in: buffer.bounds, into: &buffer, context: context)
            }
        }
    }

    func testNeverDrawOutsideTheArea() {
        let sentinel = Cell("#", style: Style(foreground: .red))
        for context in [F.full, F.ascii] {
            for (w, h) in [(1, 1), (2, 3), (7, 2), (25, 6), (80, 24)] {
                var buffer = Buffer(width: w + 4, height: h + 4, fill: sentinel)
                let area = Rect(x: 2, y: 2, width: w, height: h)
                renderAll(in: area, into: &buffer, context: context)
                for y in 0..<buffer.height {
                    for x in 0..<buffer.width where !area.contains(x: x, y: y) {
                        XCTAssertEqual(buffer[x, y], sentinel, "\(w)×\(h) wrote at (\(x), \(y))")
                    }
                }
            }
        }
    }

    func testEmptyAreasAreIgnored() {
        var buffer = Buffer(width: 5, height: 5)
        renderAll(in: Rect(x: 1, y: 1, width: 0, height: 3), into: &buffer, context: F.full)
        XCTAssertEqual(buffer, Buffer(width: 5, height: 5))
    }
}
