import Foundation
import Yams

/// Reads YAML front matter through Yams' node API so every value keeps its line, and collects
/// problems as `Diagnostic`s instead of stopping at the first one: `rnnbook lint` shows them all.
struct FrontMatterReader {
    let file: String
    /// Added to a YAML line to get the file's line.
    let lineOffset: Int
    /// Line used for problems without a node (a missing key): the closing `---`.
    let fallbackLine: Int
    var diagnostics: [Diagnostic] = []
    /// Where each parameter's value was written, for messages about combinations.
    var parameterLines: [String: Int] = [:]

    init(file: String, lineOffset: Int, fallbackLine: Int) {
        self.file = file
        self.lineOffset = lineOffset
        self.fallbackLine = fallbackLine
    }

    /// Composes the YAML into a node tree; a syntax error becomes one diagnostic at its line.
    mutating func compose(_ yaml: String) -> Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            let (line, message) = Self.describe(error)
            diagnostics.append(Diagnostic(file: file, line: line.map { $0 + lineOffset } ?? fallbackLine, message))
        } catch {
            diagnostics.append(Diagnostic(file: file, line: fallbackLine, "front matter is not valid YAML: \(error)"))
        }
        return nil
    }

    /// A YAML error's line (in YAML coordinates) and a one-line message.
    static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text))" } ?? ""
            return (mark.line, "invalid YAML: \(problem)\(where_)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark.line, "duplicate key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", "))")
        case let .reader(problem, _, _, _):
            return (nil, "invalid YAML: \(problem)")
        default:
            return (nil, "invalid YAML: \(error)")
        }
    }

    /// The file line of a node.
    func line(of node: Node?) -> Int { (node?.mark?.line).map { $0 + lineOffset } ?? fallbackLine }

    mutating func error(_ node: Node?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line(of: node), message))
    }

    mutating func warning(_ node: Node?, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line(of: node), message, severity: .warning))
    }

    /// The entries of a mapping, keyed by text, in file order. Keys not in `allowed` are
    /// reported with the nearest allowed key (or with `misplaced`'s advice, when it has some).
    mutating func entries(of node: Node, named what: String, allowed: [String],
                          misplaced: (String) -> String? = { _ in nil }) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            error(node, "\(what) must be a mapping of keys to values")
            return []
        }
        var result: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else { error(keyNode, "\(what) has a key that is not text"); continue }
            let key = scalar.string
            if allowed.contains(key) {
                result.append((key, keyNode, value))
            } else if let advice = misplaced(key) {
                error(keyNode, advice)
            } else {
                error(keyNode, "unknown key \"\(key)\" in \(what)\(ClosestNames.hint(for: key, in: allowed))")
            }
        }
        return result
    }

    /// A non-empty text scalar.
    mutating func text(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node, !Self.isNull(s), !s.string.isEmpty else {
            error(node, "\(what) must be text"); return nil
        }
        return s.string
    }

    /// YAML's null: `~`, `null` or nothing, unquoted.
    static func isNull(_ s: Node.Scalar) -> Bool {
        s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)
    }

    /// A whole number.
    mutating func integer(_ node: Node, _ what: String) -> Int? {
        guard case .scalar(let s) = node, let value = Int(s.string) else {
            error(node, "\(what) must be a whole number"); return nil
        }
        return value
    }

    /// The raw text of a scalar (empty for `~`/empty/null), or nil with a diagnostic.
    mutating func scalarText(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let s) = node else { error(node, "\(what) must be a single value, not a list or mapping"); return nil }
        return Self.isNull(s) ? "" : s.string
    }

    /// The items of a sequence (a lone scalar is not accepted: lists are written as lists).
    mutating func items(_ node: Node, _ what: String) -> [Node]? {
        guard case .sequence(let sequence) = node else { error(node, "\(what) must be a list"); return nil }
        return Array(sequence)
    }

    /// A list of text scalars, each with its node for later checks.
    mutating func textList(_ node: Node, _ what: String) -> [(text: String, node: Node)]? {
        guard let items = items(node, what) else { return nil }
        var result: [(text: String, node: Node)] = []
        for item in items {
            if let t = text(item, "each entry of \(what)") { result.append((t, item)) }
        }
        return result
    }
}
