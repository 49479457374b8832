import XCTest
@testable import RNNCore

final class Seq2SeqTaskTests: XCTestCase {
    func testReversalTargetsAreTheReversedSource() throws {
        let task = try SequenceReversal(symbols: 7, lengths: 2...8)
        var rng = SeededRandom(seed: 21)
        let batch: SequenceBatch<Float> = task.makeBatch(size: 40, rng: &rng)
        let source = try XCTUnwrap(batch.inputTokens)
        let decoderIn = try XCTUnwrap(batch.decoderInputTokens), decoderOut = try XCTUnwrap(batch.decoderTargetTokens)
        XCTAssertEqual(batch.decoderSteps, 9)
        for b in 0..<40 {
            let n = batch.lengths[b]
            XCTAssertEqual(batch.decoderLengths[b], n + 1)
            let src = (0..<n).map { source[batch.index(t: $0, b: b)] }
            XCTAssertTrue(src.allSatisfy { $0 >= 3 && $0 < 10 })
            let out = (0..<n).map { decoderOut[batch.index(t: $0, b: b)] }
            XCTAssertEqual(out, Array(src.reversed()))
            XCTAssertEqual(decoderOut[batch.index(t: n, b: b)], Int32(SequenceReversal.eos))
            XCTAssertEqual(decoderIn[batch.index(t: 0, b: b)], Int32(SequenceReversal.bos))
            for t in 1...n {
                XCTAssertEqual(decoderIn[batch.index(t: t, b: b)], decoderOut[batch.index(t: t - 1, b: b)],
                               "teacher forcing: input is the previous target")
            }
        }
        let perfect = TaskFixtures.logits(for: decoderOut, width: 10, shape: [9, 40, 10])
        let m = task.metrics(predictions: perfect.converted(to: Float.self), batch: batch)
        XCTAssertEqual(m["accuracy"], 1)
        XCTAssertEqual(m["sequenceAccuracy"], 1)
    }

    func testSequenceAccuracyNeedsEveryTokenRight() throws {
        let task = try SequenceReversal(symbols: 4, lengths: 5...5)
        var rng = SeededRandom(seed: 22)
        let batch: SequenceBatch<Double> = task.makeBatch(size: 10, rng: &rng)
        var ids = try XCTUnwrap(batch.decoderTargetTokens)
        // Spoil the first output of sequence 0 only.
        ids[batch.index(t: 0, b: 0)] = ids[batch.index(t: 0, b: 0)] == 3 ? 4 : 3
        let logits = TaskFixtures.logits(for: ids, width: 7, shape: [6, 10, 7])
        let m = task.metrics(predictions: logits, batch: batch)
        XCTAssertEqual(m["accuracy"] ?? -1, 59.0 / 60, accuracy: 1e-12)
        XCTAssertEqual(m["sequenceAccuracy"] ?? -1, 0.9, accuracy: 1e-12)
    }

    func testDateTargetsAreTheSourceDateInISO() throws {
        let task = try DateTranslation()
        var rng = SeededRandom(seed: 23)
        let batch: SequenceBatch<Float> = task.makeBatch(size: 400, rng: &rng)
        let source = try XCTUnwrap(batch.inputTokens), target = try XCTUnwrap(batch.decoderTargetTokens)
        var formatsSeen = Set<String>()
        for b in 0..<400 {
            let n = batch.lengths[b]
            let text = task.sourceText((0..<n).map { source[batch.index(t: $0, b: b)] })
            XCTAssertEqual(text.utf8.count, n, "no padding inside the source")
            let iso = task.targetText((0..<11).map { target[batch.index(t: $0, b: b)] })
            let parsedISO = try XCTUnwrap(Self.parseISO(iso), "not ISO: \(iso)")
            XCTAssertTrue(parsedISO.isValid, iso)
            XCTAssertTrue(task.years.contains(parsedISO.year), iso)
            let parsedSource = try XCTUnwrap(Self.parseHuman(text, years: task.years), "cannot read \(text)")
            XCTAssertEqual(parsedSource, parsedISO, "\(text) -> \(iso)")
            XCTAssertEqual(target[batch.index(t: 10, b: b)], Int32(DateTranslation.eos))
            formatsSeen.insert(Self.shape(of: text))
        }
        XCTAssertTrue(Self.formatShapes.isSubset(of: formatsSeen), "every format appears: \(formatsSeen)")
    }

