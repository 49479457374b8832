import Foundation
import Panes
import RNNCore
import TermGrid
import XCTest

/// Every data pane at extreme sizes, with every capability: no crash, nothing drawn outside the area.
final class DataPanesRobustnessTests: XCTestCase {
    typealias Draw = (Rect, inout Buffer, PaneContext) -> Void

    var panes: [(String, Draw)] {
        var history = GradientHistory()
        for k in 0..<30 { var s = Fixtures.lstm(); s.step = k; s.clipped = k % 4 == 0; history.record(s) }
        let lstm = Fixtures.lstm(steps: 40, units: 64), attention = Fixtures.attention(inputs: 30, outputs: 30)
        let tokens = (0..<40).map { String(UnicodeScalar(97 + $0 % 26)!) }
        let losses = Fixtures.losses(count: 10_000, nanAt: [5, 500])
        return [
            ("hidden", { HiddenStatePane.render(lstm, tokens: tokens, state: .init(cursor: MatrixIndex(row: 60, column: 39)), in: $0, into: &$1, context: $2) }),
            ("gradients", { GradientNormPane.render(lstm, history: history, state: .init(cursor: 3), in: $0, into: &$1, context: $2) }),
            ("attention", { AttentionPane.render(attention, inputTokens: tokens, outputTokens: tokens, state: .init(step: 29), in: $0, into: &$1, context: $2) }),
            ("gates", { GatePane.render(lstm, state: .init(cursor: MatrixIndex(row: 63, column: 39)), in: $0, into: &$1, context: $2) }),
            ("loss", { LossPane.render(losses, state: .init(), in: $0, into: &$1, context: $2) }),
        ]
    }

    func testExtremeSizesStayInsideTheirArea() {
        let contexts = [Fixtures.full, Fixtures.blocks, Fixtures.asciiColor, Fixtures.asciiMono]
        let sizes = [(300, 100), (1, 1), (2, 1), (1, 5), (5, 2), (8, 3), (13, 4), (30, 6)]
        for (name, draw) in panes {
            for context in contexts {
                for (w, h) in sizes {
                    var buffer = Buffer(width: w + 4, height: h + 4)
                    let area = Rect(x: 2, y: 2, width: w, height: h)
                    draw(area, &buffer, context)
                    for y in 0..<buffer.height { for x in 0..<buffer.width where !area.contains(x: x, y: y) {
                        XCTAssertEqual(buffer[x, y], .blank, "\(name) drew at (\(x),\(y)) in \(w)×\(h)")
                    } }
                }
            }
        }
    }

    func testAreaLargerThanTheBufferIsClipped() {
        for (_, draw) in panes {
            var buffer = Buffer(width: 10, height: 5)
            draw(Rect(x: -3, y: -2, width: 300, height: 100), &buffer, Fixtures.full)
        }
    }
}
