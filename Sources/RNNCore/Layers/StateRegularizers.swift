/// The two regularisers that act on the recurrent state itself, for one `RecurrentLayer`.
///
/// - Recurrent dropout (Gal & Ghahramani 2016): h_{t-1} is multiplied by one mask, sampled per
///   sequence, before the recurrent product. The same units are silenced at every step, which
///   is what keeps the noise from compounding across time.
/// - Zoneout (Krueger et al. 2017): each unit keeps its previous value with probability z,
///   h_t = m ⊙ h_{t-1} + (1 − m) ⊙ h̃_t, with a new mask every step. Evaluation uses m = z.
///
/// With both off, every hook below is a pass-through that touches no memory.
final class StateRegularizers<Scalar: BLASReal> {
    var rng: SeededRandom
    var dropActive = false
    var zoneActive = false
    var zoneRate: Scalar = 0
    var training = true
    private var B = 0, S = 0, C = 0
    let dropMask = Tensor<Scalar>(shape: [1])      // [B, S], scaled by 1/(1-p)
    let dropped = Tensor<Scalar>(shape: [1])       // [T, B, S] h_{t-1} ⊙ mask
    let zoneMaskH = Tensor<Scalar>(shape: [1])     // [T, B, S] 1 = keep previous
    let zoneMaskC = Tensor<Scalar>(shape: [1])     // [T, B, C]
    let candidateH = Tensor<Scalar>(shape: [1])    // [T, B, S] the cell's own output h̃_t
    let candidateC = Tensor<Scalar>(shape: [1])    // [T, B, C]
    let keptCellGrad = Tensor<Scalar>(shape: [1])  // [B, C] m ⊙ dC, added after the cell

    init(seed: UInt64) { rng = SeededRandom(seed: seed ^ 0x5EED_0F_D20) }

    /// Samples this sequence's masks and sizes the buffers of the features that are on.
    func begin(steps T: Int, batch: Int, width: Int, cellWidth: Int,
               training: Bool, recurrentDropout p: Double, zoneout z: Double) {
        B = batch; S = width; C = cellWidth
        self.training = training
        dropActive = training && p > 0
        zoneActive = z > 0
        zoneRate = Scalar(z)
        if dropActive {
            dropMask.resize(B, S); dropped.resize(T, B, S)
            let keep = Scalar(1 / (1 - p))
            for i in 0..<B * S { dropMask[i] = rng.bernoulli(p) ? 0 : keep }
        }
        if zoneActive {
            zoneMaskH.resize(T, B, S); candidateH.resize(T, B, S)
            zoneMaskC.resize(T, B, max(C, 1)); candidateC.resize(T, B, max(C, 1))
            keptCellGrad.resize(B, max(C, 1))
        }
    }

    /// What the recurrent product multiplies at step t: h_{t-1}, or h_{t-1} ⊙ mask.
    func recurrentInput(_ hPrev: UnsafeMutablePointer<Scalar>, step t: Int) -> UnsafeMutablePointer<Scalar> {
        guard dropActive else { return hPrev }
        let out = dropped.data + t * B * S
        for i in 0..<B * S { out[i] = hPrev[i] * dropMask[i] }
        return out
    }

    /// [T·B, S] rows the W_hh gradient is taken against.
    func recurrentInputs(states: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Scalar> {
        dropActive ? dropped.data : states
    }

    /// dHPrev += recurrent-path gradient (⊙ mask when dropout is on).
    func addRecurrentGrad(_ g: UnsafePointer<Scalar>, into dHPrev: UnsafeMutablePointer<Scalar>, count: Int) {
        if !dropActive { Scalar.axpy(n: count, alpha: 1, x: g, y: dHPrev); return }
        for i in 0..<count { dHPrev[i] += g[i] * dropMask[i] }
    }

    /// Where the cell writes its output at step t: the state itself, or a candidate h̃_t.
    func candidate(_ h: UnsafeMutablePointer<Scalar>, _ c: UnsafeMutablePointer<Scalar>?, step t: Int)
        -> (h: UnsafeMutablePointer<Scalar>, c: UnsafeMutablePointer<Scalar>?) {
        guard zoneActive else { return (h, c) }
        return (candidateH.data + t * B * S, c == nil ? nil : candidateC.data + t * B * C)
    }

    /// h_t = m ⊙ h_{t-1} + (1 − m) ⊙ h̃_t (and the same for c).
    func mixZoneout(step t: Int, hPrev: UnsafeMutablePointer<Scalar>, h: UnsafeMutablePointer<Scalar>,
                    cPrev: UnsafeMutablePointer<Scalar>?, c: UnsafeMutablePointer<Scalar>?) {
        guard zoneActive else { return }
        mix(mask: zoneMaskH.data + t * B * S, prev: hPrev, cand: candidateH.data + t * B * S, out: h, n: B * S)
        if let cPrev, let c {
            mix(mask: zoneMaskC.data + t * B * C, prev: cPrev, cand: candidateC.data + t * B * C, out: c, n: B * C)
        }
    }

    private func mix(mask: UnsafeMutablePointer<Scalar>, prev: UnsafePointer<Scalar>,
                     cand: UnsafePointer<Scalar>, out: UnsafeMutablePointer<Scalar>, n: Int) {
        let p = Double(zoneRate)
        for i in 0..<n {
            let m: Scalar = training ? (rng.bernoulli(p) ? 1 : 0) : zoneRate
            mask[i] = m
            out[i] = m * prev[i] + (1 - m) * cand[i]
        }
    }

    /// Splits ∂L/∂h_t into the kept part (to h_{t-1}, written into dHPrev) and the candidate
    /// part (left in dH for the cell). Without zoneout, only clears dHPrev for the cell to add to.
    func splitZoneoutGrad(step t: Int, dH: UnsafeMutablePointer<Scalar>, dC: UnsafeMutablePointer<Scalar>?,
                          dHPrev: UnsafeMutablePointer<Scalar>, dCPrev: UnsafeMutablePointer<Scalar>?,
                          B: Int, S: Int, C: Int) {
        guard zoneActive else { dHPrev.update(repeating: 0, count: B * S); return }
        let mh = zoneMaskH.data + t * B * S
        for i in 0..<B * S { dHPrev[i] = mh[i] * dH[i]; dH[i] = (1 - mh[i]) * dH[i] }
        if let dC {
            let mc = zoneMaskC.data + t * B * C
            for i in 0..<B * C { keptCellGrad[i] = mc[i] * dC[i]; dC[i] = (1 - mc[i]) * dC[i] }
        }
    }

    /// After the cell overwrote dCPrev: adds the kept part of ∂L/∂c_t.
    func addKeptCellGrad(_ dCPrev: UnsafeMutablePointer<Scalar>?, count: Int) {
        guard zoneActive, let dCPrev else { return }
        Scalar.axpy(n: count, alpha: 1, x: keptCellGrad.data, y: dCPrev)
    }
}