    func testDateRenderingExamples() {
        let date = CalendarDate(year: 2021, month: 3, day: 3)
        XCTAssertEqual(DateFormat.dayMonthYear.string(date), "3 March 2021")
        XCTAssertEqual(DateFormat.slashedShortYear.string(date), "03/03/21")
        XCTAssertEqual(DateFormat.shortMonthDayYear.string(date), "Mar 3, 2021")
        XCTAssertEqual(DateFormat.ordinalMonthDayYear.string(CalendarDate(year: 1999, month: 12, day: 22)),
                       "December 22nd, 1999")
        XCTAssertEqual(DateFormat.ordinalMonthDayYear.string(CalendarDate(year: 1999, month: 12, day: 11)),
                       "December 11th, 1999")
        XCTAssertEqual(DateFormat.dashedShortMonth.string(CalendarDate(year: 2005, month: 9, day: 7)), "07-Sep-2005")
        var iso: [UInt8] = []
        DateFormat.iso(date) { iso.append($0) }
        XCTAssertEqual(String(decoding: iso, as: UTF8.self), "2021-03-03")
        XCTAssertFalse(CalendarDate(year: 1900, month: 2, day: 29).isValid)
        XCTAssertTrue(CalendarDate(year: 2000, month: 2, day: 29).isValid)
    }

    // MARK: An independent reader for the test

    static func parseISO(_ s: String) -> CalendarDate? {
        let parts = s.split(separator: "-").compactMap { Int($0) }
        guard s.count == 10, parts.count == 3 else { return nil }
        return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Reads any of the human formats without using the renderer.
    static func parseHuman(_ s: String, years: ClosedRange<Int>) -> CalendarDate? {
        let words = s.split(whereSeparator: { " ,/.-".contains($0) }).map(String.init)
        if let m = words.firstIndex(where: { $0.first?.isLetter == true }) {
            guard let month = months.firstIndex(of: String(words[m].lowercased().prefix(3))) else { return nil }
            let numbers = words.enumerated().filter { $0.offset != m }.map { $0.element }
            guard let year = numbers.first(where: { $0.count == 4 && Int($0) != nil }).flatMap({ Int($0) }),
                  let day = numbers.first(where: { $0.count <= 2 || Int($0) == nil }).flatMap({ Int($0.filter(\.isNumber)) })
            else { return nil }
            return CalendarDate(year: year, month: month + 1, day: day)
        }
        let n = words.compactMap { Int($0) }
        guard n.count == 3 else { return nil }
        if words[0].count == 4 { return CalendarDate(year: n[0], month: n[1], day: n[2]) }
        let year = words[2].count == 2 ? years.first { $0 % 100 == n[2] } ?? -1 : n[2]
        return CalendarDate(year: year, month: n[1], day: n[0])
    }

    /// The text with runs abstracted: "Y" a 4-digit run, "n" a shorter one, "M" a 3-letter
    /// run, "o" a 2-letter one (ordinal suffix), "L" a longer one; punctuation kept.
    static func shape(of s: String) -> String {
        var out = "", run = "", runIsDigit = false
        func flush() {
            if run.isEmpty { return }
            out += runIsDigit ? (run.count == 4 ? "Y" : "n") : (run.count == 3 ? "M" : run.count == 2 ? "o" : "L")
            run = ""
        }
        for c in s {
            if c.isNumber || c.isLetter {
                if !run.isEmpty && c.isNumber != runIsDigit { flush() }
                runIsDigit = c.isNumber
                run.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out
    }

    static let formatShapes: Set<String> = [
        "n L Y", "n M Y", "L n, Y", "M n, Y", "L no, Y", "n/n/n", "n.n.Y", "n-M-Y", "Y/n/n",
    ]
}
