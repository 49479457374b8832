import ArgumentParser
import CursesBackend
import Foundation

extension Rnnbook {
    /// A small animated screen on the live backend, so the end-to-end tests can exercise
    /// keys, resizes, signals and terminal restore before the notebook exists.
    struct TerminalDemo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "_terminal-demo",
            abstract: "Animated test screen for the curses backend (q quits, space pauses).",
            shouldDisplay: false)

        @Flag(help: .hidden)
        var crashAfterFirstFrame = false

        @Flag(help: "Start paused (nothing changes, so the loop idles).")
        var paused = false

        func run() throws {
            if let reason = Terminal.unavailableReason() { Rnnbook.fail(reason) }
            let terminal: Terminal
            do { terminal = try Terminal.start() } catch let error as TerminalError { Rnnbook.fail(error.description) }
            let loop = LiveLoop(screen: terminal)
            var demo = DemoScreen(paused: paused)
            let crash = crashAfterFirstFrame
            loop.run(
                update: { event in demo.handle(event) },
                tick: { _ in
                    if crash && loop.framesDrawn >= 1 { fatalError("deliberate crash after the first frame (--crash-after-first-frame)") }
                    return demo.advance()
                },
                render: { width, height in demo.render(width: width, height: height, frame: loop.framesDrawn + 1) })
        }
    }
}

/// The demo's state: the last input, the animation phase, paused or not.
struct DemoScreen {
    var paused: Bool
    var lastKey = "none"
    var lastMouse = "none"
    var phase = 0.0
    private var animationStart = Date()
    private var pausedPhase = 0.0

    init(paused: Bool) { self.paused = paused }

    /// Returns false to quit.
    mutating func handle(_ event: TerminalEvent) -> Bool {
        switch event {
        case .key(.character("q")): return false
        case .key(.character(" ")):
            paused.toggle()
            if paused { pausedPhase = phase } else { animationStart = Date().addingTimeInterval(-pausedPhase / 3) }
            lastKey = "Space"
        case .key(let key): lastKey = key.description
        case let .mouse(x, y, button): lastMouse = "\(x),\(y) \(button)"
        case .resize, .tick: break
        }
        return true
    }

    /// Moves the wave; false while paused, so the loop can idle.
    mutating func advance() -> Bool {
        guard !paused else { return false }
        phase = Date().timeIntervalSince(animationStart) * 3
        return true
    }

    func render(width: Int, height: Int, frame: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let bold = Style(attributes: .bold)
        buffer.put("rnnbook terminal demo · q quits · space pauses", x: 1, y: 0, style: bold)
        let status = "frame \(frame)   key: \(lastKey)   size: \(width)x\(height)   mouse: \(lastMouse)"
            + (paused ? "   paused" : "")
        buffer.put(status, x: 1, y: 1)
        let box = Rect(x: 0, y: 3, width: width, height: height - 3)
        drawBox(box, into: &buffer)
        let inner = box.inset(by: 1)
        guard !inner.isEmpty else { return buffer }
        var canvas = BrailleCanvas(columns: inner.width, rows: inner.height)
        let middle = Double(canvas.dotHeight - 1) / 2
        var previous: (Int, Int)?
        for x in 0..<canvas.dotWidth {
            let y = Int((middle - middle * sin(Double(x) / 12 + phase)).rounded())
            if let (px, py) = previous { canvas.line(x0: px, y0: py, x1: x, y1: y) }
            previous = (x, y)
        }
        canvas.draw(into: &buffer, x: inner.x, y: inner.y, style: Style(foreground: .rgb(0, 175, 255)))
        return buffer
    }

    private func drawBox(_ r: Rect, into buffer: inout Buffer) {
        guard r.width >= 2, r.height >= 2 else { return }
        let style = Style(foreground: .gray)
        for x in r.x + 1..<r.maxX - 1 {
            buffer[x, r.y] = Cell("─", style: style); buffer[x, r.maxY - 1] = Cell("─", style: style)
        }
        for y in r.y + 1..<r.maxY - 1 {
            buffer[r.x, y] = Cell("│", style: style); buffer[r.maxX - 1, y] = Cell("│", style: style)
        }
        buffer[r.x, r.y] = Cell("┌", style: style); buffer[r.maxX - 1, r.y] = Cell("┐", style: style)
        buffer[r.x, r.maxY - 1] = Cell("└", style: style); buffer[r.maxX - 1, r.maxY - 1] = Cell("┘", style: style)
    }
}
