/// Normalised root-mean-square error: RMSE divided by the target's standard deviation.
///
/// For O outputs the errors and the deviations (each from its own column's mean) are pooled:
/// sqrt(Σ (ŷ − y)² / Σ (y − ȳ_col)²). 0 is perfect; 1 is no better than predicting the mean.
///
/// - Parameters: prediction, target: [T, O], the same shape.
/// - Throws: `InputError` when the shapes differ, the sequence is empty, or the target is
///   constant (its standard deviation is 0, so nothing can be normalised by it).
public func normalizedRMSE<Scalar: BLASReal>(prediction: Tensor<Scalar>, target: Tensor<Scalar>) throws -> Double {
    guard prediction.shape == target.shape, target.shape.count == 2, target.shape[0] > 0 else {
        throw InputError(place: "nrmse", "prediction \(prediction.shape) and target \(target.shape) must both be [T, O], T ≥ 1")
    }
    let steps = target.shape[0], width = target.shape[1]
    var squaredError = 0.0, squaredDeviation = 0.0
    for k in 0..<width {
        var mean = 0.0
        for t in 0..<steps { mean += Double(target[t * width + k]) }
        mean /= Double(steps)
        for t in 0..<steps {
            let y = Double(target[t * width + k])
            let e = Double(prediction[t * width + k]) - y
            squaredError += e * e
            squaredDeviation += (y - mean) * (y - mean)
        }
    }
    guard squaredDeviation > 0 else {
        throw InputError(place: "nrmse", "the target is constant, so its standard deviation is 0")
    }
    return (squaredError / squaredDeviation).squareRoot()
}
