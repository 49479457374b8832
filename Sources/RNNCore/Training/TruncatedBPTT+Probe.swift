/// The Probe's view of a TBPTT(k, k) step: one snapshot for the whole sequence, stitched from
/// the windows, so the panes show T steps and not just the last window.
///
/// With k1 = k2 the windows are disjoint and tile [0, T), and the stitched ‖∂L/∂h_t‖ is
/// exactly the truncated gradient: the loss of a window reaches only the states inside it, so
/// steps whose window had no loss show 0. (With k2 > k1 windows overlap and a stitched
/// gradient would mix windows, so `truncatedStep` keeps the last window's snapshot there.)
/// Everything that is not per time step (gradient norms, radii, loss) is the last window's.
struct ProbedWindow {
    var snapshot: ProbeSnapshot
    /// Absolute step of the window's first state, and of the first step it contributes.
    var start: Int
    var keepFrom: Int

    static func stitch(_ windows: [ProbedWindow], steps T: Int) -> ProbeSnapshot? {
        guard var out = windows.last?.snapshot else { return nil }
        out.length = T
        out.gradHNorms = []
        for i in out.layers.indices {
            out.layers[i].hidden = []
            out.layers[i].gradHNorms = []
            if out.layers[i].cell != nil { out.layers[i].cell = [] }
            for name in out.layers[i].gates.keys { out.layers[i].gates[name] = [] }
        }
        for w in windows {
            let s = w.snapshot, lo = w.keepFrom - w.start, hi = s.gradHNorms.count
            guard lo >= 0, lo <= hi else { continue }
            out.gradHNorms += s.gradHNorms[lo..<hi]
            for (i, l) in s.layers.enumerated() where i < out.layers.count {
                out.layers[i].hidden += l.hidden[lo..<min(hi, l.hidden.count)]
                out.layers[i].gradHNorms += l.gradHNorms[lo..<min(hi, l.gradHNorms.count)]
                if let c = l.cell { out.layers[i].cell? += c[lo..<min(hi, c.count)] }
                for (name, g) in l.gates { out.layers[i].gates[name]? += g[lo..<min(hi, g.count)] }
            }
        }
        return out
    }
}
