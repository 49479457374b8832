import Foundation

/// What the tests expect on screen, read from the shipped `Scenarios/<id>.md` rather than
/// written into the tests: its title, panes, walkthrough step titles and tweak ranges. Scenario
/// authors may change those; the notebook must show whatever the file says.
///
/// Reads the few front-matter lines it needs by prefix (the test target has no YAML parser);
/// `rnnbook lint` and the Notebook tests check the format itself.
struct ScenarioFile {
    let id: String
    let title: String
    let panes: [String]
    /// The `## ` section titles, in order.
    let stepTitles: [String]
    private let frontMatter: [String]

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(_ id: String) throws {
        self.id = id
        let text = try String(contentsOf: Self.repository.appendingPathComponent("Scenarios/\(id).md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let end = lines.dropFirst().firstIndex(of: "---") ?? 0
        frontMatter = Array(lines[1..<max(1, end)])
        stepTitles = lines[end...].filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)).trimmingCharacters(in: .whitespaces) }
        title = Self.value(of: "title", in: frontMatter) ?? id
        panes = Self.list(Self.value(of: "panes", in: frontMatter) ?? "")
    }

    /// A tweak's `[low, high]` range, as written under `tweak:`.
    func range(of parameter: String) -> (low: String, high: String)? {
        guard let start = frontMatter.firstIndex(of: "tweak:") else { return nil }
        let block = frontMatter[(start + 1)...].prefix { $0.hasPrefix(" ") }
        let items = Self.list(Self.value(of: parameter, in: block.map { $0.trimmingCharacters(in: .whitespaces) }) ?? "")
        return items.count == 2 ? (items[0], items[1]) : nil
    }

    private static func value(of key: String, in lines: [String]) -> String? {
        lines.first { $0.hasPrefix(key + ":") }.map { $0.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces) }
    }

    /// `[a, b, c]` as its items.
    private static func list(_ text: String) -> [String] {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return [] }
        return text.dropFirst().dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
