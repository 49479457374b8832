/// Date-format translation: read a date as a person writes it, write it in ISO 8601.
///
/// Reference: the toy "neural machine translation" of human-readable dates popularised by
/// Andrew Ng's sequence-models course and by attention tutorials, because the attention
/// weights it learns are easy to read: each ISO digit attends to the source characters it
/// comes from ("Mar" → "03", "21" → "2021").
///
/// Source: one of the `DateFormat`s, e.g. "3 March 2021", "03/03/21", "Mar 3, 2021", as
/// characters, padded with `<pad>` (id 0) to the longest rendering. Target: "2021-03-03", ten
/// characters then `<eos>`; the decoder input is `<bos>` then the target shifted right.
///
/// Why it is hard: source and target differ in length and order (the year comes last in the
/// source and first in the target); month names must be mapped to numbers; two-digit years
/// need a century; and the day must be found among up to three numbers.
public struct DateTranslation: SequenceTask {
    public static let pad = 0, bos = 1, eos = 2
    /// Every character a source can contain, after `<pad>` (id 0).
    public static let sourceCharacters: [UInt8] = {
        let all = DateFormat.monthNames.joined() + "0123456789 ,./-" + "stndrdth"
        return Array(Set(all.utf8)).sorted()
    }()
    /// Target characters, after `<pad>`, `<bos>`, `<eos>`.
    public static let targetCharacters: [UInt8] = Array("0123456789-".utf8)
    /// ASCII byte → source id (-1 when the byte is not in the vocabulary).
    static let sourceIds: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (i, c) in sourceCharacters.enumerated() { table[Int(c)] = i + 1 }
        return table
    }()
    static let targetIds: [Int] = {
        var table = [Int](repeating: -1, count: 128)
        for (i, c) in targetCharacters.enumerated() { table[Int(c)] = i + 3 }
        return table
    }()

    public let years: ClosedRange<Int>
    public let formats: [DateFormat]
    /// T: the longest source rendering over `years` and `formats`.
    public let steps: Int

    /// `years` may span at most 100 years when `.slashedShortYear` is used, so a two-digit
    /// year names exactly one year.
    public init(years: ClosedRange<Int> = 1950...2049, formats: [DateFormat] = DateFormat.allCases) throws {
        try TaskCheck.count(years.lowerBound, in: 1000...9999, name: "years")
        try TaskCheck.count(years.upperBound, in: 1000...9999, name: "years")
        if formats.isEmpty { throw InputError(place: "formats", "needs at least one date format") }
        if formats.contains(.slashedShortYear) && years.count > 100 {
            throw InputError(place: "years", "two-digit years need a range of at most 100 years, got \(years.count)")
        }
        self.years = years
        self.formats = formats
        var longest = 0
        for format in formats {
            for month in 1...12 {
                var n = 0
                format.render(CalendarDate(year: years.upperBound, month: month, day: 30)) { _ in n += 1 }
                longest = max(longest, n)
            }
        }
        steps = longest
    }

    public var name: String { "dates" }
    public var sourceVocabulary: Int { Self.sourceCharacters.count + 1 }
    public var targetVocabulary: Int { Self.targetCharacters.count + 3 }
    public var kind: TaskKind { .seq2seq(sourceVocabulary: sourceVocabulary, targetVocabulary: targetVocabulary) }
    public var inputSize: Int { sourceVocabulary }
    public var outputSize: Int { targetVocabulary }
    /// Td: ten ISO characters plus `<eos>`.
    public var decoderSteps: Int { 11 }
    public var inputSymbols: [String] {
        ["<pad>"] + Self.sourceCharacters.map { String(UnicodeScalar($0)) }
    }
    public var outputSymbols: [String] {
        ["<pad>", "<bos>", "<eos>"] + Self.targetCharacters.map { String(UnicodeScalar($0)) }
    }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: steps, batch: size, inputSize: sourceVocabulary, inputTokens: true,
                            decoderSteps: decoderSteps, decoderInputSize: targetVocabulary))
        let ids = Self.sourceIds, targetIds = Self.targetIds
        for b in 0..<size {
            let date = CalendarDate.random(in: years, rng: &rng)
            let format = formats[rng.int(formats.count)]
            var t = 0
            format.render(date) { byte in
                batch.setInputToken(ids[Int(byte)], t: t, b: b)
                t += 1
            }
            var d = 0, previous = Self.bos
            DateFormat.iso(date) { byte in
                let id = targetIds[Int(byte)]
                batch.setDecoderStep(t: d, b: b, input: previous, target: id)
                previous = id
                d += 1
            }
            batch.setDecoderStep(t: d, b: b, input: previous, target: Self.eos)
            batch.setLength(t, b: b, decoder: d + 1)
        }
    }

    /// "accuracy" per ISO character and "sequenceAccuracy" (whole date right), teacher-forced.
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        standardMetrics(predictions: predictions, batch: batch)
    }

    /// The text of source ids (padding dropped), for display and tests.
    public func sourceText(_ tokens: some Sequence<Int32>) -> String {
        let chars = Self.sourceCharacters
        return String(decoding: tokens.compactMap { $0 >= 1 && Int($0) <= chars.count ? chars[Int($0) - 1] : nil },
                      as: UTF8.self)
    }

    /// The text of target ids (`<bos>`, `<eos>`, padding and -1 dropped).
    public func targetText(_ tokens: some Sequence<Int32>) -> String {
        let chars = Self.targetCharacters
        return String(decoding: tokens.compactMap { $0 >= 3 && Int($0) - 3 < chars.count ? chars[Int($0) - 3] : nil },
                      as: UTF8.self)
    }
}
