#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Next-character prediction on a text corpus, the char-rnn task.
///
/// Reference: Karpathy, "The Unreasonable Effectiveness of Recurrent Neural Networks" (2015)
/// and his min-char-rnn; earlier, Sutskever, Martens & Hinton, "Generating Text with Recurrent
/// Neural Networks" (2011).
///
/// The vocabulary is the set of Unicode scalars in the text, sorted by code point, so ids do
/// not depend on where characters first appear. Each batch row is a random window of T + 1
/// scalars: the first T are the inputs, the last T the targets (the input shifted by one), and
/// every step is scored.
///
/// Why it is hard: spelling needs a few characters of memory, words and punctuation need tens,
/// and line or verse structure needs hundreds — longer than truncated BPTT usually reaches.
/// A unigram model scores about 4.5 bits per character on English; a good small LSTM below 2.
public struct CharacterText: SequenceTask {
    /// Largest accepted vocabulary: inputs are one-hot, so V multiplies the batch size.
    public static let maxVocabulary = 1024
    /// Largest accepted corpus file.
    public static let maxFileBytes = 64 * 1024 * 1024

    public let name: String
    public let length: Int
    /// The vocabulary, by id.
    public let characters: [Unicode.Scalar]
    /// The whole text as ids.
    public let corpus: [Int32]
    private let ids: [Unicode.Scalar: Int32]

    /// Loads a UTF-8 text file. Throws `InputError` naming the file when it cannot be read, is
    /// empty, is not UTF-8, is shorter than `length + 1` characters or has too many distinct
    /// characters.
    public init(contentsOfFile path: String, length: Int = 100) throws {
        try TaskCheck.length(length, minimum: 1, name: "length")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw InputError(file: path, "no such file, or it cannot be read")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw InputError(file: path, "is a directory, not a text file")
        }
        let size = (attributes[.size] as? Int) ?? 0
        if size > Self.maxFileBytes {
            throw InputError(file: path, "is \(size) bytes; the cap for a corpus is \(Self.maxFileBytes)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InputError(file: path, "cannot be read")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        do {
            try self.init(scalars: Self.decodeUTF8(data), name: name, length: length)
        } catch var error as InputError {
            error.file = path
            throw error
        }
    }

    /// Uses `text` as the corpus (it is already valid Unicode).
    public init(text: String, name: String = "text", length: Int = 100) throws {
        try self.init(scalars: Array(text.unicodeScalars), name: name, length: length)
    }

    private init(scalars: [Unicode.Scalar], name: String, length: Int) throws {
        try TaskCheck.length(length, minimum: 1, name: "length")
        var text = scalars[...]
        if text.first == "\u{FEFF}" { text = text.dropFirst() }   // a byte-order mark is not text
        if text.isEmpty { throw InputError("is empty") }
        if text.count < length + 1 {
            throw InputError("has \(text.count) characters, fewer than sequence length + 1 (\(length + 1))")
        }
        let vocabulary = Set(text).sorted { $0.value < $1.value }
        if vocabulary.count > Self.maxVocabulary {
            throw InputError("has \(vocabulary.count) distinct characters; the cap is \(Self.maxVocabulary)")
        }
        var ids: [Unicode.Scalar: Int32] = [:]
        for (i, c) in vocabulary.enumerated() { ids[c] = Int32(i) }
        self.name = name
        self.length = length
        characters = vocabulary
        corpus = text.map { ids[$0] ?? 0 }
        self.ids = ids
    }

    /// The scalars of `data`, or an `InputError` at the first byte that is not UTF-8.
    static func decodeUTF8(_ data: Data) throws -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(data.count)
        var bytes = data.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let s): scalars.append(s)
            case .emptyInput: break loop
            case .error:
                throw InputError(place: "character \(scalars.count + 1)", "is not valid UTF-8 text")
            }
        }
        return scalars
    }

    public var vocabulary: Int { characters.count }
    public var kind: TaskKind { .classification(classes: vocabulary) }
    public var inputSize: Int { vocabulary }
    public var outputSize: Int { vocabulary }
    public var steps: Int { length }
    public var inputSymbols: [String] { characters.map { String(Character($0)) } }
    public var outputSymbols: [String] { inputSymbols }

    /// The id of a character, nil when it is not in the corpus.
    public func id(of character: Unicode.Scalar) -> Int32? { ids[character] }

    /// Ids of `text`; characters not in the vocabulary are skipped.
    public func encode(_ text: String) -> [Int32] { text.unicodeScalars.compactMap { ids[$0] } }

    /// Text of `tokens`; ids outside the vocabulary (padding, -1) are skipped.
    public func decode(_ tokens: some Sequence<Int32>) -> String {
        var s = String.UnicodeScalarView()
        for t in tokens where t >= 0 && Int(t) < characters.count { s.append(characters[Int(t)]) }
        return String(s)
    }

    public func fill<Scalar: BLASReal>(_ batch: SequenceBatch<Scalar>, size: Int, rng: inout SeededRandom) {
        precondition(size > 0, "batch size must be positive")
        batch.prepare(.init(steps: length, batch: size, inputSize: vocabulary, inputTokens: true,
                            targetTokens: true))
        let starts = corpus.count - length
        for b in 0..<size {
            let s = rng.int(starts)
            for t in 0..<length {
                batch.setInputToken(Int(corpus[s + t]), t: t, b: b)
                batch.setTargetToken(Int(corpus[s + t + 1]), t: t, b: b)
            }
        }
    }

    /// "accuracy" (next character right), "crossEntropy" in nats, "bitsPerChar".
    public func metrics<Scalar: BLASReal>(predictions: Tensor<Scalar>, batch: SequenceBatch<Scalar>)
        -> [String: Double]
    {
        var m = standardMetrics(predictions: predictions, batch: batch)
        guard let targets = batch.targetTokens else { return m }
        let nats = TaskMetrics.crossEntropy(logits: predictions, targets: targets)
        m["crossEntropy"] = nats
        m["bitsPerChar"] = nats / 0.693_147_180_559_945_3
        return m
    }
}
