import RNNCore
import Foundation

/// decoding: the same trained decoder gives different outputs depending on how it is asked.
/// Greedy decoding takes the most likely token at each step; beam search keeps the `width`
/// best prefixes and so finds outputs the model itself rates more probable; sampling draws
/// from softmax(logits / temperature), and the hotter it is, the more varied the outputs.
///
/// Trains a `Seq2SeqSession` on the recipe (date translation with attention) for `steps`
/// steps, deliberately short of perfect (≈ 95% of tokens right) so the model is still unsure
/// of some outputs: fully trained, greedy and beam agree on nearly every date. Then,
/// for the first `sources` sources of the held-out batch:
/// - greedy and beam search (width 5, no length penalty) each give one output and its
///   log-probability under the model; the claim compares their means and counts the sources
///   where beam search found a strictly more probable output;
/// - `samplesPerSource` samples at each temperature; the entropy of a source's samples is
///   that of their empirical distribution over whole outputs (ln of the number of samples
///   when all differ, 0 when all agree), averaged over sources.
public enum DecodingClaim: ScenarioClaim {
    public static let scenarioID = "decoding"
    public static let text = "On a date translator trained for 150 steps, beam search (width 5) finds an output at least as probable as greedy decoding's for each of 64 held-out dates, and more probable on average; the entropy of 20 samples per date rises with the temperature (0.25, 0.5, 1, 1.5)."

    public static let steps = 150
    public static let sources = 64
    public static let beamWidth = 5
    public static let temperatures = [0.25, 0.5, 1.0, 1.5]
    public static let samplesPerSource = 20

    /// The configuration the scenario's front matter should hold.
    public static var scenarioDefaults: TrainingRecipe {
        var r = TrainingRecipe()
        r.task = "dates"; r.cell = .gru; r.hidden = 64; r.attention = "additive"
        r.teacherForcing = 1; r.optimizer = "adam"; r.lr = 3e-3; r.clip = 5; r.batch = 32; r.seed = 0
        return r
    }

    public static func measure(_ recipe: TrainingRecipe, log: (String) -> Void) throws -> ClaimResult {
        var r = recipe
        r.task = "dates"
        let session = try Seq2SeqSession<Float>(r)
        for _ in 0..<steps { session.step(probe: false) }
        let metrics = session.evaluate()
        var m: [String: Double] = [:]
        m["greedyAccuracy"] = metrics["greedyAccuracy"] ?? 0
        log("after \(steps) steps: held-out greedy token accuracy \(m["greedyAccuracy"]!)")

        let model = session.model, batch = session.heldOutBatch
        let options = DecodingOptions(startToken: Int32(DateTranslation.bos), endToken: Int32(DateTranslation.eos),
                                      maxLength: batch.decoderSteps + 4)
        let rows = min(sources, batch.batch)
        var greedyTotal = 0.0, beamTotal = 0.0, beamBetter = 0, beamWorse = 0
        var entropies = [Double](repeating: 0, count: temperatures.count)
        var rng = SeededRandom(seed: r.seed &+ 0xDEC0DE)
        for b in 0..<rows {
            let source = sourceTokens(batch, row: b)
            let greedy = try StepDecoding.greedy(model, source: source, options: options)
            let beam = try StepDecoding.beamSearch(model, source: source, width: beamWidth, options: options)
            let best = beam.first?.logProbability ?? -.infinity
            greedyTotal += greedy.logProbability
            beamTotal += best
            if best > greedy.logProbability + 1e-9 { beamBetter += 1 }
            if best < greedy.logProbability - 1e-9 { beamWorse += 1 }
            if b == 0 {
                log("source 0: greedy \(greedy.tokens) log p \(greedy.logProbability); beam \(beam.first?.tokens ?? []) log p \(best)")
            }
            for (k, temperature) in temperatures.enumerated() {
                var counts: [[Int32]: Int] = [:]
                for _ in 0..<samplesPerSource {
                    let s = try StepDecoding.sample(model, source: source, temperature: temperature, rng: &rng, options: options)
                    counts[s.tokens + (s.finished ? [options.endToken!] : []), default: 0] += 1
                }
                entropies[k] += empiricalEntropy(Array(counts.values))
            }
        }
        m["greedyLogProbability"] = greedyTotal / Double(rows)
        m["beamLogProbability"] = beamTotal / Double(rows)
        m["beamBetterFraction"] = Double(beamBetter) / Double(rows)
        m["beamWorseFraction"] = Double(beamWorse) / Double(rows)
        log("mean log-probability: greedy \(m["greedyLogProbability"]!), beam (width \(beamWidth)) \(m["beamLogProbability"]!); beam strictly better on \(beamBetter) of \(rows) sources, worse on \(beamWorse)")
        for (k, temperature) in temperatures.enumerated() {
            entropies[k] /= Double(rows)
            m["sampleEntropy@\(temperature)"] = entropies[k]
        }
        log("entropy of \(samplesPerSource) samples (nats, mean over sources) at temperatures \(temperatures): \(entropies)")
        let rising = zip(entropies, entropies.dropFirst()).allSatisfy { $0 < $1 }
        let holds = m["beamLogProbability"]! > m["greedyLogProbability"]! && beamWorse == 0 && rising
        return ClaimResult(text: text, holds: holds, measured: m)
    }

    /// The real source tokens of held-out row `b` (padding left out).
    static func sourceTokens(_ batch: SequenceBatch<Float>, row b: Int) -> [Int32] {
        guard let ids = batch.inputTokens else { return [] }
        return (0..<batch.lengths[b]).map { ids[batch.index(t: $0, b: b)] }
    }

    /// −Σ p ln p of the empirical distribution with these counts.
    static func empiricalEntropy(_ counts: [Int]) -> Double {
        let n = Double(counts.reduce(0, +))
        guard n > 0 else { return 0 }
        return -counts.reduce(0.0) { h, c in
            let p = Double(c) / n
            return p > 0 ? h + p * Foundation.log(p) : h
        }
    }
}
