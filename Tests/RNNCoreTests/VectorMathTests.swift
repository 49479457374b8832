import XCTest
import RNNCore

final class VectorMathTests: XCTestCase {
    /// Float's vector paths against the double-precision library, over the range that matters.
    func testFloatKernelsAgreeWithDoubleLibrary() {
        let n = 20_001
        var xs = (0..<n).map { Float(-20 + 40 * Double($0) / Double(n - 1)) }
        xs += [0, 1e-5, -1e-5, 0.06, -0.06, 0.07, 80, -80, 100, -100]
        func worst(_ f: (UnsafeMutablePointer<Float>, Int) -> Void, _ ref: (Double) -> Double, absFloor: Double) -> Double {
            var y = xs
            y.withUnsafeMutableBufferPointer { f($0.baseAddress!, $0.count) }
            var w = 0.0
            for (x, v) in zip(xs, y) {
                let r = ref(Double(x))
                w = max(w, abs(Double(v) - r) / max(abs(r), absFloor))
            }
            return w
        }
        XCTAssertLessThan(worst(Float.sigmoidInPlace, { 1 / (1 + Double.exp(-$0)) }, absFloor: 1e-30), 1e-6)
        XCTAssertLessThan(worst(Float.tanhInPlace, Double.tanh, absFloor: 1e-30), 1e-6)
        var small = xs.filter { abs($0) < 80 }
        let copy = small
        small.withUnsafeMutableBufferPointer { Float.expInPlace($0.baseAddress!, count: $0.count) }
        for (x, v) in zip(copy, small) {
            XCTAssertEqual(Double(v), Double.exp(Double(x)), accuracy: 4e-7 * Double.exp(Double(x)))
        }
    }
}
