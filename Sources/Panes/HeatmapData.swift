/// A (row, column) position in a matrix: a heatmap's cursor or scroll origin.
public struct MatrixIndex: Hashable, Sendable {
    public var row: Int
    public var column: Int

    public init(row: Int = 0, column: Int = 0) {
        self.row = row; self.column = column
    }

    /// This index kept inside a `rows` × `columns` matrix (0,0 when it is empty).
    public func clamped(rows: Int, columns: Int) -> MatrixIndex {
        MatrixIndex(row: min(max(0, row), max(0, rows - 1)), column: min(max(0, column), max(0, columns - 1)))
    }
}

/// A rows × columns view of nested Float arrays, without copying them.
///
/// Probe traces are time-major (`[T][units]`) but heatmaps show units down and time across,
/// so the view can read its storage transposed. Ragged storage has holes where a row is short:
/// `value` reads them as NaN, and heatmaps leave them blank rather than mark them as NaN.
public struct HeatmapData: Sendable {
    public let storage: [[Float]]
    /// True when `storage` is indexed `[column][row]`.
    public let transposed: Bool
    public let rows: Int
    public let columns: Int

    /// `storage[row][column]`.
    public init(rows storage: [[Float]]) {
        self.storage = storage; transposed = false
        rows = storage.count
        columns = storage.reduce(0) { max($0, $1.count) }
    }

    /// `storage[column][row]`, e.g. a `[T][units]` trace shown as units × time. `columnLimit`
    /// cuts trailing columns (padding past a sequence's length).
    public init(columns storage: [[Float]], columnLimit: Int? = nil) {
        self.storage = storage; transposed = true
        columns = min(storage.count, max(0, columnLimit ?? storage.count))
        rows = storage.prefix(columns).reduce(0) { max($0, $1.count) }
    }

    public var isEmpty: Bool { rows == 0 || columns == 0 }

    @inline(__always)
    public func value(_ row: Int, _ column: Int) -> Float {
        let (outer, inner) = transposed ? (column, row) : (row, column)
        guard outer >= 0, outer < storage.count, inner >= 0 else { return .nan }
        let line = storage[outer]
        return inner < line.count ? line[inner] : .nan
    }

    /// Whether (row, column) holds a value (false in the holes of ragged storage).
    @inline(__always)
    public func contains(_ row: Int, _ column: Int) -> Bool {
        let (outer, inner) = transposed ? (column, row) : (row, column)
        return outer >= 0 && outer < storage.count && inner >= 0 && inner < storage[outer].count
    }

    /// The value that stands for the block `rows × columns` starting at (`row`, `column`) when
    /// a matrix is shrunk to fit. Diverging scales keep the entry of largest magnitude with its
    /// sign, others the largest: a block's mean would hide exactly the saturated units and
    /// exploding steps a learner is looking for. Any NaN/Inf in the block wins, so it stays marked.
    @inline(__always)
    /// Nil when the block holds no value at all.
    func block(row: Int, column: Int, rows h: Int, columns w: Int, signed: Bool) -> Float? {
        if h == 1 && w == 1 { return contains(row, column) ? value(row, column) : nil }
        var best: Float? = nil
        for r in row..<min(row + h, rows) {
            for c in column..<min(column + w, columns) where contains(r, c) {
                let v = value(r, c)
                if !v.isFinite { return v }
                if let b = best, signed ? abs(v) <= abs(b) : v <= b { continue }
                best = v
            }
        }
        return best
    }
}
