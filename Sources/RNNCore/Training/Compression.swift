// Model compression, to show what a trained RNN loses when it is made smaller: int8 weights
// and magnitude pruning. Both run between training steps (they allocate), not inside one.

/// Whether int8 quantisation uses one scale for the whole tensor or one per row.
public enum QuantizationGranularity: String, Sendable, CaseIterable {
    case perTensor
    /// One scale per output row: a row of small weights keeps its resolution.
    case perRow
}

/// A tensor stored as symmetric int8: x ≈ q · scale, q ∈ [−127, 127].
///
/// scale = max|x| / 127 over the tensor (or row), so the largest entry maps to ±127 and zero
/// stays exactly zero. Rounding to the nearest step bounds the error of every entry by scale/2.
public struct QuantizedTensor: Sendable, Equatable {
    public var shape: [Int]
    public var granularity: QuantizationGranularity
    /// Row-major, one byte per entry.
    public var values: [Int8]
    /// One Float32 scale, or one per row.
    public var scales: [Float]

    /// Quantises `t`. A 1-D tensor is one row, so both granularities agree on it.
    public init<Scalar: BLASReal>(_ t: Tensor<Scalar>, granularity: QuantizationGranularity = .perTensor) {
        shape = t.shape
        self.granularity = granularity
        let rows = granularity == .perRow && t.shape.count == 2 ? t.shape[0] : 1
        let width = rows > 0 ? t.count / rows : 0
        values = [Int8](repeating: 0, count: t.count)
        scales = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            let x = t.data + r * width
            var maxAbs = 0.0
            for j in 0..<width { maxAbs = max(maxAbs, abs(Double(x[j]))) }
            // The stored Float scale is the one used to round, so dequantising reproduces it.
            let scale = Float(maxAbs / 127)
            scales[r] = scale
            if scale == 0 { continue }   // all zeros: q = 0 is exact
            let s = Double(scale)
            for j in 0..<width {
                let q = (Double(x[j]) / s).rounded(.toNearestOrAwayFromZero)
                // A diverged model can hold NaN or ∞; store 0 there rather than trap.
                values[r * width + j] = q.isNaN ? 0 : Int8(min(max(q, -127), 127))
            }
        }
    }

    /// Bytes of the int8 values plus the Float32 scales.
    public var bytes: Int { values.count + scales.count * MemoryLayout<Float>.size }

    /// The scale that applies to entry `i`.
    @inline(__always)
    public func scale(ofEntry i: Int) -> Float {
        scales.count == 1 ? scales[0] : scales[i / max(values.count / scales.count, 1)]
    }

    /// Writes q · scale into `t`, which must have the quantised tensor's element count.
    public func dequantize<Scalar: BLASReal>(into t: Tensor<Scalar>) {
        precondition(t.count == values.count, "dequantize: \(values.count) values into \(t.shape)")
        for i in 0..<values.count { t[i] = Scalar(values[i]) * Scalar(scale(ofEntry: i)) }
    }
}

/// What quantising one parameter did.
public struct QuantizationReport: Sendable, Equatable {
    public var name: String
    /// Bytes at the tensor's own precision (4 per entry for Float) and as int8 plus scales.
    public var bytesBefore: Int
    public var bytesAfter: Int
    /// max |x − dequantize(quantize(x))|, never more than half the largest scale.
    public var maxAbsError: Double
    public var maxScale: Double
    public var compressionRatio: Double { bytesAfter > 0 ? Double(bytesBefore) / Double(bytesAfter) : 1 }
}

