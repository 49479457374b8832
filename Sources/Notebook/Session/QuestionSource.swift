import Foundation

/// The question bank, loaded only when something needs all of it (search). Until then a single
/// answer is read from its own file, so opening a notebook does not parse 130 YAML headers
/// before the first frame.
public final class QuestionSource: @unchecked Sendable {
    let directory: URL
    private var loaded: QuestionBank?
    private var single: [String: Question] = [:]
    private let lock = NSLock()

    public init(directory: URL = ScenarioCatalog.shippedQuestionsDirectory) { self.directory = directory }

    /// An already loaded bank (tests, `questions`).
    public init(bank: QuestionBank, directory: URL = ScenarioCatalog.shippedQuestionsDirectory) {
        self.directory = directory; loaded = bank
    }

    /// Every question; the first call loads the folder.
    public var bank: QuestionBank {
        lock.lock(); defer { lock.unlock() }
        if let loaded { return loaded }
        let bank = QuestionBank(directory: directory)
        loaded = bank
        return bank
    }

    /// One question by id: from the loaded bank, or else from `<id>.md` alone.
    public func question(id: String) -> Question? {
        lock.lock(); defer { lock.unlock() }
        if let loaded { return loaded.question(id: id) }
        if let cached = single[id] { return cached }
        guard !id.contains("/") else { return nil }
        let url = directory.appendingPathComponent("\(id).md")
        guard FileManager.default.fileExists(atPath: url.path),
              let question = QuestionParser.load(url).value else { return nil }
        single[id] = question
        return question
    }
}
