/// The two regularisers that act on the recurrent state itself, for one `RecurrentLayer`,
/// wired from the library's `RecurrentDropout` and `Zoneout`:
///
/// - Recurrent dropout (Gal & Ghahramani 2016): h_{t-1} is multiplied by one mask, sampled per
///   sequence, before the recurrent product, so the noise does not compound across time.
/// - Zoneout (Krueger et al. 2017): each unit keeps its previous value with probability z,
///   h_t = m ⊙ h_{t-1} + (1 − m) ⊙ h̃_t, with a new mask every step; evaluation uses m = z.
///   An LSTM zones out h and c alike.
///
/// With both off, every hook below is a pass-through that touches no memory.
final class StateRegularizers<Scalar: BLASReal> {
    @exclusivity(unchecked) var rng: SeededRandom
    @exclusivity(unchecked) var dropActive = false
    @exclusivity(unchecked) var zoneActive = false
    @exclusivity(unchecked) private var B = 0, S = 0, C = 0
    // p = 0 is always a valid probability; the real rates are set in `begin`.
    let recurrentDropout = try! RecurrentDropout<Scalar>(p: 0)
    let zoneoutH = try! Zoneout<Scalar>(p: 0)
    let zoneoutC = try! Zoneout<Scalar>(p: 0)
    let dropped = Tensor<Scalar>(shape: [1])       // [T, B, S] h_{t-1} ⊙ mask
    let candidateH = Tensor<Scalar>(shape: [1])    // [T, B, S] the cell's own output h̃_t
    let candidateC = Tensor<Scalar>(shape: [1])    // [T, B, C]
    let keptCellGrad = Tensor<Scalar>(shape: [1])  // [B, C] m ⊙ dC, added after the cell

    init(seed: UInt64) { rng = SeededRandom(seed: seed ^ 0x5EED_0F_D20) }

    /// Samples this sequence's masks and sizes the buffers of the features that are on.
    func begin(steps T: Int, batch: Int, width: Int, cellWidth: Int,
               training: Bool, recurrentDropout p: Double, zoneout z: Double) {
        B = batch; S = width; C = cellWidth
        dropActive = training && p > 0
        zoneActive = z > 0
        if dropActive {
            recurrentDropout.p = p
            recurrentDropout.resample(rows: B, width: S, rng: &rng)
            dropped.resize(T, B, S)
        }
        if zoneActive {
            zoneoutH.p = z; zoneoutH.isTraining = training
            zoneoutC.p = z; zoneoutC.isTraining = training
            zoneoutH.reserve(steps: T, rows: B, width: S)
            zoneoutC.reserve(steps: T, rows: B, width: max(C, 1))
            candidateH.resize(T, B, S)
            candidateC.resize(T, B, max(C, 1))
            keptCellGrad.resize(B, max(C, 1))
        }
    }

    /// What the recurrent product multiplies at step t: h_{t-1}, or h_{t-1} ⊙ mask.
    func recurrentInput(_ hPrev: UnsafeMutablePointer<Scalar>, step t: Int) -> UnsafeMutablePointer<Scalar> {
        guard dropActive else { return hPrev }
        let out = dropped.data + t * B * S
        recurrentDropout.forward(hPrev, rows: B, into: out)
        return out
    }

    /// [T·B, S] rows the W_hh gradient is taken against.
    func recurrentInputs(states: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Scalar> {
        dropActive ? dropped.data : states
    }

    /// dHPrev += recurrent-path gradient (⊙ mask when dropout is on).
    func addRecurrentGrad(_ g: UnsafePointer<Scalar>, into dHPrev: UnsafeMutablePointer<Scalar>, count: Int) {
        if !dropActive { Scalar.axpy(n: count, alpha: 1, x: g, y: dHPrev); return }
        recurrentDropout.backward(g, rows: B, into: dHPrev, accumulate: true)
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
        zoneoutH.forward(slot: t, count: B * S, previous: hPrev, candidate: candidateH.data + t * B * S,
                         into: h, rng: &rng)
        if let cPrev, let c {
            zoneoutC.forward(slot: t, count: B * C, previous: cPrev, candidate: candidateC.data + t * B * C,
                             into: c, rng: &rng)
        }
    }

    /// Splits ∂L/∂h_t into the kept part (to h_{t-1}, written into dHPrev) and the candidate
    /// part (left in dH for the cell). Without zoneout, only clears dHPrev for the cell to add to.
    func splitZoneoutGrad(step t: Int, dH: UnsafeMutablePointer<Scalar>, dC: UnsafeMutablePointer<Scalar>?,
                          dHPrev: UnsafeMutablePointer<Scalar>, dCPrev: UnsafeMutablePointer<Scalar>?,
                          B: Int, S: Int, C: Int) {
        dHPrev.update(repeating: 0, count: B * S)
        guard zoneActive else { return }
        zoneoutH.backward(slot: t, count: B * S, outputGrad: dH, candidateGrad: dH, previousGrad: dHPrev)
        if let dC {
            keptCellGrad.data.update(repeating: 0, count: B * C)
            zoneoutC.backward(slot: t, count: B * C, outputGrad: dC, candidateGrad: dC, previousGrad: keptCellGrad.data)
        }
    }

    /// After the cell overwrote dCPrev: adds the kept part of ∂L/∂c_t.
    func addKeptCellGrad(_ dCPrev: UnsafeMutablePointer<Scalar>?, count: Int) {
        guard zoneActive, let dCPrev else { return }
        Scalar.axpy(n: count, alpha: 1, x: keptCellGrad.data, y: dCPrev)
    }
}
