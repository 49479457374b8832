/// A growable buffer of token ids with a stable address, for handing to layers as a pointer.
public final class TokenBuffer {
    public private(set) var count = 0
    public private(set) var data: UnsafeMutablePointer<Int32>
    private var capacity: Int

    public init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        data = .allocate(capacity: self.capacity)
    }
    deinit { data.deallocate() }

    /// Makes room for `n` ids (allocating only when growing) and sets the count.
    public func resize(_ n: Int) {
        if n > capacity {
            data.deallocate()
            capacity = n
            data = .allocate(capacity: n)
        }
        count = n
    }

    @inline(__always) public subscript(i: Int) -> Int32 {
        get { data[i] }
        set { data[i] = newValue }
    }
}
