/// Truncated backpropagation through time, TBPTT(k1, k2) in Williams & Peng's terms: every k1
/// steps, update from the loss on those k1 steps, backpropagating at most k2 steps.
///
/// Each update runs the stack over the window [e − k2, e) from the state it had at e − k2, and
/// scores only the window's last k1 steps. The states between windows are carried, never
/// differentiated: this is what makes dependencies longer than k2 invisible to learning.
extension Trainer {
    /// Trains on one batch of long sequences by TBPTT(k1, k2). Returns the mean loss of the updates.
    /// Requires k2 ≥ k1 ≥ 1 and a unidirectional stack.
    /// With the Probe on and k1 = k2, the report's snapshot spans all T steps (`ProbedWindow`).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    @discardableResult
    public func truncatedStep(features: Tensor<Scalar>? = nil, tokens: UnsafePointer<Int32>? = nil,
                              steps T: Int, batch B: Int, k1: Int, k2: Int,
                              targets: SequenceModel<Scalar>.Targets, mask: UnsafePointer<Scalar>? = nil) -> Report {
        precondition(k1 >= 1 && k2 >= k1, "TBPTT needs k2 ≥ k1 ≥ 1")
        precondition(model.stack.directions == 1, "TBPTT runs forward in time only")
        window.reset(model: model, batch: B)
        var total = 0.0, correct = 0.0, updates = 0
        var last = Report(loss: 0, accuracy: nil, clip: nil, snapshot: nil)
        var probed: [ProbedWindow] = []
        var end = min(k1, T)
        while true {
            let start = max(0, end - k2)
            window.load(features: features, tokens: tokens, targets: targets, mask: mask, width: model.objective.width,
                        from: start, to: end, scoreFrom: max(start, end - k1), batch: B, totalSteps: T)
            zeroGrad(model.parameters)
            model.stack.training = true
            model.stack.recordsGradNorms = probe.isOn
            let r = model.forward(features: window.features, tokens: window.tokenPointer, steps: end - start, batch: B,
                                  targets: window.targets, mask: window.mask.data,
                                  initialStates: window.carryStates, initialCells: window.carryCells)
            model.backward()
            // The next window starts k1 later; its initial state lies inside this window.
            window.remember(model: model, windowStart: start, at: min(end + k1, T) - k2, batch: B)
            last = update(loss: r.loss, accuracy: r.accuracy, metrics: [:])
            if k1 == k2, let snap = last.snapshot { probed.append(ProbedWindow(snapshot: snap, start: start, keepFrom: start)) }
            total += r.loss; correct += r.accuracy ?? 0; updates += 1
            if end == T { break }
            end = min(end + k1, T)
        }
        last.loss = total / Double(updates)
        if last.accuracy != nil { last.accuracy = correct / Double(updates) }
        if !probed.isEmpty { last.snapshot = ProbedWindow.stitch(probed, steps: T) }
        return last
    }
}

/// Buffers for one TBPTT window, and the carried state at its start.
final class TruncationWindow<Scalar: BLASReal> {
    let features = Tensor<Scalar>(shape: [1])
    let tokens = TokenBuffer()
    let classTargets = TokenBuffer()
    let valueTargets = Tensor<Scalar>(shape: [1])
    let mask = Tensor<Scalar>(shape: [1])
    let carryStates = Tensor<Scalar>(shape: [1])
    let carryCells = Tensor<Scalar>(shape: [1])
    var usesTokens = false
    var classification = true

    var tokenPointer: UnsafePointer<Int32>? { usesTokens ? UnsafePointer(tokens.data) : nil }
    var targets: SequenceModel<Scalar>.Targets {
        classification ? .classes(classTargets.data) : .values(valueTargets.data)
    }

    func reset(model: SequenceModel<Scalar>, batch B: Int) {
        let s = model.stack, L = s.layers.count
        carryStates.resize(L, B, s.stateSize); carryStates.zero()
        carryCells.resize(L, B, max(s.layers[0][0].cell.cellSize, 1)); carryCells.zero()
    }

    /// Copies steps [from, to) of the batch, with the loss mask zero before `scoreFrom`.
    func load(features f: Tensor<Scalar>?, tokens tk: UnsafePointer<Int32>?, targets: SequenceModel<Scalar>.Targets,
              mask m: UnsafePointer<Scalar>?, width: Int, from: Int, to: Int, scoreFrom: Int, batch B: Int, totalSteps T: Int) {
        let n = to - from
        if let f {
            let I = f.count / (T * B)
            features.resize(n, B, I)
            features.data.update(from: f.data + from * B * I, count: n * B * I)
        }
        usesTokens = tk != nil
        if let tk {
            tokens.resize(n * B)
            tokens.data.update(from: tk + from * B, count: n * B)
        }
        switch targets {
        case .classes(let ids):
            classification = true
            classTargets.resize(n * B)
            classTargets.data.update(from: ids + from * B, count: n * B)
        case .values(let y):
            classification = false
            valueTargets.resize(n, B, width)
            valueTargets.data.update(from: y + from * B * width, count: n * B * width)
        }
        mask.resize(n * B)
        for t in 0..<n { for b in 0..<B {
            let scored = from + t >= scoreFrom
            mask[t * B + b] = scored ? (m?[(from + t) * B + b] ?? 1) : 0
        } }
    }

    /// Stores each layer's state at absolute time `t` (inside the window just run).
    func remember(model: SequenceModel<Scalar>, windowStart: Int, at t: Int, batch B: Int) {
        let local = max(0, t - windowStart)
        let s = model.stack, S = s.stateSize
        for (k, dirs) in s.layers.enumerated() {
            let l = dirs[0], C = l.cell.cellSize
            (carryStates.data + k * B * S).update(from: l.states.data + local * B * S, count: B * S)
            if C > 0 { (carryCells.data + k * B * C).update(from: l.cellStates.data + local * B * C, count: B * C) }
        }
    }
}
