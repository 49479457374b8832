import TermGrid

/// What `LiveLoop` needs from a screen. `Terminal` is the real one; tests drive the loop
/// with a fake to check its timing without a terminal.
public protocol TerminalScreen: AnyObject {
    var width: Int { get }
    var height: Int { get }
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    func draw(_ buffer: Buffer)
    func restore()
}

/// Runs a live app: input, work in slices, frames.
///
/// Each pass gives the app's `tick` the time until the next frame is due, then takes the
/// input that arrived, then draws. While the app is busy (its `tick` returns true) frames come
/// at `targetFramesPerSecond` and input waits at most one frame; when it is idle the loop
/// sleeps in the terminal's input wait, waking only for input, a resize, or every
/// `idleWakeMilliseconds` (to notice a resume after Ctrl-Z).
public final class LiveLoop {
    public let screen: TerminalScreen
    /// Below this size the app is not rendered; `tooSmallScreen` asks for a larger terminal.
    /// An app that draws its own message for small sizes (the notebook) passes 0 for both.
    public let minimumWidth: Int, minimumHeight: Int
    public let targetFramesPerSecond: Int
    public var idleWakeMilliseconds = 250
    /// Frames drawn so far.
    public private(set) var framesDrawn = 0
    /// Frames per second over the last second or so of busy frames (for a status bar); 0
    /// until the app has been busy for a second, then kept while it idles.
    public private(set) var measuredFramesPerSecond = 0.0

    private let clock = ContinuousClock()
    private var frameInterval: Duration { .seconds(1) / targetFramesPerSecond }

    public init(screen: TerminalScreen, minimumWidth: Int = 60, minimumHeight: Int = 20,
                targetFramesPerSecond: Int = 40) {
        self.screen = screen
        self.minimumWidth = minimumWidth; self.minimumHeight = minimumHeight
        self.targetFramesPerSecond = max(1, targetFramesPerSecond)
    }

    /// Runs until `update` returns false, then restores the screen.
    /// - Parameters:
    ///   - update: handles one event (keys, clicks, resizes, and `.tick` once per frame while
    ///     busy); returns false to quit.
    ///   - tick: does work until `deadline` at most (training in slices) and returns whether
    ///     the screen keeps changing: true keeps frames coming, false lets the loop idle.
    ///   - render: the whole screen for a terminal of `width`×`height`.
    public func run(update: (TerminalEvent) -> Bool,
                    tick: (_ deadline: ContinuousClock.Instant) -> Bool,
                    render: (_ width: Int, _ height: Int) -> Buffer) {
        defer { screen.restore() }
        var nextFrame = clock.now
        var busy = true, dirty = true
        var windowStart = clock.now, framesInWindow = 0
        while true {
            busy = tick(nextFrame)
            if busy {
                dirty = true
            } else {
                // The rate is measured over busy stretches only: idle time would dilute the
                // first reading after a resume (a paused app draws no frames on purpose).
                windowStart = clock.now; framesInWindow = 0
            }

            let wait: Int
            if busy { wait = milliseconds(until: nextFrame) } else if dirty { wait = 0 } else { wait = idleWakeMilliseconds }
            var event = screen.nextEvent(timeoutMilliseconds: wait)
            while let e = event {
                if !update(e) { return }
                dirty = true
                event = screen.nextEvent(timeoutMilliseconds: 0)
            }

            guard dirty, !busy || clock.now >= nextFrame else { continue }
            if busy && !update(.tick) { return }
            drawFrame(render: render)
            dirty = false
            let now = clock.now
            // On schedule: exactly one interval later. Behind: still leave the app half a
            // frame of work before the next one.
            nextFrame = max(nextFrame + frameInterval, now + frameInterval / 2)
            framesInWindow += 1
            let elapsed = now - windowStart
            if elapsed >= .seconds(1) {
                measuredFramesPerSecond = Double(framesInWindow) / Self.seconds(elapsed)
                windowStart = now; framesInWindow = 0
            }
        }
    }

    private func drawFrame(render: (Int, Int) -> Buffer) {
        let w = screen.width, h = screen.height
        if w < minimumWidth || h < minimumHeight {
            screen.draw(Self.tooSmallScreen(width: w, height: h, minimumWidth: minimumWidth, minimumHeight: minimumHeight))
        } else {
            screen.draw(render(w, h))
        }
        framesDrawn += 1
    }

    private func milliseconds(until instant: ContinuousClock.Instant) -> Int {
        let left = instant - clock.now
        return left <= .zero ? 0 : Int((Self.seconds(left) * 1000).rounded(.up))
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    /// The screen shown while the terminal is smaller than the app needs: "terminal too
    /// small: need at least 60×20, now W×H", centred, on three lines when one is too narrow.
    public static func tooSmallScreen(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int) -> Buffer {
        var buffer = Buffer(width: width, height: height)
        let parts = ["terminal too small:", "need at least \(minimumWidth)×\(minimumHeight),", "now \(width)×\(height)"]
        let oneLine = parts.joined(separator: " ")
        let lines = oneLine.unicodeScalars.count <= width ? [oneLine] : parts
        let top = max(0, (height - lines.count) / 2)
        let bold = Style(attributes: .bold)
        for (row, line) in lines.enumerated() {
            let x = max(0, (width - line.unicodeScalars.count) / 2)
            buffer.put(line, x: x, y: top + row, style: row == 0 ? bold : .plain)
        }
        return buffer
    }
}
