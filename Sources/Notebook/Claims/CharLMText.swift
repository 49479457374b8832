import Foundation
import RNNCore

/// Measuring a character language model: held-out cross-entropy, the unigram baseline,
/// sampling, and how word-like a sample is.
enum CharLMText {
    /// Mean cross-entropy (nats per character) of predicting `tokens[i + 1]` from `tokens[...i]`,
    /// read in consecutive windows of `length`, each from a zero state, batched.
    static func crossEntropy(_ model: SequenceModel<Float>, tokens: [Int32], length T: Int) -> Double {
        let windows = (tokens.count - 1) / T
        guard windows > 0 else { return .nan }
        let wasTraining = model.stack.training
        model.stack.training = false
        defer { model.stack.training = wasTraining }
        var total = 0.0, counted = 0.0
        let chunk = 64
        var start = 0
        while start < windows {
            let B = min(chunk, windows - start)
            var x = [Int32](repeating: 0, count: T * B), y = x
            for b in 0..<B {
                let offset = (start + b) * T
                for t in 0..<T { x[t * B + b] = tokens[offset + t]; y[t * B + b] = tokens[offset + t + 1] }
            }
            let result = x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    model.forward(tokens: xs.baseAddress!, steps: T, batch: B, targets: .classes(ys.baseAddress!))
                }
            }
            total += result.loss * result.weight
            counted += result.weight
            start += B
        }
        return total / counted
    }

    /// Cross-entropy (nats per character) of `heldOut` under add-one smoothed character
    /// frequencies of `train`.
    static func unigramCrossEntropy(train: [Int32], heldOut: [Int32], vocabulary V: Int) -> Double {
        var counts = [Double](repeating: 1, count: V)
        for c in train { counts[Int(c)] += 1 }
        let total = counts.reduce(0, +)
        return -heldOut.reduce(0.0) { $0 + log(counts[Int($1)] / total) } / Double(heldOut.count)
    }

    /// `count` characters drawn one at a time from softmax(logits / temperature), starting
    /// from a zero state fed `prompt`.
    static func sample(_ model: SequenceModel<Float>, text: CharacterText, prompt: Int32, count: Int,
                       temperature: Double, rng: inout SeededRandom) throws -> String {
        let stepper = try SequenceModelStepper(model: model, batch: 1)
        stepper.reset()
        let V = text.vocabulary
        var token = prompt, out: [Int32] = []
        var weights = [Double](repeating: 0, count: V)
        for _ in 0..<count {
            let logits = stepper.step(tokens: [token])
            var top = -Double.infinity
            for v in 0..<V { top = max(top, Double(logits[v]) / temperature) }
            var total = 0.0
            for v in 0..<V { weights[v] = exp(Double(logits[v]) / temperature - top); total += weights[v] }
            var u = rng.uniform() * total
            var next = V - 1
            for v in 0..<V { u -= weights[v]; if u < 0 { next = v; break } }
            token = Int32(next)
            out.append(token)
        }
        return text.decode(out)
    }

    /// Lower-cased runs of letters.
    static func wordList(_ s: String) -> [String] {
        s.lowercased().split { !$0.isLetter }.map(String.init)
    }

    static func words(_ s: String) -> Set<String> { Set(wordList(s)) }

    /// Fraction of the sample's words (letter runs; the first and last left out, since they
    /// may be cut) that occur in `known`.
    static func realWordFraction(_ sample: String, known: Set<String>) -> Double {
        let list = wordList(sample)
        guard list.count > 2 else { return 0 }
        let inner = list.dropFirst().dropLast()
        return Double(inner.filter { known.contains($0) }.count) / Double(inner.count)
    }
}

/// Looking for units that track something a reader can name, as in the neuron-text pane.
enum CharLMNeurons {
    static let featureNames = ["linePosition", "wordPosition", "space", "wordEndsNext"]

    /// Each feature's value at every character of `text`: characters since the last newline,
    /// characters since the last non-letter, 1 at spaces, and 1 at the last letter of a word
    /// (a letter followed by a non-letter), which only a model of words can anticipate.
    static func features(_ s: [Unicode.Scalar]) -> [[Double]] {
        var line = [Double](), word = [Double](), space = [Double]()
        var sinceNewline = 0.0, sinceBreak = 0.0
        for c in s {
            sinceNewline = c == "\n" ? 0 : sinceNewline + 1
            sinceBreak = Character(c).isLetter ? sinceBreak + 1 : 0
            line.append(sinceNewline); word.append(sinceBreak); space.append(c == " " ? 1 : 0)
        }
        let ends = s.indices.map { i -> Double in
            Character(s[i]).isLetter && i + 1 < s.count && !Character(s[i + 1]).isLetter ? 1 : 0
        }
        return [line, word, space, ends]
    }

    /// For each feature: the top-layer unit whose activation (after reading each character)
    /// correlates best with it, and |r|.
    static func best(_ model: SequenceModel<Float>, text: CharacterText, tokens: [Int32]) -> [(unit: Int, r: Double)] {
        let N = tokens.count
        guard N > 2, let top = model.stack.layers.last?.first else { return featureNames.map { _ in (0, 0) } }
        let targets = [Int32](repeating: -1, count: N)
        let wasTraining = model.stack.training
        model.stack.training = false
        defer { model.stack.training = wasTraining }
        _ = tokens.withUnsafeBufferPointer { x in
            targets.withUnsafeBufferPointer { y in
                model.forward(tokens: x.baseAddress!, steps: N, batch: 1, targets: .classes(y.baseAddress!))
            }
        }
        let S = top.cell.stateSize
        let scalars = Array(text.decode(tokens).unicodeScalars)
        let feats = features(scalars)
        return feats.map { f in
            var bestUnit = 0, bestR = 0.0
            for u in 0..<S {
                let a = (0..<N).map { Double(top.states[($0 + 1) * S + u]) }
                let r = abs(pearson(a, f))
                if r > bestR { bestR = r; bestUnit = u }
            }
            return (bestUnit, bestR)
        }
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(min(x.count, y.count))
        guard n > 1 else { return 0 }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<Int(n) {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
    }
}
