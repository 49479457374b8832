import TermGrid

extension NotebookState {
    /// Applies one input event, returning the new state and the effects to carry out.
    /// `completions` answers Tab at the `:` prompt (word position, words so far → names).
    public func reduce(_ event: InputEvent, now: Double,
                       completions: (Int, [String]) -> [String] = { _, _ in [] }) -> (NotebookState, [NotebookEffect]) {
        var next = self
        let effects = next.apply(event, now: now, completions: completions)
        return (next, effects)
    }

    private mutating func apply(_ event: InputEvent, now: Double,
                                completions: (Int, [String]) -> [String]) -> [NotebookEffect] {
        switch event {
        case .resize: return []
        case .click(let x, let y):
            if let hit = panes.firstIndex(where: { paneRects[$0]?.contains(x: x, y: y) == true }) { focus = hit }
            return []
        case .key(let key):
            switch overlay {
            case .help:
                if key == .character("q") || key == .character("?") || key == .escape { overlay = .none }
                return []
            case .command(var editor):
                switch editor.handle(key, completions: completions) {
                case .editing: overlay = .command(editor); return []
                case .cancelled: overlay = .none; commandHistory = editor.history; return []
                case .submitted(let line):
                    overlay = .none; commandHistory = editor.history
                    return run(line, now: now)
                }
            case .search(let query, let selection):
                return searchKey(key, query: query, selection: selection)
            case .none:
                return paneKey(key, now: now)
            }
        }
    }

    private mutating func run(_ line: String, now: Double) -> [NotebookEffect] {
        do {
            switch try NotebookCommand.parse(line) {
            case .set(let name, let value): return [.set(name: name, value: value)]
            case .run(let n): return [.trainSteps(n)]
            case .reset: return [.reset]
            case .focus(let name):
                guard let pane = PaneID(rawValue: name), let i = panes.firstIndex(of: pane) else {
                    say("no pane \"\(name)\" here (panes: \(panes.map(\.rawValue).joined(separator: ", ")))", isError: true, now: now)
                    return []
                }
                focus = i; return []
            case .open(let id): return [.open(scenario: id)]
            case .step(let index):
                guard index < walkthroughCount else {
                    say("this scenario has \(walkthroughCount) steps", isError: true, now: now); return []
                }
                walkthroughStep = index; return [.enterStep(index: index)]
            case .help: overlay = .help; return []
            case .quit: quitRequested = true; return [.quit]
            }
        } catch {
            say("\(error)", isError: true, now: now)
            return []
        }
    }

    private mutating func searchKey(_ key: InputKey, query: String, selection: Int) -> [NotebookEffect] {
        var query = query, selection = selection
        switch key {
        case .escape, .control("c"): overlay = .none; return []
        case .enter: overlay = .none; return [.openSearchResult(index: selection)]
        case .up, .control("p"): selection = max(0, selection - 1)
        case .down, .control("n"): selection += 1
        case .backspace:
            if query.isEmpty { overlay = .none; return [] }
            query.removeLast(); selection = 0
        case .character(let c): query.append(c); selection = 0
        default: break
        }
        overlay = .search(query: query, selection: selection)
        return key == .up || key == .down ? [] : [.search(query: query)]
    }

    private mutating func paneKey(_ key: InputKey, now: Double) -> [NotebookEffect] {
        switch key {
        case .character(" "): return [.togglePlay]
        case .character("."): return [.trainSteps(1)]
        case .character("r"): return [.reset]
        case .character("+"), .character("="):
            speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
            say("speed: \(speedName)", now: now, seconds: 2)
            return [.setSpeed(speedLimit)]
        case .character("-"), .character("_"):
            speedIndex = max(0, speedIndex - 1)
            say("speed: \(speedName)", now: now, seconds: 2)
            return [.setSpeed(speedLimit)]
        case .tab: if !panes.isEmpty { focus = (focus + 1) % panes.count }; return []
        case .backTab: if !panes.isEmpty { focus = (focus + panes.count - 1) % panes.count }; return []
        case .character("z"): zoomed.toggle(); return []
        case .character("n"):
            guard walkthroughStep + 1 < walkthroughCount else { say("last step", now: now, seconds: 2); return [] }
            walkthroughStep += 1; return [.enterStep(index: walkthroughStep)]
        case .character("p"):
            guard walkthroughStep > 0 else { say("first step", now: now, seconds: 2); return [] }
            walkthroughStep -= 1; return [.enterStep(index: walkthroughStep)]
        case .character(":"): overlay = .command(CommandLineEditor(history: commandHistory)); return []
        case .character("/"): overlay = .search(query: "", selection: 0); return [.search(query: "")]
        case .character("?"): overlay = .help; return []
        case .character("q"), .control("c"): quitRequested = true; return [.quit]
        case .escape: zoomed = false; return []
        default:
            navigate(key)
            return []
        }
    }

    private var speedName: String {
        speedLimit.map { "\(Int($0)) steps/s" } ?? "as fast as it goes"
    }

    /// Arrows, hjkl, PgUp/PgDn: move the focused pane's cursor or scroll it. Panes clamp the
    /// values to their content when they draw, so the reducer only keeps them non-negative.
    private mutating func navigate(_ key: InputKey) {
        guard let pane = focusedPane else { return }
        var nav = navigation[pane] ?? PaneNavigation()
        switch key {
        case .up, .character("k"): nav.row -= 1; nav.scroll -= 1
        case .down, .character("j"): nav.row += 1; nav.scroll += 1
        case .left, .character("h"): nav.column -= 1
        case .right, .character("l"): nav.column += 1
        case .pageUp: nav.row -= 10; nav.scroll -= 10
        case .pageDown: nav.row += 10; nav.scroll += 10
        case .home: nav.row = 0; nav.column = 0; nav.scroll = 0
        case .character("["): nav.layerIndex -= 1
        case .character("]"): nav.layerIndex += 1
        default: return
        }
        nav.row = max(0, nav.row); nav.column = max(0, nav.column)
        nav.scroll = max(0, nav.scroll); nav.layerIndex = max(0, nav.layerIndex)
        navigation[pane] = nav
    }
}
