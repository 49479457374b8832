/// Records a `ProbeSnapshot` after a training step, when switched on.
///
/// Off, the trainer never calls it and the layers skip their per-step norm bookkeeping, so an
/// unprobed step does exactly the work of an unprobed model. On, it copies what the layers
/// already hold; the only extra arithmetic is the norms and the eigenvalues of W_hh.
public final class Probe: @unchecked Sendable {
    public var isOn: Bool
    /// The batch row to record.
    public var row: Int
    /// Eigenvalues cost O(H³): recompute them every this many steps (1 = every step).
    public var spectralEvery: Int
    public internal(set) var latest: ProbeSnapshot?
    private var lastRadius: [String: Double] = [:]
    private var lastRadiusStep: Int? = nil

    public init(isOn: Bool = true, row: Int = 0, spectralEvery: Int = 1) {
        self.isOn = isOn
        self.row = row
        self.spectralEvery = max(1, spectralEvery)
    }

    /// Captures the stack's state after forward and backward of step `step`.
    public func capture<Scalar: BLASReal>(step: Int, loss: Double, metrics: [String: Double],
                                          stack: RecurrentStack<Scalar>, parameters: [(String, Parameter<Scalar>)],
                                          clip: ClipEvent?) -> ProbeSnapshot {
        var snap = ProbeSnapshot(step: step, loss: loss)
        snap.metrics = metrics
        let r = min(row, max(stack.batch - 1, 0))
        snap.row = r
        snap.length = stack.lengthOf(row: r)
        snap.layers = stack.layers.enumerated().flatMap { k, dirs in
            dirs.enumerated().map { d, l in trace(l, layer: k, direction: d, row: r, length: snap.length) }
        }
        let top = snap.layers.filter { $0.layer == stack.layers.count - 1 }
        snap.gradHNorms = (0..<stack.steps).map { t in
            top.reduce(0.0) { $0 + $1.gradHNorms[t] * $1.gradHNorms[t] }.squareRoot()
        }
        if lastRadiusStep.map({ step - $0 >= spectralEvery || step < $0 }) ?? true {
            lastRadius = Self.radii(stack)
            lastRadiusStep = step
        }
        snap.spectralRadius = lastRadius
        Self.recordGradients(&snap, loss: loss, parameters: parameters, clip: clip)
        latest = snap
        return snap
    }

    func trace<Scalar: BLASReal>(_ l: RecurrentLayer<Scalar>, layer: Int, direction: Int, row r: Int, length: Int) -> ProbeSnapshot.LayerTrace {
        let T = l.steps, B = l.batch, S = l.cell.stateSize, C = l.cell.cellSize
        // A reverse layer's step s holds the sequence's step length − 1 − s.
        func slot(_ t: Int) -> Int { direction == 0 ? t : (t < length ? length - 1 - t : t) }
        let hidden = (0..<T).map { t in (0..<S).map { Float(l.states[((slot(t) + 1) * B + r) * S + $0]) } }
        let cell: [[Float]]? = C == 0 ? nil : (0..<T).map { t in (0..<C).map { Float(l.cellStates[((slot(t) + 1) * B + r) * C + $0]) } }
        var gates: [String: [[Float]]] = [:]
        let names = l.cell.gateNames
        if !names.isEmpty, l.cell.gateActivations(slot: 0, row: r) != nil {
            let width = l.cell.gateWidth / names.count
            for (g, name) in names.enumerated() {
                gates[name] = (0..<T).map { t in
                    let p = l.cell.gateActivations(slot: slot(t), row: r)!
                    return (0..<width).map { Float(p[g * width + $0]) }
                }
            }
        }
        let norms: [Double] = l.recordGradNorms
            ? (0..<T).map { t in Double(l.gradNormSquared[slot(t) * B + r]).squareRoot() } : Array(repeating: 0, count: T)
        return .init(layer: layer, direction: direction, hidden: hidden, cell: cell, gates: gates, gradHNorms: norms)
    }

    /// The spectral radius of each W_hh, per gate block for gated cells.
    static func radii<Scalar: BLASReal>(_ stack: RecurrentStack<Scalar>) -> [String: Double] {
        var out: [String: Double] = [:]
        for dirs in stack.layers { for l in dirs {
            let w = l.cell.weightHH.value, name = l.stateDictName(l.cell.weightHH)
            let gates = l.cell.gateWidth == l.cell.stateSize ? [] : l.cell.gateNames
            if gates.isEmpty {
                if let r = spectralRadius(w, gate: nil, gateNames: []) { out[name] = r }
            }
            for gate in gates {
                if let r = spectralRadius(w, gate: gate, gateNames: gates) { out[name + "." + gate] = r }
            }
        } }
        return out
    }

    /// Gradient norms per parameter and overall, the clip record, and where (if anywhere) a
    /// value went non-finite: the part of a snapshot every model kind fills the same way.
    static func recordGradients<Scalar: BLASReal>(_ snap: inout ProbeSnapshot, loss: Double,
                                                  parameters: [(String, Parameter<Scalar>)], clip: ClipEvent?) {
        var total = 0.0
        for (name, p) in parameters {
            let n2 = p.grad.squaredNorm
            total += n2
            snap.parameterGradNorms[name] = n2.squareRoot()
        }
        snap.gradNorm = clip?.normBefore ?? total.squareRoot()
        snap.clipped = clip?.clipped ?? false
        snap.gradNormAfterClip = clip?.normAfter ?? snap.gradNorm
        snap.nonFiniteWhere = firstNonFinite(loss: loss, snapshot: snap, parameters: parameters)
        snap.nonFinite = snap.nonFiniteWhere != nil
    }

    static func firstNonFinite<Scalar: BLASReal>(loss: Double, snapshot: ProbeSnapshot,
                                                 parameters: [(String, Parameter<Scalar>)]) -> String? {
        if !loss.isFinite { return "loss" }
        for (name, p) in parameters {
            if p.value.hasNonFinite { return name }
            if p.grad.hasNonFinite { return name + ".grad" }
        }
        for l in snapshot.layers where l.hidden.contains(where: { $0.contains { !$0.isFinite } }) {
            return "hidden state of layer \(l.layer)"
        }
        return nil
    }
}
