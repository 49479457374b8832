/// Anything that hands out named tensors: a safetensors file, or a dictionary in tests.
public protocol TensorSource {
    /// Where the tensors came from, for error messages.
    var origin: String { get }
    var tensorNames: [String] { get }
    func shape(of name: String) -> [Int]?
    /// The stored element type, e.g. "F32".
    func dtype(of name: String) -> String?
    /// The tensor converted to `Double`.
    func doubleTensor(_ name: String) throws -> Tensor<Double>
}

/// Tensors held in memory.
public struct TensorDictionary: TensorSource {
    public var origin: String
    public var tensors: [String: Tensor<Double>]
    public init(origin: String = "<memory>", _ tensors: [String: Tensor<Double>]) {
        self.origin = origin
        self.tensors = tensors
    }
    public var tensorNames: [String] { tensors.keys.sorted() }
    public func shape(of name: String) -> [Int]? { tensors[name]?.shape }
    public func dtype(of name: String) -> String? { tensors[name] == nil ? nil : "F64" }
    public func doubleTensor(_ name: String) throws -> Tensor<Double> {
        guard let t = tensors[name] else { throw InputError(file: origin, place: name, "missing tensor") }
        return t
    }
}
