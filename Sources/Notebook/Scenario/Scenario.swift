import Foundation

/// One notebook: `Scenarios/<id>.md`, parsed and checked. Everything the session needs to
/// build the model, lay out the screen and play the walkthrough; see Scenarios/README.md for
/// the file format.
public struct Scenario: Sendable, Equatable {
    /// The file name without `.md`; stable, because questions and docs link to it.
    public var id: String
    public var title: String
    /// The chapter heading it is listed under on the home screen.
    public var chapter: String
    /// Position within its chapter (smaller first; ties by id).
    public var order: Int
    /// Linked question ids (`Assets/questions/<id>.md`).
    public var questions: [String]
    /// The one claim the scenario demonstrates, in words; `rnnbook run --check` measures it.
    public var claim: String
    /// The Markdown before the first `## ` heading, verbatim: the scenario's introduction.
    public var intro: String
    /// The default parameters, with the ranges narrowed by `tweak:`. The task is fixed here.
    public var parameters: ParameterSet
    /// The panes the scenario shows, in focus (Tab) order.
    public var panes: [PaneID]
    public var layout: PaneLayout
    /// The pane focused when the scenario opens.
    public var initialFocus: PaneID
    public var steps: [WalkthroughStep]
    /// Where the scenario was read from.
    public var sourcePath: String

    public init(id: String, title: String, chapter: String, order: Int = 100, questions: [String], claim: String,
                intro: String, parameters: ParameterSet, panes: [PaneID], layout: PaneLayout? = nil,
                initialFocus: PaneID? = nil, steps: [WalkthroughStep], sourcePath: String) {
        self.id = id
        self.title = title
        self.chapter = chapter
        self.order = order
        self.questions = questions
        self.claim = claim
        self.intro = intro
        self.parameters = parameters
        self.panes = panes
        self.layout = layout ?? PaneLayout.automatic(panes)
        self.initialFocus = initialFocus ?? panes.first ?? .loss
        self.steps = steps
        self.sourcePath = sourcePath
    }

    /// The parameters offered as knobs, in the order the file lists them under `tweak:`.
    public var tweakable: [String] { parameters.tweakable }

    /// Walkthrough lengths the catalogue holds itself to; outside it a file gets a warning.
    public static let recommendedStepCount = 3...8

    /// Reads and checks a scenario file, throwing every error at once. Warnings are dropped;
    /// use `ScenarioParser.load` to see them.
    public init(contentsOf url: URL, questionIDs: Set<String>? = nil) throws {
        let result = ScenarioParser.load(url, questionIDs: questionIDs)
        guard let scenario = result.scenario else { throw DiagnosticList(result.diagnostics.filter(\.isError)) }
        self = scenario
    }
}

/// A parsed file (nil when it has errors) with everything found along the way.
public struct ParseResult<Value: Sendable>: Sendable {
    public var value: Value?
    public var diagnostics: [Diagnostic]

    public init(value: Value?, diagnostics: [Diagnostic]) {
        self.value = value
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter(\.isError) }
    public var warnings: [Diagnostic] { diagnostics.filter { !$0.isError } }
}

extension ParseResult where Value == Scenario {
    public var scenario: Scenario? { value }
}

/// Ids are lowercase words joined by hyphens, so they are file names, URL fragments and
/// command arguments at once.
enum IdentifierRule {
    static func isValid(_ id: String) -> Bool {
        guard let first = id.first, first.isLetter || first.isNumber, id.last != "-", !id.contains("--") else { return false }
        return id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }

    static let explanation = "lowercase letters, digits and single hyphens"
}
