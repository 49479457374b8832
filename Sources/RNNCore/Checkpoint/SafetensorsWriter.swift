import Foundation

extension SafetensorsFile {
    /// Writes `tensors` to `path` as a safetensors file, atomically.
    ///
    /// Tensors are stored as F32 for `Float` and F64 for `Double`, unless `dtype` asks otherwise
    /// (a Double model saved as F32 to halve its size). The header's keys are sorted and the data
    /// follows in the same order, so equal inputs give byte-identical files. As in the reference
    /// implementation, the header is padded with spaces until the data starts on an 8-byte
    /// boundary.
    ///
    /// The file is written beside `path` under a hidden temporary name and renamed over it only
    /// once complete: a failure (a bad name, a full disk, a missing directory) throws an
    /// `InputError` and leaves any existing file at `path` as it was.
    public static func write<Scalar: BLASReal>(
        _ tensors: [(String, Tensor<Scalar>)], metadata: [String: String] = [:],
        dtype: DType? = nil, to path: String
    ) throws {
        let storage = dtype ?? DType(rawValue: Scalar.dtypeName) ?? .f64
        var seen = Set<String>()
        for (name, _) in tensors {
            guard !name.isEmpty, name != "__metadata__" else {
                throw InputError(file: path, place: name.isEmpty ? "tensor name" : name,
                                 "not a usable tensor name")
            }
            guard seen.insert(name).inserted else {
                throw InputError(file: path, place: name, "two tensors have this name")
            }
        }
        let ordered = tensors.sorted { $0.0 < $1.0 }

        var header: [String: HeaderItem] = [:]
        var offset = 0
        for (name, t) in ordered {
            let bytes = t.count * storage.size
            header[name] = .tensor(TensorEntry(dtype: storage.rawValue, shape: t.shape,
                                               data_offsets: [offset, offset + bytes]))
            offset += bytes
        }
        if !metadata.isEmpty { header["__metadata__"] = .metadata(metadata) }

        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var json = [UInt8](try encoder.encode(header))
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }  // 8 + N ≡ 0 (mod 8)
        guard json.count <= Limits.maxHeaderBytes else {
            throw InputError(file: path, place: "header",
                             "header of \(json.count) bytes exceeds the cap of \(Limits.maxHeaderBytes) bytes")
        }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + json.count + offset)
        appendLittleEndian(UInt64(json.count), to: &bytes)
        bytes += json
        for (_, t) in ordered {
            for i in 0..<t.count {
                switch storage {
                case .f32: appendLittleEndian(Float(t.data[i]).bitPattern, to: &bytes)
                case .f64: appendLittleEndian(Double(t.data[i]).bitPattern, to: &bytes)
                }
            }
        }
        try AtomicFile.write(bytes, to: path)
    }

    private static func appendLittleEndian<I: FixedWidthInteger>(_ value: I, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// One value of the header object: a tensor entry or the metadata strings.
private enum HeaderItem: Encodable {
    case tensor(TensorEntry)
    case metadata([String: String])

    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .tensor(let entry): try c.encode(entry)
        case .metadata(let strings): try c.encode(strings)
        }
    }
}

private struct TensorEntry: Encodable {
    var dtype: String
    var shape: [Int]
    var data_offsets: [Int]
}
