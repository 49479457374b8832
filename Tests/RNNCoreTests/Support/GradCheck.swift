import XCTest
import RNNCore

/// Central finite differences in double precision, compared with an analytic gradient.
///
/// The five-point stencil (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h has truncation error
/// O(h⁴), so h can be large enough (1e-4) that rounding in the loss does not swamp small
/// gradients, while curvature (layer norm, saturated gates) still cancels.
///
/// The error of one entry is |analytic − numeric| / max(|analytic| + |numeric|, 1e-4): relative
/// for ordinary gradients, absolute near zero where a ratio means nothing.
enum GradCheck {
    static let step = 1e-4

    /// Largest error over every entry of `value`, whose analytic gradient is `grad`.
    /// `loss` must recompute the scalar loss from scratch each call.
    static func worstError(value: Tensor<Double>, grad: Tensor<Double>, mask: Tensor<Double>? = nil,
                           loss: () -> Double) -> Double {
        var worst = 0.0
        // Entries a mask holds at zero are not free parameters: no direction to check.
        for i in 0..<value.count where mask == nil || mask![i] != 0 {
            let saved = value[i]
            value[i] = saved + step; let up1 = loss()
            value[i] = saved - step; let down1 = loss()
            value[i] = saved + 2 * step; let up2 = loss()
            value[i] = saved - 2 * step; let down2 = loss()
            value[i] = saved
            let numeric = (8 * (up1 - down1) - (up2 - down2)) / (12 * step)
            let analytic = grad[i]
            let err = abs(analytic - numeric) / max(abs(analytic) + abs(numeric), 1e-4)
            worst = max(worst, err)
        }
        return worst
    }

    /// Checks every parameter and input, failing the test with the name of the worst offender.
    /// `run` must zero gradients, run forward and backward, and return the loss.
    static func assertGradients(
        _ named: [(String, Tensor<Double>, Tensor<Double>)], masks: [String: Tensor<Double>] = [:],
        tolerance: Double = 1e-6, label: String = "",
        run: () -> Double, file: StaticString = #filePath, line: UInt = #line
    ) {
        _ = run()
        let analytic = named.map { ($0.0, $0.1, $0.2.clone()) }
        for (name, value, grad) in analytic {
            let err = worstError(value: value, grad: grad, mask: masks[name], loss: run)
            XCTAssertLessThanOrEqual(err, tolerance, "\(label) gradient of \(name): worst relative error \(err)",
                                     file: file, line: line)
        }
    }

    /// Fills a tensor with N(0, scale²) values from a seeded generator.
    static func randomize(_ t: Tensor<Double>, _ rng: inout SeededRandom, scale: Double = 0.5) {
        for i in 0..<t.count { t[i] = scale * rng.normal() }
    }
}
