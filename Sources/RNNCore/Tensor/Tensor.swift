/// Dense, row-major storage that owns its memory.
///
/// A tensor is a class so layers can hand out views of their caches without copies. Its buffer
/// only ever grows: `resize(_:)` to a shape that fits the capacity does not allocate, which is
/// what lets a warmed-up training step run without touching the heap.
///
/// Hot stored properties across the core are `@exclusivity(unchecked)`: every read of a class's
/// `var` otherwise goes through the runtime's dynamic exclusivity check, and a small training
/// step (min-char-rnn) spent about 5% of its time there. Nothing in the core holds an inout
/// access to these properties across a call that could touch them again.
public final class Tensor<Scalar: BLASReal> {
    @exclusivity(unchecked) public private(set) var shape: [Int]
    @exclusivity(unchecked) public private(set) var count: Int
    @exclusivity(unchecked) public private(set) var capacity: Int
    @exclusivity(unchecked) public private(set) var data: UnsafeMutablePointer<Scalar>

    public init(shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        self.shape = shape
        count = shape.reduce(1, *)
        capacity = Swift.max(count, 1)
        data = .allocate(capacity: capacity)
        data.initialize(repeating: 0, count: capacity)
    }

    public convenience init(shape: [Int], values: [Scalar]) {
        self.init(shape: shape)
        precondition(values.count == count, "\(values.count) values for shape \(shape)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    public convenience init(shape: [Int], repeating value: Scalar) {
        self.init(shape: shape)
        fill(value)
    }

    deinit { data.deallocate() }

    /// Changes the shape, keeping the buffer when it is large enough. Contents are unspecified
    /// after a resize that changes the element count.
    public func resize(_ newShape: [Int]) {
        if newShape == shape { return }
        let n = newShape.reduce(1, *)
        if n > capacity {
            data.deallocate()
            capacity = n
            data = .allocate(capacity: n)
            data.initialize(repeating: 0, count: n)
        }
        shape = newShape
        count = n
    }

    // Shape-by-dimensions forms: comparing before building a shape array keeps a resize to the
    // current shape free of heap traffic, which hot paths rely on. A new shape of the same rank
    // that fits the buffer is written into the existing shape array, so alternating lengths
    // (the short last window of truncated BPTT) stay free of heap traffic too.
    public func resize(_ d0: Int) {
        if shape.count == 1 && shape[0] == d0 { return }
        if shape.count == 1 && d0 >= 0 && d0 <= capacity { shape[0] = d0; count = d0; return }
        resize([d0] as [Int])
    }
    public func resize(_ d0: Int, _ d1: Int) {
        if shape.count == 2 && shape[0] == d0 && shape[1] == d1 { return }
        if shape.count == 2 && d0 >= 0 && d1 >= 0 && d0 * d1 <= capacity {
            shape[0] = d0; shape[1] = d1; count = d0 * d1
            return
        }
        resize([d0, d1] as [Int])
    }
    public func resize(_ d0: Int, _ d1: Int, _ d2: Int) {
        if shape.count == 3 && shape[0] == d0 && shape[1] == d1 && shape[2] == d2 { return }
        if shape.count == 3 && d0 >= 0 && d1 >= 0 && d2 >= 0 && d0 * d1 * d2 <= capacity {
            shape[0] = d0; shape[1] = d1; shape[2] = d2; count = d0 * d1 * d2
            return
        }
        resize([d0, d1, d2] as [Int])
    }

    @inline(__always) public subscript(i: Int) -> Scalar {
        get { data[i] }
        set { data[i] = newValue }
    }

    /// Element access by a row-major index of a 2-D tensor.
    @inline(__always) public subscript(r: Int, c: Int) -> Scalar {
        get { data[r * shape[shape.count - 1] + c] }
        set { data[r * shape[shape.count - 1] + c] = newValue }
    }

    public func zero() { data.update(repeating: 0, count: count) }
    public func fill(_ v: Scalar) { data.update(repeating: v, count: count) }

    public func copy(from other: Tensor<Scalar>) {
        precondition(other.count == count, "copy: \(other.shape) into \(shape)")
        data.update(from: other.data, count: count)
    }

    public func clone() -> Tensor<Scalar> {
        let t = Tensor(shape: shape)
        t.copy(from: self)
        return t
    }

    public var array: [Scalar] { Array(UnsafeBufferPointer(start: data, count: count)) }

    public var buffer: UnsafeMutableBufferPointer<Scalar> { .init(start: data, count: count) }

    /// Number of scalars in one leading-index slice, e.g. B*H for a [T, B, H] tensor.
    public var sliceCount: Int { shape.isEmpty ? 1 : count / Swift.max(shape[0], 1) }

    /// Pointer to the start of slice `i` along the leading dimension.
    @inline(__always) public func slice(_ i: Int) -> UnsafeMutablePointer<Scalar> { data + i * sliceCount }

    /// Converts element type, e.g. a Float model's weights into Double for a gradient check.
    public func converted<Other: BLASReal>(to: Other.Type = Other.self) -> Tensor<Other> {
        let t = Tensor<Other>(shape: shape)
        for i in 0..<count { t.data[i] = Other(data[i]) }
        return t
    }
}

extension Tensor {
    /// The sum of squares of all elements, accumulated in Double.
    public var squaredNorm: Double {
        var s = 0.0
        for i in 0..<count { let v = Double(data[i]); s += v * v }
        return s
    }
    public var norm: Double { squaredNorm.squareRoot() }

    /// True when any element is NaN or infinite.
    public var hasNonFinite: Bool {
        for i in 0..<count where !data[i].isFinite { return true }
        return false
    }
}
