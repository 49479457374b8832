import RNNCore

/// Drives one cell through two consecutive steps (slots 0 and 1) on a batch, the way a layer
/// would, but with xProj and hProj of both steps as independent inputs: the layer adds
/// dHProj · W_hh itself, so the cell's contract stops at dHProj.
///
/// Step 1 starts from step 0's (h, c). The loss is Σ_t Σ h_t ⊙ R_h[t] + Σ c_t ⊙ R_c[t].
final class CellStepHarness {
    let cell: any RecurrentCell<Double>
    let batch: Int
    let times: [Int]
    let S: Int, C: Int, G: Int

    // Inputs and their gradients.
    let xProj: [Tensor<Double>], hProj: [Tensor<Double>]          // [B, G] per step
    let dXProj: [Tensor<Double>], dHProj: [Tensor<Double>]
    let hPrev0: Tensor<Double>, cPrev0: Tensor<Double>            // [B, S], [B, C]
    let dHPrev0: Tensor<Double>, dCPrev0: Tensor<Double>
    // Outputs, loss weights and the gradients flowing between the steps.
    let h: [Tensor<Double>], c: [Tensor<Double>]
    let rH: [Tensor<Double>], rC: [Tensor<Double>]
    let dH: [Tensor<Double>], dC: [Tensor<Double>]
    let dHPrev1: Tensor<Double>, dCPrev1: Tensor<Double>

    /// `reserveBatch` > `batch` checks that caches are strided by the reserved batch.
    init(cell: any RecurrentCell<Double>, batch: Int = 3, reserveBatch: Int = 4,
         times: [Int] = [0, 1], seed: UInt64) {
        self.cell = cell
        self.batch = batch
        self.times = times
        S = cell.stateSize; C = cell.cellSize; G = cell.gateWidth
        func many(_ cols: Int) -> [Tensor<Double>] { (0..<2).map { _ in Tensor(shape: [batch, cols]) } }
        xProj = many(G); hProj = many(G); dXProj = many(G); dHProj = many(G)
        h = many(S); c = many(C); rH = many(S); rC = many(C); dH = many(S); dC = many(C)
        hPrev0 = Tensor(shape: [batch, S]); dHPrev0 = Tensor(shape: [batch, S]); dHPrev1 = Tensor(shape: [batch, S])
        cPrev0 = Tensor(shape: [batch, C]); dCPrev0 = Tensor(shape: [batch, C]); dCPrev1 = Tensor(shape: [batch, C])
        var rng = SeededRandom(seed: seed)
        for t in xProj + hProj + rH + rC + [hPrev0, cPrev0] { GradCheck.randomize(t, &rng) }
        for p in cell.cellParameters {
            GradCheck.randomize(p.value, &rng)
            // Gains near 1, as after initialisation, keep the normalised inputs in range.
            if p.name.hasSuffix("_gain") { for i in 0..<p.count { p.value[i] += 1 } }
            p.applyMask()
        }
        cell.reserve(steps: 2, batch: reserveBatch)
    }

    private func opt(_ t: Tensor<Double>) -> UnsafeMutablePointer<Double>? { C == 0 ? nil : t.data }

    func step(_ t: Int) -> CellStep<Double> {
        CellStep(time: times[t], slot: t, batch: batch,
                 xProj: xProj[t].data, hProj: hProj[t].data,
                 hPrev: t == 0 ? hPrev0.data : h[0].data, h: h[t].data,
                 cPrev: opt(t == 0 ? cPrev0 : c[0]), c: opt(c[t]))
    }

    /// Forward both steps from scratch.
    func forward() {
        cell.forward(step(0))
        cell.forward(step(1))
    }

    /// Zeroes parameter gradients, runs forward and backward, returns the loss.
    func run() -> Double {
        for p in cell.allParameters { p.grad.zero() }
        forward()
        var loss = 0.0
        for t in 0..<2 {
            loss += Double.dot(n: batch * S, x: h[t].data, y: rH[t].data)
            if C > 0 { loss += Double.dot(n: batch * C, x: c[t].data, y: rC[t].data) }
        }
        // Step 1: the loss is the only thing downstream.
        dH[1].copy(from: rH[1]); dC[1].copy(from: rC[1])
        dHPrev1.zero()
        cell.backward(step(1), CellStepGrads(dH: dH[1].data, dC: opt(dC[1]),
                                             dXProj: dXProj[1].data, dHProj: dHProj[1].data,
                                             dHPrev: dHPrev1.data, dCPrev: opt(dCPrev1)))
        // Step 0: its own loss term plus what step 1 sent back directly.
        for i in 0..<(batch * S) { dH[0][i] = rH[0][i] + dHPrev1[i] }
        for i in 0..<(batch * C) { dC[0][i] = rC[0][i] + dCPrev1[i] }
        dHPrev0.zero()
        cell.backward(step(0), CellStepGrads(dH: dH[0].data, dC: opt(dC[0]),
                                             dXProj: dXProj[0].data, dHProj: dHProj[0].data,
                                             dHPrev: dHPrev0.data, dCPrev: opt(dCPrev0)))
        return loss
    }

    /// Every input and cell parameter with its analytic gradient.
    var checked: [(String, Tensor<Double>, Tensor<Double>)] {
        var all: [(String, Tensor<Double>, Tensor<Double>)] = [
            ("xProj[0]", xProj[0], dXProj[0]), ("xProj[1]", xProj[1], dXProj[1]),
            ("hProj[0]", hProj[0], dHProj[0]), ("hProj[1]", hProj[1], dHProj[1]),
            ("hPrev", hPrev0, dHPrev0),
        ]
        if C > 0 { all.append(("cPrev", cPrev0, dCPrev0)) }
        for p in cell.cellParameters { all.append((p.name, p.value, p.grad)) }
        return all
    }
}
