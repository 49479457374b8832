import ArgumentParser
import CursesBackend
import Foundation
import Notebook

extension Rnnbook {
    /// `rnnbook open SCENARIO`: the live notebook.
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a scenario in the live terminal notebook (the default command).")

        @Argument(help: "Scenario id (see `rnnbook list`); the home screen when omitted.")
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
            let catalog = ScenarioOptions.catalog(extraFolder: scenarios)
            let questions = QuestionSource()
            var first: NotebookRuntime?
            if let scenario { first = makeRuntime(scenario, catalog: catalog, questions: questions) }

            let terminal: Terminal
            do { terminal = try Terminal.start() } catch let error as TerminalError { Rnnbook.fail(error.description) }
            let capabilities = display.capabilities(terminfoColors: terminal.colorCount)
            terminal.colorDepth = capabilities.colorDepth
            var recorder: AsciicastWriter?
            if let record {
                do {
                    recorder = try AsciicastWriter(path: record, width: terminal.width, height: terminal.height,
                                                   depth: capabilities.colorDepth, title: "rnnbook")
                } catch {
                    terminal.restore()
                    Rnnbook.fail("\(error)")
                }
            }
            let app = LiveApp(home: HomeScreen(catalog: catalog, questions: questions), capabilities: capabilities) { id, question in
                guard let runtime = self.makeRuntime(id, catalog: catalog, questions: questions, exitOnError: false) else { return nil }
                if let question { runtime.showQuestion(question) }
                return runtime
            }
            if let first { app.enter(first, play: play) }
            // No minimum for the loop: below 60×20 the composer draws the notebook's own
            // too-small screen, the one `render` shows too, and keys still reach the notebook.
            let loop = LiveLoop(screen: terminal, minimumWidth: 0, minimumHeight: 0, targetFramesPerSecond: 30)
            loop.run(
                update: { event in app.handle(event) },
                tick: { _ in app.hasNewContent() },
                render: { width, height in
                    let frame = app.frame(width: width, height: height, fps: loop.measuredFramesPerSecond)
                    try? recorder?.record(frame, at: app.now())
                    return frame
                })
            app.stop()
            try? recorder?.close()
        }

        /// The notebook for scenario `id` with this command's overrides, or exit 2 (before the
        /// terminal is taken) / nil (after, when opened from the home screen).
        func makeRuntime(_ id: String, catalog: ScenarioCatalog, questions: QuestionSource, exitOnError: Bool = true) -> NotebookRuntime? {
            var options = ScenarioOptions()
            options.scenario = id
            options.assignments = assignments
            options.scenarios = scenarios
            options.text = text
            options.csv = csv
            guard let found = catalog.scenario(id: id) else {
                if !exitOnError { return nil }
                _ = options.load()  // exits with the closest names
                return nil
            }
            do {
                return try NotebookRuntime(scenario: found, catalog: catalog, questions: questions, capabilities: .full,
                                           overrides: assignments, customize: options.userFiles(for: found))
            } catch {
                if exitOnError { Rnnbook.fail("\(found.id): \(error)") }
                return nil
            }
        }
    }
}

/// The live app: the home screen until a scenario is opened, then that notebook.
final class LiveApp {
    var home: HomeScreen
    var notebook: NotebookRuntime?
    let capabilities: Capabilities
    let open: (String, String?) -> NotebookRuntime?
    let started = Date()
    var shownVersion = -1
    var homeDirty = true
    var frame = Buffer(width: 0, height: 0)

    init(home: HomeScreen, capabilities: Capabilities, open: @escaping (String, String?) -> NotebookRuntime?) {
        self.home = home; self.capabilities = capabilities; self.open = open
    }

    func now() -> Double { Date().timeIntervalSince(started) }

    func enter(_ runtime: NotebookRuntime, play: Bool = false) {
        runtime.capabilities = capabilities
        runtime.training.start()
        if play { runtime.training.setRunning(true) }
        notebook = runtime
    }

    /// Returns false to quit.
    func handle(_ event: TerminalEvent) -> Bool {
        guard let input = InputEvent(event) else { return true }
        if let notebook {
            notebook.handle(input, now: now())
            return !notebook.wantsToQuit
        }
        homeDirty = true
        guard case .key(let key) = input else { return true }
        switch home.handle(key) {
        case .stay: return true
        case .quit: return false
        case .open(let id, let question):
            if let runtime = open(id, question) { enter(runtime) }
            return true
        }
    }

    /// A frame is due when training published something new or a message is showing.
    func hasNewContent() -> Bool {
        guard let notebook else { defer { homeDirty = false }; return homeDirty }
        let feed = notebook.training.snapshot
        defer { shownVersion = feed.version }
        return feed.version != shownVersion || feed.running || feed.pendingSteps > 0 || notebook.state.status != nil
    }

    func frame(width: Int, height: Int, fps: Double) -> Buffer {
        if frame.width != width || frame.height != height { frame = Buffer(width: width, height: height) }
        if let notebook {
            // The frame rate means something only while training draws frames.
            let feed = notebook.training.snapshot
            let rate = (feed.running || feed.pendingSteps > 0) && fps > 0 ? fps : nil
            notebook.frame(into: &frame, now: now(), framesPerSecond: rate)
        } else {
            home.frame(into: &frame, capabilities: capabilities)
        }
        return frame
    }

    func stop() { notebook?.training.stop() }
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
