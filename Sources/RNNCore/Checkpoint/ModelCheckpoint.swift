/// Saving and restoring a model's parameters as a safetensors file, by state_dict name.
public enum ModelCheckpoint {
    /// Writes every parameter under its name, atomically (temporary file, then rename).
    public static func save<Scalar: BLASReal>(_ parameters: [(String, Parameter<Scalar>)], to path: String,
                                              metadata: [String: String] = [:]) throws {
        try SafetensorsFile.write(parameters.map { ($0.0, $0.1.value) }, metadata: metadata, to: path)
    }

    /// Copies every parameter's values from `path`. All names must be present with matching
    /// shapes; nothing is changed unless all of them are (F32 and F64 files both load).
    public static func load<Scalar: BLASReal>(_ parameters: [(String, Parameter<Scalar>)], from path: String) throws {
        let file = try SafetensorsFile.read(path: path)
        var loaded: [Tensor<Scalar>] = []
        for (name, p) in parameters {
            guard let shape = file.shape(of: name) else { throw InputError(file: path, place: name, "missing tensor") }
            guard shape == p.shape else {
                throw InputError(file: path, place: name, "shape \(shape) does not match the model's \(p.shape)")
            }
            loaded.append(try file.tensor(name, as: Scalar.self))
        }
        let expected = Set(parameters.map(\.0))
        if let extra = file.tensorNames.first(where: { !expected.contains($0) }) {
            throw InputError(file: path, place: extra, "not a parameter of this model")
        }
        for ((_, p), t) in zip(parameters, loaded) { p.value.copy(from: t); p.applyMask() }
    }
}
