/// Bresenham's line between two grid points, both ends included: the one line rasteriser
/// every dot canvas uses.
public enum LineRaster {
    @inlinable
    public static func forEachPoint(x0: Int, y0: Int, x1: Int, y1: Int, _ body: (Int, Int) -> Void) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            body(x, y)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// The braille bit of dot (x, y) within its cell: dots 1-2-3 run down the left column and
    /// 4-5-6 down the right, then 7 and 8 across the bottom row; bit k is dot k+1.
    @inlinable
    public static func brailleBit(x: Int, y: Int) -> UInt8 {
        let r = y & 3
        return r < 3 ? UInt8(1) << (r + (x & 1) * 3) : (x & 1 == 0 ? 0x40 : 0x80)
    }
}
