import RealModule

/// Scores for task outputs, accumulated in Double. None of them allocates.
///
/// Layout conventions follow `SequenceBatch`: a prediction tensor has one row per `(t, b)`
/// (`[T, B, X]`, row `t * B + b`), masks are `[T, B]`, id arrays are `[T·B]` with -1 = unscored.
/// When nothing is scored a metric returns 0, so it is always safe to print.
public enum TaskMetrics {
    /// Correct and scored counts: a row is scored when its target id is not -1, and correct
    /// when the argmax of its logits equals the id. `logits` has one row per id.
    public static func tokenCounts<Scalar: BLASReal>(logits: Tensor<Scalar>, targets: [Int32])
        -> (correct: Int, scored: Int)
    {
        let rows = targets.count
        guard rows > 0, logits.count >= rows, logits.count % rows == 0 else { return (0, 0) }
        let width = logits.count / rows
        var correct = 0, scored = 0
        for r in 0..<rows where targets[r] >= 0 {
            scored += 1
            if argmax(logits.data + r * width, count: width) == Int(targets[r]) { correct += 1 }
        }
        return (correct, scored)
    }

    /// Fraction of scored rows whose argmax is the target id (masked token accuracy).
    public static func tokenAccuracy<Scalar: BLASReal>(logits: Tensor<Scalar>, targets: [Int32]) -> Double {
        let c = tokenCounts(logits: logits, targets: targets)
        return c.scored == 0 ? 0 : Double(c.correct) / Double(c.scored)
    }

    /// Fraction of sequences whose every scored step is right. `targets` is `[T·B]` with
    /// `batch` = B; sequences with no scored step are left out.
    public static func sequenceAccuracy<Scalar: BLASReal>(
        logits: Tensor<Scalar>, targets: [Int32], batch: Int
    ) -> Double {
        let rows = targets.count
        guard batch > 0, rows > 0, rows % batch == 0, logits.count % rows == 0 else { return 0 }
        let width = logits.count / rows, steps = rows / batch
        var right = 0, counted = 0
        for b in 0..<batch {
            var scored = false, allRight = true
            for t in 0..<steps {
                let r = t * batch + b
                guard targets[r] >= 0 else { continue }
                scored = true
                if argmax(logits.data + r * width, count: width) != Int(targets[r]) { allRight = false }
            }
            if scored {
                counted += 1
                if allRight { right += 1 }
            }
        }
        return counted == 0 ? 0 : Double(right) / Double(counted)
    }

    /// Mean squared error over the masked rows and every output: `[T, B, O]` against
    /// `[T, B, O]` with a `[T, B]` mask.
    public static func mse<Scalar: BLASReal>(
        predictions: Tensor<Scalar>, targets: Tensor<Scalar>, mask: Tensor<Scalar>
    ) -> Double {
        guard predictions.count == targets.count, mask.count > 0, targets.count % mask.count == 0
        else { return 0 }
        let width = targets.count / mask.count
        var sum = 0.0, n = 0.0
        for r in 0..<mask.count where mask.data[r] != 0 {
            for o in 0..<width {
                let d = Double(predictions.data[r * width + o]) - Double(targets.data[r * width + o])
                sum += d * d
            }
            n += Double(width)
        }
        return n == 0 ? 0 : sum / n
    }

    /// MSE of the best constant guess, the mean of the masked targets: their variance. A model
    /// has learnt something only once its MSE is clearly below this.
    public static func meanBaselineMSE<Scalar: BLASReal>(targets: Tensor<Scalar>, mask: Tensor<Scalar>) -> Double {
        guard mask.count > 0, targets.count % mask.count == 0 else { return 0 }
        let width = targets.count / mask.count
        var total = 0.0
        for o in 0..<width {
            var sum = 0.0, sumSq = 0.0, n = 0.0
            for r in 0..<mask.count where mask.data[r] != 0 {
                let v = Double(targets.data[r * width + o])
                sum += v
                sumSq += v * v
                n += 1
            }
            if n > 0 {
                let mean = sum / n
                total += max(sumSq / n - mean * mean, 0)
            }
        }
        return width == 0 ? 0 : total / Double(width)
    }

    /// Normalised root mean squared error: RMSE divided by the standard deviation of the
    /// masked targets. 1 means "no better than predicting the mean"; 0 is perfect.
    public static func nrmse<Scalar: BLASReal>(
        predictions: Tensor<Scalar>, targets: Tensor<Scalar>, mask: Tensor<Scalar>
    ) -> Double {
        let variance = meanBaselineMSE(targets: targets, mask: mask)
        guard variance > 0 else { return 0 }
        return (mse(predictions: predictions, targets: targets, mask: mask) / variance).squareRoot()
    }

    /// Mean cross-entropy in nats of the scored rows: −log softmax(logits)[target], computed
    /// stably (max subtracted). Divide by ln 2 for bits per character.
    public static func crossEntropy<Scalar: BLASReal>(logits: Tensor<Scalar>, targets: [Int32]) -> Double {
        let rows = targets.count
        guard rows > 0, logits.count >= rows, logits.count % rows == 0 else { return 0 }
        let width = logits.count / rows
        var total = 0.0, scored = 0
        for r in 0..<rows where targets[r] >= 0 && Int(targets[r]) < width {
            let row = logits.data + r * width
            let top = Double(row[argmax(row, count: width)])
            var sum = 0.0
            for v in 0..<width { sum += Double.exp(Double(row[v]) - top) }
            total += top + Double.log(sum) - Double(row[Int(targets[r])])
            scored += 1
        }
        return scored == 0 ? 0 : total / Double(scored)
    }
}
