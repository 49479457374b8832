#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Consecutive changed cells in one row: what a backend writes after one cursor move.
public struct BufferRun: Hashable, Sendable {
    /// Column and row of the first changed cell.
    public var x: Int, y: Int
    /// The new cells, left to right (a slice of the new buffer's storage: no copy).
    public var cells: ArraySlice<Cell>

    public init(x: Int, y: Int, cells: ArraySlice<Cell>) {
        self.x = x; self.y = y; self.cells = cells
    }
}

extension Buffer {
    /// The cells that differ from `previous`, as maximal runs of changed cells per row, top to
    /// bottom and left to right. When the sizes differ, every row is one full-width run.
    ///
    /// This runs every frame over the whole screen, so unchanged rows are skipped with one
    /// `memcmp` each (cells are plain words, see `Cell`) and only rows that differ are walked
    /// cell by cell; the only allocation is the returned array.
    public func changes(since previous: Buffer) -> [BufferRun] {
        var runs: [BufferRun] = []
        guard previous.width == width && previous.height == height else {
            for y in 0..<height { runs.append(BufferRun(x: 0, y: y, cells: cells[y * width ..< (y + 1) * width])) }
            return runs
        }
        guard width > 0 && height > 0 else { return runs }
        let rowBytes = width * MemoryLayout<Cell>.stride
        cells.withUnsafeBufferPointer { new in
            previous.cells.withUnsafeBufferPointer { old in
                guard let newBase = new.baseAddress, let oldBase = old.baseAddress else { return }
                // Copy-on-write: a buffer compared with an unmodified copy of itself shares storage.
                if newBase == oldBase { return }
                if memcmp(newBase, oldBase, rowBytes * height) == 0 { return }
                for y in 0..<height {
                    let row = y * width
                    if memcmp(newBase + row, oldBase + row, rowBytes) == 0 { continue }
                    var x = 0
                    while x < width {
                        if new[row + x] == old[row + x] { x += 1; continue }
                        let start = x
                        while x < width && new[row + x] != old[row + x] { x += 1 }
                        runs.append(BufferRun(x: start, y: y, cells: cells[row + start ..< row + x]))
                    }
                }
            }
        }
        return runs
    }
}
