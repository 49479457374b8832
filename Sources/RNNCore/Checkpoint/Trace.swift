/// `rnnbook trace`: one forward and backward pass of a PyTorch recurrent checkpoint on given
/// inputs, in double precision, reported in PyTorch's terms so the two can be compared number
/// by number.
public enum Trace {
    public struct Input {
        public var cell: TorchRecurrentCheckpoint.Cell
        public var inputs: NestedArray        // [T, B, I]
        public var gradOutputs: NestedArray   // [T, B, D·H]
    }

    /// Reads and validates the input JSON (everything except fit with the checkpoint).
    public static func readInput(path: String) throws -> Input {
        let json = try readJSONObject(path: path)
        guard let name = json["cell"] as? String else {
            throw InputError(file: path, place: "cell", "missing or not a string")
        }
        guard let cell = TorchRecurrentCheckpoint.Cell(rawValue: name) else {
            let known = TorchRecurrentCheckpoint.Cell.allCases.map(\.rawValue).joined(separator: ", ")
            throw InputError(file: path, place: "cell", "unknown cell \"\(name)\" (expected one of \(known))")
        }
        for key in ["inputs", "grad_outputs"] where json[key] == nil {
            throw InputError(file: path, place: key, "missing field")
        }
        let inputs = try NestedArray(json["inputs"]!, rank: 3, file: path, field: "inputs")
        let grads = try NestedArray(json["grad_outputs"]!, rank: 3, file: path, field: "grad_outputs")
        try Limits.checkSequenceLength(inputs.shape[0], file: path, place: "inputs")
        return Input(cell: cell, inputs: inputs, gradOutputs: grads)
    }

    /// Runs the trace and returns the JSON object to print.
    public static func run(checkpoint: TensorSource, input: Input, inputPath: String) throws -> [String: Any] {
        let layout = try TorchRecurrentCheckpoint(checkpoint, cell: input.cell)
        let (T, B, I) = (input.inputs.shape[0], input.inputs.shape[1], input.inputs.shape[2])
        let H = layout.hiddenSize, D = layout.directions, L = layout.layers
        guard I == layout.inputSize else {
            throw InputError(file: inputPath, place: "inputs",
                             "input width \(I) does not match the checkpoint's \(layout.inputSize)")
        }
        guard input.gradOutputs.shape == [T, B, D * H] else {
            throw InputError(file: inputPath, place: "grad_outputs",
                             "shape \(input.gradOutputs.shape) should be \([T, B, D * H]) (T×B×(D·H))")
        }
        let stack: RecurrentStack<Double> = try layout.makeStack(checkpoint)
        for l in stack.layers.flatMap({ $0 }) { l.recordGradNorms = true }
        let x = Tensor<Double>(shape: [T, B, I], values: input.inputs.values)
        let g = Tensor<Double>(shape: [T, B, D * H], values: input.gradOutputs.values)
        stack.forward(x, steps: T, batch: B)
        stack.backward(outputGrad: g)

        var out: [String: Any] = [
            "outputs": nested(stack.output),
            "h_n": nested(stack.finalStates, shape: [L * D, B, H]),
        ]
        if layout.cell == .lstm { out["c_n"] = nested(stack.finalCells, shape: [L * D, B, H]) }
        var grads: [String: Any] = [:]
        for (name, p) in stack.namedParameters { grads[name] = nested(p.grad) }
        out["grads"] = grads
        out["grad_h_norms"] = topLayerGradNorms(stack)
        return out
    }

    /// ‖∂L/∂h_t‖ of the top layer per step, over batch, units and both directions.
    static func topLayerGradNorms(_ stack: RecurrentStack<Double>) -> [Double] {
        let top = stack.layers[stack.layers.count - 1], T = stack.steps, B = stack.batch
        return (0..<T).map { t in
            var s = 0.0
            for (d, layer) in top.enumerated() {
                let step = d == 0 ? t : T - 1 - t
                for b in 0..<B { s += layer.gradNormSquared[step * B + b] }
            }
            return s.squareRoot()
        }
    }

    static func nested(_ t: Tensor<Double>, shape: [Int]? = nil) -> Any {
        NestedArray.nest(UnsafeBufferPointer(start: t.data, count: t.count), shape: shape ?? t.shape)
    }
}