/// Replaces each parameter's values by their int8 round trip ("fake quantisation"), so the
/// model keeps running in floating point while showing exactly what int8 storage would cost.
@discardableResult
public func quantizeInPlace<Scalar: BLASReal>(_ params: [Parameter<Scalar>],
                                              granularity: QuantizationGranularity = .perTensor) -> [QuantizationReport] {
    params.map { p in
        let q = QuantizedTensor(p.value, granularity: granularity)
        let original = p.value.clone()
        q.dequantize(into: p.value)
        var maxError = 0.0
        for i in 0..<p.count { maxError = max(maxError, abs(Double(original[i]) - Double(p.value[i]))) }
        return QuantizationReport(
            name: p.name, bytesBefore: p.count * MemoryLayout<Scalar>.size, bytesAfter: q.bytes,
            maxAbsError: maxError, maxScale: Double(q.scales.max() ?? 0))
    }
}

// MARK: - Magnitude pruning

/// Whether pruning ranks weights across all given tensors or within each one.
public enum PruningScope: String, Sendable, CaseIterable {
    /// One threshold for everything: tensors with many small weights lose more.
    case global
    /// Every tensor reaches the target sparsity on its own.
    case perTensor
}

/// What pruning did.
public struct PruningReport: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var sparsity: Double
    }
    public var targetSparsity: Double
    /// Fraction of all entries now masked out.
    public var actualSparsity: Double
    public var prunedCount: Int
    public var totalCount: Int
    public var perTensor: [Entry]
}

/// Masks out the smallest-magnitude weights until `sparsity` of them are zero.
///
/// Exactly round(sparsity · n) entries are pruned per scope, ties broken by position, so the
/// reported sparsity is the target up to that rounding. Each parameter's `mask` is set (created
/// when missing) and its masked values and gradients are zeroed; optimizers then keep them at
/// zero. Masks are recomputed from magnitudes each call; entries pruned before are zero, so they
/// rank first and stay pruned while the target does not drop.
@discardableResult
public func magnitudePrune<Scalar: BLASReal>(_ params: [Parameter<Scalar>], sparsity: Double,
                                             scope: PruningScope = .global) throws -> PruningReport {
    try requireSetting(sparsity >= 0 && sparsity <= 1, "pruning", "sparsity", sparsity, "in [0, 1]")
    for p in params {
        let m = p.mask ?? Tensor<Scalar>(shape: p.shape)
        m.fill(1)
        p.mask = m
    }
    switch scope {
    case .global:
        var entries: [(magnitude: Double, parameter: Int, index: Int)] = []
        for (k, p) in params.enumerated() {
            for i in 0..<p.count { entries.append((abs(Double(p.value[i])), k, i)) }
        }
        pruneSmallest(&entries, fraction: sparsity) { params[$0].mask?[$1] = 0 }
    case .perTensor:
        for (k, p) in params.enumerated() {
            var entries = (0..<p.count).map { (magnitude: abs(Double(p.value[$0])), parameter: k, index: $0) }
            pruneSmallest(&entries, fraction: sparsity) { params[$0].mask?[$1] = 0 }
        }
    }
    var pruned = 0, total = 0
    var perTensor: [PruningReport.Entry] = []
    for p in params {
        p.applyMask()
        var zeros = 0
        if let m = p.mask { for i in 0..<p.count where m[i] == 0 { zeros += 1 } }
        pruned += zeros
        total += p.count
        perTensor.append(.init(name: p.name, sparsity: p.count > 0 ? Double(zeros) / Double(p.count) : 0))
    }
    return PruningReport(targetSparsity: sparsity, actualSparsity: total > 0 ? Double(pruned) / Double(total) : 0,
                         prunedCount: pruned, totalCount: total, perTensor: perTensor)
}

/// Sorts by (magnitude, parameter, index) and calls `prune` for the first round(fraction · n).
private func pruneSmallest(_ entries: inout [(magnitude: Double, parameter: Int, index: Int)], fraction: Double,
                           prune: (Int, Int) -> Void) {
    entries.sort { ($0.magnitude, $0.parameter, $0.index) < ($1.magnitude, $1.parameter, $1.index) }
    let k = Int((fraction * Double(entries.count)).rounded())
    for e in entries.prefix(k) { prune(e.parameter, e.index) }
}
