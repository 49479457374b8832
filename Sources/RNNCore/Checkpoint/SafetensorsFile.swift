import Foundation

/// A checkpoint in the safetensors format, read and checked in full.
///
/// The layout: 8 bytes holding the header length N (little-endian), N bytes of JSON mapping each
/// tensor name to `{dtype, shape, data_offsets: [begin, end]}` (plus an optional
/// `"__metadata__"` object of strings), then the data buffer the offsets point into. Tensor data
/// is row-major and little-endian.
///
/// `read(path:)` checks the header length against `Limits.maxHeaderBytes` and the file size
/// before reading the header, and checks every entry before reading the data, so a damaged or
/// hostile file ends in one `InputError` naming the file and the tensor, never a crash, a hang or
/// an allocation the file cannot back.
public struct SafetensorsFile: Sendable {
    /// Where one tensor's bytes live and how to read them.
    public struct TensorInfo: Sendable, Equatable {
        /// The element type as the header spells it: "F32", "F64", "BF16", "I64"…
        public var dtype: String
        public var shape: [Int]
        /// Byte range within the data buffer (after the header).
        public var byteRange: Range<Int>
    }

    /// Element types `write` can store.
    public enum DType: String, Sendable {
        case f32 = "F32"
        case f64 = "F64"
        var size: Int { self == .f32 ? 4 : 8 }
    }

    /// The file this was read from; every error names it.
    public let path: String
    /// The header's `__metadata__` object (empty when absent).
    public let metadata: [String: String]
    /// Every tensor's entry, by name.
    public let entries: [String: TensorInfo]
    /// The data buffer, up to the end of the last tensor.
    private let buffer: Data

    /// Tensor names in sorted order.
    public var tensorNames: [String] { entries.keys.sorted() }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The entry of `name`; throws an `InputError` naming the tensor when the file lacks it.
    public func info(of name: String) throws -> TensorInfo {
        guard let info = entries[name] else {
            throw InputError(file: path, place: name, "no tensor of this name in the file")
        }
        return info
    }

    /// The shape of `name`, or nil when the file lacks it (`info(of:)` throws instead).
    public func shape(of name: String) -> [Int]? { entries[name]?.shape }
    /// The dtype of `name` as the header spells it, or nil when the file lacks it.
    public func dtype(of name: String) -> String? { entries[name]?.dtype }

    // MARK: Reading

    /// Reads and checks the file at `path`. Throws `InputError` for anything wrong with it.
    public static func read(path: String) throws -> SafetensorsFile {
        let file = try BinaryFile(path: path)
        defer { file.close() }
        guard file.size >= 8 else {
            throw InputError(file: path, place: "header",
                             "file is truncated: \(file.size) bytes, too short for the 8-byte header length")
        }
        let lengthBytes = try file.read(at: 0, count: 8, place: "header")
        let headerLength = lengthBytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard headerLength <= UInt64(Limits.maxHeaderBytes) else {
            throw InputError(file: path, place: "header",
                             "header length \(headerLength) bytes exceeds the cap of \(Limits.maxHeaderBytes) bytes")
        }
        let n = Int(headerLength)
        guard n <= file.size - 8 else {
            throw InputError(file: path, place: "header",
                             "header length \(n) bytes runs past the end of the file (\(file.size) bytes); "
                             + "the file is truncated or not safetensors")
        }
        let json = try file.read(at: 8, count: n, place: "header")
        let header = try SafetensorsHeader.parse(json, bufferSize: file.size - 8 - n, file: path)
        let used = header.entries.values.map(\.byteRange.upperBound).max() ?? 0
        let buffer = try file.read(at: 8 + n, count: used, place: "data")
        return SafetensorsFile(path: path, metadata: header.metadata, entries: header.entries, buffer: buffer)
    }

    /// The tensor `name` converted to `Scalar`. F32 and F64 are supported; F64 read as Float
    /// rounds to nearest. Any other dtype throws an `InputError` naming it.
    public func tensor<Scalar: BLASReal>(_ name: String, as type: Scalar.Type = Scalar.self) throws -> Tensor<Scalar> {
        let t = Tensor<Scalar>(shape: try info(of: name).shape)
        try read(name, into: t)
        return t
    }

    /// Copies the tensor `name` into `destination`, which must already have the file's shape
    /// (loading a checkpoint into a model's parameters).
    public func read<Scalar: BLASReal>(_ name: String, into destination: Tensor<Scalar>) throws {
        let info = try info(of: name)
        guard info.shape == destination.shape else {
            throw InputError(file: path, place: name,
                             "shape \(info.shape) in the file, but the model expects \(destination.shape)")
        }
        guard info.dtype == DType.f32.rawValue || info.dtype == DType.f64.rawValue else {
            throw InputError(file: path, place: name,
                             "dtype \(info.dtype) is not supported; rnnbook reads F32 and F64 tensors")
        }
        let out = destination.data
        let count = destination.count
        guard count > 0 else { return }
        if info.dtype == DType.f32.rawValue {
            buffer.withUnsafeBytes { raw in
                let base = raw.baseAddress! + info.byteRange.lowerBound
                for i in 0..<count {
                    let bits = UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    out[i] = Scalar(Float(bitPattern: bits))
                }
            }
        } else {
            buffer.withUnsafeBytes { raw in
                let base = raw.baseAddress! + info.byteRange.lowerBound
                for i in 0..<count {
                    let bits = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))
                    out[i] = Scalar(Double(bitPattern: bits))
                }
            }
        }
    }
}

extension SafetensorsFile: TensorSource {
    public var origin: String { path }
    public func doubleTensor(_ name: String) throws -> Tensor<Double> { try tensor(name, as: Double.self) }
}
