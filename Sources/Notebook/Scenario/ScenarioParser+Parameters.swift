import Foundation
import Yams

/// `task:`, `model:`, `training:` and `tweak:`: the scenario's defaults and knobs.
extension ScenarioParser {
    /// Keys of a `task:` mapping besides the registry's task-section parameters.
    static let taskKeys = ["name", "text"]

    /// Builds the default parameters; nil when the task itself is unusable.
    static func readParameters(_ fields: [String: (keyNode: Node, value: Node)], folder: URL?,
                               reader: inout FrontMatterReader) -> ParameterSet? {
        guard let taskNode = fields["task"]?.value else { return nil }
        var taskSettings: [(key: String, keyNode: Node, value: Node)] = []
        var nameNode = taskNode, textNode: Node?
        if case .mapping = taskNode {
            let allowed = taskKeys + names(in: .task)
            let entries = reader.entries(of: taskNode, named: "task", allowed: allowed, misplaced: misplaced(in: .task))
            guard let name = entries.first(where: { $0.key == "name" }) else {
                reader.error(taskNode, "task needs a name (one of \(ParameterRegistry.taskNames.joined(separator: ", ")))")
                return nil
            }
            nameNode = name.value
            textNode = entries.first(where: { $0.key == "text" })?.value
            taskSettings = entries.filter { !taskKeys.contains($0.key) }
        }
        guard let task = reader.text(nameNode, "task") else { return nil }
        guard ParameterRegistry.taskNames.contains(task) else {
            let hint = ClosestNames.hint(for: task, in: ParameterRegistry.taskNames)
            reader.error(nameNode, "unknown task \"\(task)\" (tasks: \(ParameterRegistry.taskNames.joined(separator: ", "))\(hint))")
            return nil
        }
        var parameters = ParameterSet(task: task)
        if let textNode, let path = reader.text(textNode, "text") {
            if task != "text" { reader.error(textNode, "text: is only for the text task") }
            do {
                if let folder {
                    parameters.textFile = try FolderPath.resolve(path, inside: folder).path
                } else {
                    try FolderPath.checkShape(path)
                    parameters.textFile = path
                }
            } catch {
                reader.error(textNode, "\(error)")
            }
        }
        apply(taskSettings, to: &parameters, reader: &reader)
        for section in [ParameterSection.model, .training] {
            guard let node = fields[section.rawValue]?.value else { continue }
            if case .scalar(let s) = node, FrontMatterReader.isNull(s) { continue }
            let entries = reader.entries(of: node, named: section.rawValue, allowed: names(in: section),
                                         misplaced: misplaced(in: section))
            apply(entries, to: &parameters, reader: &reader)
        }
        return parameters
    }

    static func names(in section: ParameterSection) -> [String] {
        ParameterRegistry.specs.filter { $0.section == section }.map(\.name)
    }

    /// Advice for a parameter written in the wrong section.
    static func misplaced(in section: ParameterSection) -> (String) -> String? {
        { key in
            if key == "task" { return "task is set at the top level (task: NAME)" }
            guard let spec = ParameterRegistry.spec(named: key), spec.section != section else { return nil }
            return "\(key) belongs under \(spec.section.rawValue):, not \(section.rawValue):"
        }
    }

    static func apply(_ entries: [(key: String, keyNode: Node, value: Node)], to parameters: inout ParameterSet,
                      reader: inout FrontMatterReader) {
        for entry in entries {
            reader.parameterLines[entry.key] = reader.line(of: entry.value)
            guard let text = reader.scalarText(entry.value, entry.key) else { continue }
            guard !text.isEmpty || parameters.spec(entry.key)?.optional == true else {
                let allowed = parameters.spec(entry.key)?.allowedDescription ?? ""
                reader.error(entry.value, "\(entry.key) needs a value (\(allowed))")
                continue
            }
            do {
                try parameters.set(entry.key, text.isEmpty ? "none" : text)
            } catch {
                reader.error(entry.value, "\(error)")
            }
        }
    }

    /// `tweak:` maps parameter names to `any`, `[low, high]` or a list of choices.
    static func readTweak(_ node: Node, into parameters: inout ParameterSet?, reader: inout FrontMatterReader) {
        let entries = reader.entries(of: node, named: "tweak", allowed: ParameterRegistry.names) { key in
            ParameterRegistry.fixedNames.contains(key) ? "\(key) is fixed by the scenario and cannot be tweaked" : nil
        }
        guard var set = parameters else { return }
        for entry in entries {
            guard let spec = ParameterRegistry.spec(named: entry.key) else { continue }
            do {
                try set.narrow(entry.key, to: try tweakKind(entry.value, spec: spec, reader: &reader))
            } catch let error as ParameterError {
                reader.error(entry.value, error.message)
            } catch {
                // Already reported by `tweakKind`.
            }
        }
        parameters = set
    }

    private struct AlreadyReported: Error {}

    /// The narrowed kind, or nil for `any` (the global range).
    private static func tweakKind(_ node: Node, spec: ParameterSpec, reader: inout FrontMatterReader) throws -> ParameterKind? {
        let shape = "tweak \(spec.name) must be \(spec.tweakShape)"
        if case .scalar(let s) = node {
            guard s.string == "any" else { throw ParameterError(shape) }
            return nil
        }
        guard case .sequence(let sequence) = node else { throw ParameterError(shape) }
        let items = Array(sequence)
        var texts: [String] = []
        for item in items {
            guard case .scalar(let s) = item else { reader.error(item, shape); throw AlreadyReported() }
            texts.append(s.string)
        }
        switch spec.kind {
        case .int:
            guard texts.count == 2, let lo = Int(texts[0]), let hi = Int(texts[1]) else {
                throw ParameterError("tweak \(spec.name) must be [low, high] with whole numbers")
            }
            guard lo <= hi else { throw ParameterError("tweak \(spec.name): low \(lo) is above high \(hi)") }
            return .int(lo...hi)
        case .real:
            guard texts.count == 2, let lo = Double(texts[0]), let hi = Double(texts[1]), lo.isFinite, hi.isFinite else {
                throw ParameterError("tweak \(spec.name) must be [low, high] with numbers")
            }
            guard lo <= hi else { throw ParameterError("tweak \(spec.name): low \(texts[0]) is above high \(texts[1])") }
            return .real(lo...hi)
        case .bool:
            throw ParameterError(shape)
        case .choice:
            guard Set(texts).count == texts.count else { throw ParameterError("tweak \(spec.name) lists a choice twice") }
            return .choice(texts)
        }
    }
}
