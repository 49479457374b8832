import Foundation
import Panes
import RNNCore
import TermGrid

/// One open notebook: the scenario, its parameters, the UI state, and the training thread.
/// It turns input events into state changes and effects, and composes frames. Both the live
/// terminal loop and `rnnbook render` drive this same object.
public final class NotebookRuntime {
    public internal(set) var state: NotebookState
    public private(set) var scenario: Scenario
    public private(set) var parameters: ParameterSet
    public let catalog: ScenarioCatalog
    public let questions: QuestionSource
    public let training: TrainingThread
    public var capabilities: Capabilities
    /// The question shown under the walkthrough prose (the scenario's first, or one picked by
    /// `/` search).
    public private(set) var questionID: String?
    var caches = ScreenCaches()
    var searchResults: [Question] = []
    /// The command line's changes to the first scenario (`--set`, `--text`, `--csv`), kept so
    /// reopening it honours them.
    let customize: (inout ParameterSet) throws -> Void
    let firstScenarioID: String

    /// Builds the notebook for `scenario` with `--set` overrides applied, then `customize`.
    /// - Throws: `ParameterError` or `InputError` for a bad override, one line each.
    public init(scenario: Scenario, catalog: ScenarioCatalog, questions: QuestionSource,
                capabilities: Capabilities, overrides: [String] = [],
                customize: @escaping (inout ParameterSet) throws -> Void = { _ in }) throws {
        self.scenario = scenario
        self.catalog = catalog
        self.questions = questions
        self.capabilities = capabilities
        self.customize = { parameters in
            for assignment in overrides { try parameters.apply(assignment: assignment) }
            try customize(&parameters)
        }
        firstScenarioID = scenario.id
        var parameters = scenario.parameters
        try self.customize(&parameters)
        self.parameters = parameters
        state = NotebookRuntime.initialState(scenario)
        questionID = scenario.questions.first
        training = TrainingThread(runner: try NotebookRuntime.makeRunner(parameters))
    }

    static func initialState(_ scenario: Scenario) -> NotebookState {
        var state = NotebookState(scenarioID: scenario.id, panes: scenario.panes, walkthroughCount: scenario.steps.count)
        state.focus = scenario.panes.firstIndex(of: scenario.initialFocus) ?? 0
        return state
    }

    static func makeRunner(_ parameters: ParameterSet) throws -> StepRunner {
        LiveRunner(try makeLiveTraining(try parameters.recipe()))
    }

    // MARK: Events

    /// Applies one input event at time `now` (seconds, any monotonic origin).
    public func handle(_ event: InputEvent, now: Double) {
        let (next, effects) = state.reduce(event, now: now, completions: completions)
        state = next
        for effect in effects { perform(effect, now: now) }
    }

    /// True once the user asked to quit.
    public var wantsToQuit: Bool { state.quitRequested }

    func perform(_ effect: NotebookEffect, now: Double) {
        switch effect {
        case .togglePlay: training.setRunning(!training.snapshot.running)
        case .trainSteps(let n): training.queue(steps: n)
        case .reset: rebuild(now: now, message: "reset to step 0")
        case .setSpeed(let limit): training.stepsPerSecondLimit = limit
        case .set(let name, let value): set(name, value.description, now: now)
        case .open(let id): open(id, now: now)
        case .enterStep(let index): enterStep(index, now: now)
        case .search(let query): searchResults = QuestionSearch.rank(query, in: questions.bank.questions)
        case .openSearchResult(let index): openQuestion(at: index, now: now)
        case .quit: training.stop()
        }
    }

    /// `:set` and walkthrough `set`: validated against the scenario's ranges; a bad value
    /// changes nothing and says why in the status bar.
    func set(_ name: String, _ value: String, now: Double) {
        var next = parameters
        do {
            try next.set(name, value)
            _ = try next.recipe()
        } catch {
            state.say("\(error)", isError: true, now: now)
            return
        }
        parameters = next
        rebuild(now: now, message: "\(name) = \(value): training again from step 0")
    }

    func rebuild(now: Double, message: String) {
        let parameters = self.parameters
        training.replace(with: { try NotebookRuntime.makeRunner(parameters) })
        state.say(message, now: now, seconds: 3)
    }

    func open(_ id: String, now: Double) {
        guard let next = catalog.scenario(id: id) else {
            let near = catalog.closestIDs(to: id, limit: 3)
            state.say("no scenario \"\(id)\"" + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?"),
                      isError: true, now: now)
            return
        }
        load(next, now: now)
    }

    func load(_ next: Scenario, now: Double) {
        let history = state.commandHistory
        scenario = next
        parameters = next.parameters
        if next.id == firstScenarioID { try? customize(&parameters) }
        state = NotebookRuntime.initialState(next)
        state.commandHistory = history
        questionID = next.questions.first
        training.setRunning(false)
        rebuild(now: now, message: "opened \(next.id)")
    }

