import Foundation
import Notebook
import XCTest

/// The question bank answers every question of the five seed documents, and every answer
/// meets the house rules: 80–300 words, a follow-up, a link to a live scenario.
final class QuestionBankTests: XCTestCase {
    /// Questions per seed document (`SEEDFILE#1` … `#N`).
    static let seedCounts = [
        "000_f0d40792f6aad4e9.txt": 50, "001_0bc74ac5e5308569.txt": 22, "002_8a4f2640ade448a0.txt": 100,
        "003_3b220923b9780639.txt": 15, "004_22b08f3266913b10.txt": 20,
    ]

    let bank = QuestionBank(directory: ScenarioCatalog.shippedQuestionsDirectory)

    func testBankLoadsWithoutErrors() {
        XCTAssertGreaterThan(bank.questions.count, 100)
        XCTAssertEqual(bank.diagnostics.filter(\.isError).map(\.description), [])
    }

    func testEverySeedQuestionIsAnswered() {
        var covered: [String: Set<Int>] = [:]
        for q in bank.questions { for s in q.sources { covered[s.file, default: []].insert(s.number) } }
        for (file, count) in Self.seedCounts {
            let missing = Set(1...count).subtracting(covered[file] ?? [])
            XCTAssertEqual(missing.sorted(), [], "unanswered questions of \(file)")
            let extra = (covered[file] ?? []).filter { $0 > count }
            XCTAssertEqual(extra.sorted(), [], "sources past the end of \(file)")
        }
        XCTAssertEqual(Set(covered.keys), Set(Self.seedCounts.keys))
        XCTAssertEqual(Self.seedCounts.values.reduce(0, +), 207)
    }

    /// Where the seed documents are checked out beside the repository, their question counts
    /// match the table above.
    func testSeedCountsMatchTheSeedFilesWhenPresent() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../shared/seeds").standardized
        guard FileManager.default.fileExists(atPath: seeds.path) else { throw XCTSkip("no seed folder at \(seeds.path)") }
        for (file, count) in Self.seedCounts {
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            XCTAssertTrue(text.contains("\(count)"), "\(file) should mention question \(count)")
        }
    }

    func testEveryAnswerFollowsTheHouseRules() {
        for q in bank.questions {
            XCTAssertTrue((80...300).contains(q.answerWordCount), "\(q.id): \(q.answerWordCount) words")
            XCTAssertTrue(q.answer.contains("**Follow-up:**"), "\(q.id) names no follow-up")
            XCTAssertTrue(q.answer.contains("**See it live:**"), "\(q.id) links no live scenario")
            XCTAssertFalse(q.scenarios.isEmpty, "\(q.id) lists no scenarios")
        }
    }

    func testSearchFindsTheObviousAnswerFirst() {
        XCTAssertEqual(QuestionSearch.rank("vanishing gradient", in: bank.questions).first?.id, "vanishing-gradient")
        XCTAssertEqual(QuestionSearch.rank("teacher forcing", in: bank.questions).first.map { $0.id.contains("teacher-forcing") }, true)
    }
}
