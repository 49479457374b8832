import ArgumentParser
import CursesBackend
import Foundation
import Notebook

extension Rnnbook {
    /// `rnnbook open SCENARIO`: the live notebook.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a scenario in the live terminal notebook (the default command).")

        @Argument(help: "Scenario id (see `rnnbook list`); the first scenario when omitted.")
        var scenario: String?

        @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter, e.g. --set radius=1.2 (repeatable).", valueName: "name=value"))
        var assignments: [String] = []

        @Option(help: ArgumentHelp("Also load scenarios from this folder.", valueName: "dir"))
        var scenarios: String?

        @Option(help: ArgumentHelp("Train a character scenario (char-lm) on this UTF-8 text file.", valueName: "file"))
        var text: String?

        @Option(help: ArgumentHelp("Forecast this series instead (time-series): a CSV file with one numeric column.", valueName: "file"))
        var csv: String?

        @OptionGroup var display: DisplayOptions

        @Option(help: ArgumentHelp("Also record the session as an asciinema v2 file.", valueName: "file.cast"))
        var record: String?

        @Flag(help: "Start training at once instead of paused.")
        var play = false

        func run() throws {
            // Everything that can fail on bad input fails before the terminal is taken over.
            if let reason = Terminal.unavailableReason() { Rnnbook.fail(reason) }
            var options = try ScenarioOptions.parse([scenario ?? "vanishing-gradients"])
            options.assignments = assignments
            options.scenarios = scenarios
            options.text = text
            options.csv = csv
            let (found, catalog) = options.load()
            _ = options.parameters(for: found)
            let runtime: NotebookRuntime
            do {
                runtime = try NotebookRuntime(scenario: found, catalog: catalog, bank: loadBank(), capabilities: .full,
                                              overrides: assignments, customize: options.userFiles(for: found))
            } catch { Rnnbook.fail("\(found.id): \(error)") }

            let terminal: Terminal
            do { terminal = try Terminal.start() } catch let error as TerminalError { Rnnbook.fail(error.description) }
            runtime.capabilities = display.capabilities(terminfoColors: terminal.colorCount)
            terminal.colorDepth = runtime.capabilities.colorDepth
            var recorder: AsciicastWriter?
            if let record {
                do {
                    recorder = try AsciicastWriter(path: record, width: terminal.width, height: terminal.height,
                                                   depth: runtime.capabilities.colorDepth, title: "rnnbook · \(found.title)")
                } catch {
                    terminal.restore()
                    Rnnbook.fail("\(error)")
                }
            }
            let started = Date()
            func now() -> Double { Date().timeIntervalSince(started) }
            runtime.training.start()
            if play { runtime.training.setRunning(true) }
            // No minimum for the loop: below 60×20 the composer draws the notebook's own
            // too-small screen, the one `render` shows too, and keys still reach the notebook.
            let loop = LiveLoop(screen: terminal, minimumWidth: 0, minimumHeight: 0, targetFramesPerSecond: 30)
            var shownVersion = -1
            var frame = Buffer(width: 0, height: 0)
            loop.run(
                update: { event in
                    if let input = InputEvent(event) { runtime.handle(input, now: now()) }
                    return !runtime.wantsToQuit
                },
                tick: { _ in
                    // Training runs on its own thread; a frame is due when it published
                    // something new or a status message is showing.
                    let feed = runtime.training.snapshot
                    defer { shownVersion = feed.version }
                    return feed.version != shownVersion || feed.running || feed.pendingSteps > 0 || runtime.state.status != nil
                },
                render: { width, height in
                    if frame.width != width || frame.height != height { frame = Buffer(width: width, height: height) }
                    // The frame rate means something only while training draws frames.
                    let feed = runtime.training.snapshot
                    let training = feed.running || feed.pendingSteps > 0
                    let rate = training && loop.measuredFramesPerSecond > 0 ? loop.measuredFramesPerSecond : nil
                    runtime.frame(into: &frame, now: now(), framesPerSecond: rate)
                    try? recorder?.record(frame, at: now())
                    return frame
                })
            runtime.training.stop()
            try? recorder?.close()
        }
    }
}

extension InputEvent {
    /// The notebook's view of a terminal event; nil for ones it does not use.
    init?(_ event: TerminalEvent) {
        switch event {
        case .key(let key):
            guard let k = InputKey(key) else { return nil }
            self = .key(k)
        case .mouse(let x, let y, .left): self = .click(x: x, y: y)
        case .mouse(_, _, .wheelUp): self = .key(.up)
        case .mouse(_, _, .wheelDown): self = .key(.down)
        case .mouse: return nil
        case .resize(let w, let h): self = .resize(width: w, height: h)
        case .tick: return nil
        }
    }
}

extension InputKey {
    init?(_ key: Key) {
        switch key {
        case .character(let c): self = .character(c)
        case .control(let c): self = .control(c)
        case .enter: self = .enter
        case .tab: self = .tab
        case .backTab: self = .backTab
        case .backspace: self = .backspace
        case .escape: self = .escape
        case .up: self = .up
        case .down: self = .down
        case .left: self = .left
        case .right: self = .right
        case .pageUp: self = .pageUp
        case .pageDown: self = .pageDown
        case .home: self = .home
        case .end: self = .end
        case .delete: self = .delete
        case .insert, .function: return nil
        }
    }
}
