/// Hands out ncurses colour pairs for (foreground, background) colour numbers on demand.
///
/// Terminals have a fixed number of pairs (COLOR_PAIRS: 64 on an 8-colour terminal, tens of
/// thousands on a 256-colour one). Redefining a pair repaints every cell on screen that uses
/// it, so the cache counts how many screen cells use each pair and only ever redefines one no
/// cell uses, the least recently used. When every pair is on screen, it answers with the
/// existing pair whose colours are nearest: a wrong shade, never a crash.
/// Pure bookkeeping: defining a pair is the caller's `define` closure, so tests need no terminal.
struct ColorPairCache {
    /// Pair numbers 1..<capacity are managed; pair 0 is always default on default.
    let capacity: Int
    private let palette: Palette
    private var pairFor: [Int64: Int32] = [:]
    private var foreground: [Int32], background: [Int32]
    private var users: [Int32]
    private var lastUsed: [UInt64]
    private var defined = 1
    private var clock: UInt64 = 0

    init(capacity: Int, palette: Palette) {
        self.capacity = max(1, capacity)
        self.palette = palette
        foreground = Array(repeating: -1, count: self.capacity)
        background = Array(repeating: -1, count: self.capacity)
        users = Array(repeating: 0, count: self.capacity)
        lastUsed = Array(repeating: 0, count: self.capacity)
    }

    /// The pair for these colour numbers (-1 is the terminal default), defining one with
    /// `define(pair, foreground, background)` if needed.
    mutating func pair(foreground fg: Int32, background bg: Int32, define: (Int32, Int32, Int32) -> Void) -> Int32 {
        if fg == -1 && bg == -1 { return 0 }
        clock &+= 1
        let key = Int64(fg) << 32 | Int64(UInt32(bitPattern: bg))
        if let p = pairFor[key] { lastUsed[Int(p)] = clock; return p }
        let p: Int32
        if defined < capacity {
            p = Int32(defined); defined += 1
        } else if let free = leastRecentlyUsedUnusedPair() {
            p = free
            pairFor[Int64(foreground[Int(p)]) << 32 | Int64(UInt32(bitPattern: background[Int(p)]))] = nil
        } else {
            return nearestPair(foreground: fg, background: bg)
        }
        foreground[Int(p)] = fg; background[Int(p)] = bg; lastUsed[Int(p)] = clock
        pairFor[key] = p
        define(p, fg, bg)
        return p
    }

    /// A screen cell now shows `pair`.
    mutating func retain(_ pair: Int32) { if pair > 0 && Int(pair) < capacity { users[Int(pair)] += 1 } }

    /// A screen cell no longer shows `pair`.
    mutating func release(_ pair: Int32) {
        if pair > 0 && Int(pair) < capacity && users[Int(pair)] > 0 { users[Int(pair)] -= 1 }
    }

    /// The screen is being repainted from scratch: no cell shows any pair any more.
    mutating func releaseAll() { for i in users.indices { users[i] = 0 } }

    /// How many screen cells show `pair` (for tests).
    func userCount(_ pair: Int32) -> Int { pair > 0 && Int(pair) < capacity ? Int(users[Int(pair)]) : 0 }

    /// The colours `pair` was defined with.
    func colors(of pair: Int32) -> (foreground: Int32, background: Int32) {
        pair > 0 && Int(pair) < capacity ? (foreground[Int(pair)], background[Int(pair)]) : (-1, -1)
    }

    private func leastRecentlyUsedUnusedPair() -> Int32? {
        var best: Int32?, bestTime = UInt64.max
        for p in 1..<defined where users[p] == 0 && lastUsed[p] < bestTime {
            best = Int32(p); bestTime = lastUsed[p]
        }
        return best
    }

    private func nearestPair(foreground fg: Int32, background bg: Int32) -> Int32 {
        var best: Int32 = 0
        var bestDistance = distance(fg, -1) + distance(bg, -1)
        for p in 1..<defined {
            let d = distance(fg, foreground[p]) + distance(bg, background[p])
            if d < bestDistance { best = Int32(p); bestDistance = d }
        }
        return best
    }

    /// How far apart two colour numbers look (squared RGB distance); the terminal default
    /// counts as its own colour, far from every other.
    private func distance(_ a: Int32, _ b: Int32) -> Int {
        if a == b { return 0 }
        guard let ca = palette.rgb(ofNumber: a), let cb = palette.rgb(ofNumber: b) else { return 1 << 20 }
        let dr = ca.0 - cb.0, dg = ca.1 - cb.1, db = ca.2 - cb.2
        return dr * dr + dg * dg + db * db
    }
}
