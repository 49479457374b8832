extension Tensor {
    /// Makes the tensor [rows, cols], calling `resize` only when the shape differs.
    ///
    /// `resize` takes an array, and building that array on every step would touch the heap;
    /// checking the dimensions first keeps a warmed-up step allocation-free.
    @inline(__always)
    func reshapeIfNeeded(rows: Int, cols: Int) {
        let s = shape
        if s.count == 2 && s[0] == rows && s[1] == cols { return }
        resize([rows, cols])
    }

    /// Makes the tensor 1-D with `length` elements, resizing only when the shape differs.
    @inline(__always)
    func reshapeIfNeeded(length: Int) {
        let s = shape
        if s.count == 1 && s[0] == length { return }
        resize([length])
    }
}
