import RNNCore

/// Checks that go beyond one value: the defaults must build a valid recipe, and so must the
/// parameters at every point where the walkthrough trains (`run`, `reset`, each `compare`
/// variant), following the steps in order the way a learner pressing `n` would.
extension ScenarioParser {
    static func checkConsistency(_ parameters: ParameterSet, steps: [WalkthroughStep], parameterLines: [String: Int],
                                 taskLine: Int, reader: inout FrontMatterReader) {
        do {
            _ = try parameters.recipe()
        } catch {
            let place = (error as? InputError)?.place
            let line = place.flatMap { parameterLines[$0] } ?? taskLine
            reader.diagnostics.append(Diagnostic(file: reader.file, line: line, "the defaults do not fit together: \(error)"))
            return
        }
        var current = parameters
        for step in steps {
            for (action, line) in zip(step.actions, step.actionLines) {
                switch action {
                case .set(let name, let value):
                    try? current.set(name, value: value)
                case .run, .reset:
                    if !check(current, line: line, reader: &reader) { return }
                case .compare(let name, let values):
                    for value in values {
                        var variant = current
                        try? variant.set(name, value: value)
                        if !check(variant, line: line, reader: &reader, variant: "\(name)=\(value)") { return }
                    }
                case .focus:
                    break
                }
            }
        }
    }

    private static func check(_ parameters: ParameterSet, line: Int, reader: inout FrontMatterReader,
                              variant: String? = nil) -> Bool {
        do {
            _ = try parameters.recipe()
            return true
        } catch {
            let which = variant.map { " for \($0)" } ?? ""
            reader.diagnostics.append(Diagnostic(file: reader.file, line: line,
                                                 "the parameters at this point cannot train\(which): \(error)"))
            return false
        }
    }
}