    /// Runs a walkthrough step's actions in order, as if typed.
    func enterStep(_ index: Int, now: Double) {
        guard scenario.steps.indices.contains(index) else { return }
        state.walkthroughStep = index
        training.setRunning(false)
        for action in scenario.steps[index].actions {
            switch action {
            case .set(let name, let value): set(name, value.description, now: now)
            case .run(let steps): training.queue(steps: steps)
            case .reset: rebuild(now: now, message: "reset to step 0")
            case .focus(let pane): if let i = state.panes.firstIndex(of: pane) { state.focus = i }
            case .compare(let name, let values): compare(name, values.map(\.description), now: now)
            }
        }
    }

    func compare(_ name: String, _ values: [String], now: Double, synchronous: Bool = false) {
        var variants: [(String, ParameterSet)] = []
        for value in values {
            var p = parameters
            do { try p.set(name, value); _ = try p.recipe() } catch {
                state.say("\(error)", isError: true, now: now); return
            }
            variants.append(("\(name)=\(value)", p))
        }
        guard let first = variants.first else { return }
        parameters = first.1
        let make: () throws -> StepRunner = {
            let primary = LiveRunner(try makeLiveTraining(try first.1.recipe()))
            let others = try variants.dropFirst().map { ($0.0, LiveRunner(try makeLiveTraining(try $0.1.recipe()))) }
            return CompareRunner(primary: primary, others: others)
        }
        if synchronous {
            do { training.replaceNow(try make()) } catch { state.say("\(error)", isError: true, now: now) }
        } else {
            training.replace(with: make)
        }
        state.say("comparing \(values.joined(separator: ", ")): the loss pane plots each", now: now, seconds: 4)
    }

    func openQuestion(at index: Int, now: Double) {
        guard searchResults.indices.contains(index) else { return }
        let question = searchResults[index]
        if let link = question.scenarios.first, link.id != scenario.id, let next = catalog.scenario(id: link.id) {
            load(next, now: now)
        }
        questionID = question.id
        if let step = question.scenarios.first(where: { $0.id == scenario.id })?.step, step >= 1 {
            state.walkthroughStep = min(step - 1, max(0, scenario.steps.count - 1))
        }
        if let answer = state.panes.firstIndex(of: .answer) { state.focus = answer }
        state.navigation[.answer] = PaneNavigation()
    }

    /// Tab completion at the `:` prompt: verbs, then parameter names, values, panes, scenarios.
    func completions(_ index: Int, _ words: [String]) -> [String] {
        if index == 0 { return NotebookCommand.verbs }
        switch words.first {
        case "set":
            if index == 1 { return ParameterRegistry.names }
            if index == 2, let spec = parameters.spec(words[1]), case .choice(let choices) = spec.kind { return choices }
            return []
        case "focus": return index == 1 ? state.panes.map(\.rawValue) : []
        case "open": return index == 1 ? catalog.ids : []
        default: return []
        }
    }
}

extension NotebookRuntime {
    /// Trains `steps` steps on the calling thread (for `render` and tests), probing the last.
    public func trainNow(steps: Int) { training.runNow(steps: steps) }

    /// Shows walkthrough step `index` as a reader who stepped through would see it, without
    /// training: the `set`, `focus` and `compare` actions of steps 1…index are applied and
    /// `run` actions are left to the caller (`render --steps`).
    public func showStep(_ index: Int) throws {
        guard scenario.steps.indices.contains(index) else { return }
        state.walkthroughStep = index
        var compareAction: (String, [String])?
        for step in scenario.steps[...index] {
            for action in step.actions {
                switch action {
                case .set(let name, let value): try parameters.set(name, value: value); compareAction = nil
                case .focus(let pane): if let i = state.panes.firstIndex(of: pane) { state.focus = i }
                case .compare(let name, let values): compareAction = (name, values.map(\.description))
                case .run, .reset: break
                }
            }
        }
        if let (name, values) = compareAction {
            compare(name, values, now: 0, synchronous: true)
        } else {
            training.replaceNow(try NotebookRuntime.makeRunner(parameters))
        }
    }

    /// The model being trained, for headless commands that also evaluate it.
    public var liveTraining: (any LiveTraining)? {
        let runner = training.currentRunner
        return (runner as? LiveRunner)?.training ?? (runner as? CompareRunner)?.primary.training
    }
}

extension NotebookRuntime {
    /// Shows question `id`'s answer in the notes pane, at the walkthrough step its link names.
    public func showQuestion(_ id: String) {
        guard let question = questions.question(id: id) else { return }
        questionID = question.id
        if let step = question.scenarios.first(where: { $0.id == scenario.id })?.step, step >= 1 {
            state.walkthroughStep = min(step - 1, max(0, scenario.steps.count - 1))
        }
        if let answer = state.panes.firstIndex(of: .answer) { state.focus = answer }
    }
}
