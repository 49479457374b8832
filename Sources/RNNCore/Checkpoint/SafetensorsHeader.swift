import Foundation

/// The JSON header of a safetensors file, decoded and checked entry by entry.
///
/// Every check names the tensor (or `__metadata__`) it failed on, so a damaged checkpoint is
/// reported as one line the user can act on, never a crash. Shapes and offsets are decoded as
/// JSON numbers (Double) and then checked to be whole and in range, because an integer decoder
/// reports `1.5` or `1e30` only as "not valid JSON", losing the place.
struct SafetensorsHeader {
    var entries: [String: SafetensorsFile.TensorInfo]
    var metadata: [String: String]

    /// Bytes per element of every dtype the format defines. Only F32 and F64 can be converted to
    /// tensors, but knowing the others lets a file holding, say, an I64 step counter be opened
    /// and checked, and fail only if that tensor is asked for.
    static let elementSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1, "F8_E8M0": 1,
        "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4,
        "I64": 8, "U64": 8, "F64": 8, "C64": 8,
    ]

    /// Numbers above 2^53 are not exact in a JSON double and exceed any real file anyway.
    private static let maxExactInteger = 9_007_199_254_740_992.0

    /// Decodes `json` and checks every entry against a data buffer of `bufferSize` bytes.
    static func parse(_ json: Data, bufferSize: Int, file: String) throws -> SafetensorsHeader {
        let raw: RawHeader
        do {
            raw = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch let problem as HeaderProblem {
            throw InputError(file: file, place: problem.place, problem.message)
        } catch {
            throw InputError(file: file, place: "header", "not valid JSON (or not UTF-8, or nested too deeply)")
        }
        var entries: [String: SafetensorsFile.TensorInfo] = [:]
        for (name, entry) in raw.entries.sorted(by: { $0.0 < $1.0 }) {
            entries[name] = try check(entry, name: name, bufferSize: bufferSize, file: file)
        }
        try checkNoOverlap(entries, file: file)
        return SafetensorsHeader(entries: entries, metadata: raw.metadata)
    }

    private static func check(_ entry: RawEntry, name: String, bufferSize: Int, file: String) throws
        -> SafetensorsFile.TensorInfo
    {
        func fail(_ message: String) -> InputError { InputError(file: file, place: name, message) }
        guard let size = elementSizes[entry.dtype] else { throw fail("unknown dtype \"\(entry.dtype)\"") }

        let shapeText = "[" + entry.shape.map(numberText).joined(separator: ", ") + "]"
        var shape: [Int] = []
        var elements = 1
        for d in entry.shape {
            guard d >= 0 else { throw fail("shape \(shapeText) has a negative dimension") }
            guard d.rounded() == d, d <= maxExactInteger else {
                throw fail("shape \(shapeText) must hold whole numbers of a sensible size")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: Int(d))
            guard !overflow else { throw fail("shape \(shapeText) is too large") }
            elements = product
            shape.append(Int(d))
        }
        let (bytes, overflow) = elements.multipliedReportingOverflow(by: size)
        guard !overflow else { throw fail("shape \(shapeText) is too large") }

        let offsetsText = "[" + entry.offsets.map(numberText).joined(separator: ", ") + "]"
        guard entry.offsets.count == 2,
              entry.offsets.allSatisfy({ $0 >= 0 && $0.rounded() == $0 && $0 <= maxExactInteger })
        else { throw fail("data_offsets \(offsetsText) must be two non-negative whole numbers") }
        let begin = Int(entry.offsets[0]), end = Int(entry.offsets[1])
        guard begin <= end else { throw fail("data_offsets \(offsetsText) end before they begin") }
        guard end <= bufferSize else {
            throw fail("data_offsets \(offsetsText) run past the end of the data (\(bufferSize) bytes); "
                       + "the file is truncated or the offsets are wrong")
        }
        guard end - begin == bytes else {
            throw fail("data_offsets \(offsetsText) hold \(end - begin) bytes, but shape \(shapeText) "
                       + "of \(entry.dtype) needs \(bytes)")
        }
        return SafetensorsFile.TensorInfo(dtype: entry.dtype, shape: shape, byteRange: begin..<end)
    }

    /// Two tensors may not share bytes: writing one would silently change the other. Gaps and
    /// unused trailing bytes are tolerated (the reference implementation refuses them), since they
    /// cannot make a tensor read wrong values.
    private static func checkNoOverlap(_ entries: [String: SafetensorsFile.TensorInfo], file: String) throws {
        let spans = entries.filter { !$0.value.byteRange.isEmpty }
            .sorted { ($0.value.byteRange.lowerBound, $0.key) < ($1.value.byteRange.lowerBound, $1.key) }
        for (a, b) in zip(spans, spans.dropFirst()) where b.value.byteRange.lowerBound < a.value.byteRange.upperBound {
            let r = b.value.byteRange
            throw InputError(file: file, place: b.key,
                             "data_offsets [\(r.lowerBound), \(r.upperBound)] overlap those of tensor \"\(a.key)\"")
        }
    }

    private static func numberText(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e18 { return String(Int64(d)) }
        return String(d)
    }
}

// MARK: - Decoding

/// A problem found while decoding, with the place it was found; turned into an `InputError`.
private struct HeaderProblem: Error {
    var place: String
    var message: String
}

private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

private struct RawHeader: Decodable {
    var entries: [(String, RawEntry)] = []
    var metadata: [String: String] = [:]

    init(from decoder: Decoder) throws {
        guard let c = try? decoder.container(keyedBy: AnyKey.self) else {
            throw HeaderProblem(place: "header", message: "not a JSON object")
        }
        for key in c.allKeys {
            if key.stringValue == "__metadata__" {
                guard let m = try? c.decode([String: String].self, forKey: key) else {
                    throw HeaderProblem(place: "__metadata__", message: "must be an object whose values are strings")
                }
                metadata = m
            } else {
                entries.append((key.stringValue, try RawEntry(c, key)))
            }
        }
    }
}

private struct RawEntry {
    var dtype: String
    var shape: [Double]
    var offsets: [Double]

    init(_ parent: KeyedDecodingContainer<AnyKey>, _ key: AnyKey) throws {
        let name = key.stringValue
        guard let c = try? parent.nestedContainer(keyedBy: AnyKey.self, forKey: key) else {
            throw HeaderProblem(place: name, message: "entry must be an object with dtype, shape and data_offsets")
        }
        func field<T: Decodable>(_ field: String, _ type: T.Type, _ expected: String) throws -> T {
            let k = AnyKey(stringValue: field)
            guard c.contains(k) else { throw HeaderProblem(place: name, message: "missing field \"\(field)\"") }
            guard let v = try? c.decode(T.self, forKey: k) else {
                throw HeaderProblem(place: name, message: "field \"\(field)\" must be \(expected)")
            }
            return v
        }
        dtype = try field("dtype", String.self, "a string")
        shape = try field("shape", [Double].self, "a list of numbers")
        offsets = try field("data_offsets", [Double].self, "a list of two numbers")
    }
}
