/// A declarative split of a rectangle into a row or column of pieces, in the spirit of
/// ratatui's `Layout`: `Layout.vertical([.length(1), .fill(1), .length(1)]).split(area)`.
///
/// The pieces always tile the rectangle exactly: their sizes plus the gaps add up to the
/// rectangle's extent, none is negative, and the same input always gives the same output.
///
/// How sizes are decided:
/// 1. Spacing comes first; if the gaps alone do not fit, they shrink evenly.
/// 2. Every constraint asks for a base size: `.length(n)` n, `.percentage(p)` p% of the space
///    left after spacing (rounded down), `.min(n)` n, `.fill` nothing.
/// 3. Too little space: percentages give way first, then lengths, then minimums; within each
///    kind the cut is proportional to the sizes asked for.
/// 4. Space left over goes to the `.fill`s by weight; with no fill, to the `.min`s equally; with
///    neither, to the last piece (so the pieces still cover the whole rectangle).
/// Integer rounding uses largest remainders, ties going to the earlier piece.
public struct Layout: Hashable, Sendable {
    /// What one piece asks for, along the layout's direction.
    public enum Constraint: Hashable, Sendable {
        /// Exactly `n` cells when they fit.
        case length(Int)
        /// `p` percent (0–100) of the space after spacing, rounded down.
        case percentage(Int)
        /// At least `n` cells (when they fit); grows when there is room and no fill.
        case min(Int)
        /// A share of the leftover space proportional to `weight`.
        case fill(Int)
    }

    /// Vertical stacks pieces top to bottom; horizontal places them left to right.
    public enum Direction: Hashable, Sendable { case vertical, horizontal }

    public var direction: Direction
    public var constraints: [Constraint]
    /// Empty cells between neighbouring pieces.
    public var spacing: Int

    public init(direction: Direction, constraints: [Constraint], spacing: Int = 0) {
        self.direction = direction; self.constraints = constraints; self.spacing = spacing
    }

    /// Pieces stacked top to bottom, each the full width.
    public static func vertical(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(direction: .vertical, constraints: constraints, spacing: spacing)
    }

    /// Pieces side by side left to right, each the full height.
    public static func horizontal(_ constraints: [Constraint], spacing: Int = 0) -> Layout {
        Layout(direction: .horizontal, constraints: constraints, spacing: spacing)
    }

    /// One rectangle per constraint, in order.
    public func split(_ rect: Rect) -> [Rect] {
        let vertical = direction == .vertical
        let (sizes, gap) = Self.sizes(constraints, total: vertical ? rect.height : rect.width, spacing: spacing)
        var rects: [Rect] = []
        rects.reserveCapacity(sizes.count)
        var position = vertical ? rect.y : rect.x
        for size in sizes {
            rects.append(vertical
                ? Rect(x: rect.x, y: position, width: rect.width, height: size)
                : Rect(x: position, y: rect.y, width: size, height: rect.height))
            position += size + gap
        }
        return rects
    }

    /// The size of each piece along an extent of `total` cells, and the gap actually used.
    public static func sizes(_ constraints: [Constraint], total: Int, spacing: Int) -> (sizes: [Int], gap: Int) {
        let n = constraints.count
        guard n > 0 else { return ([], 0) }
        let total = max(0, total)
        let gaps = n - 1
        let gap = gaps == 0 ? 0 : min(max(0, spacing), total / gaps)
        let available = total - gap * gaps

        var sizes = constraints.map { c -> Int in
            switch c {
            case .length(let v), .min(let v): return max(0, v)
            case .percentage(let p): return available * min(100, max(0, p)) / 100
            case .fill: return 0
            }
        }
        let asked = sizes.reduce(0, +)
        if asked > available {
            shrink(&sizes, constraints, by: asked - available)
        } else if asked < available {
            grow(&sizes, constraints, by: available - asked)
        }
        return (sizes, gap)
    }

    /// Takes `excess` cells away, weakest kind of constraint first.
    private static func shrink(_ sizes: inout [Int], _ constraints: [Constraint], by excess: Int) {
        var excess = excess
        let kinds: [(Constraint) -> Bool] = [
            { if case .percentage = $0 { return true } else { return false } },
            { if case .length = $0 { return true } else { return false } },
            { if case .min = $0 { return true } else { return false } },
        ]
        for isKind in kinds where excess > 0 {
            let members = constraints.indices.filter { isKind(constraints[$0]) }
            let kindTotal = members.reduce(0) { $0 + sizes[$1] }
            guard kindTotal > 0 else { continue }
            let cut = min(excess, kindTotal)
            let kept = apportion(kindTotal - cut, weights: members.map { sizes[$0] })
            for (i, index) in members.enumerated() { sizes[index] = kept[i] }
            excess -= cut
        }
    }

    /// Hands out `extra` leftover cells: to fills by weight, else to mins, else to the last piece.
    private static func grow(_ sizes: inout [Int], _ constraints: [Constraint], by extra: Int) {
        var receivers: [(index: Int, weight: Int)] = constraints.enumerated().compactMap {
            if case .fill(let w) = $0.element { return ($0.offset, max(0, w)) } else { return nil }
        }
        if !receivers.isEmpty && receivers.allSatisfy({ $0.weight == 0 }) {
            receivers = receivers.map { ($0.index, 1) }
        }
        if receivers.isEmpty {
            receivers = constraints.enumerated().compactMap {
                if case .min = $0.element { return ($0.offset, 1) } else { return nil }
            }
        }
        if receivers.isEmpty { receivers = [(constraints.count - 1, 1)] }
        let shares = apportion(extra, weights: receivers.map(\.weight))
        for (i, r) in receivers.enumerated() { sizes[r.index] += shares[i] }
    }

    /// Splits `amount` in proportion to `weights` (largest remainder, ties to the earlier
    /// index). Shares add up to `amount` exactly when some weight is positive.
    static func apportion(_ amount: Int, weights: [Int]) -> [Int] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return weights.map { _ in 0 } }
        var shares = weights.map { amount * $0 / total }
        var left = amount - shares.reduce(0, +)
        let byRemainder = weights.indices.sorted {
            let a = amount * weights[$0] % total, b = amount * weights[$1] % total
            return a != b ? a > b : $0 < $1
        }
        for index in byRemainder where left > 0 {
            shares[index] += 1; left -= 1
        }
        return shares
    }
}
