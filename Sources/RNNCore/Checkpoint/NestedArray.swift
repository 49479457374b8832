import Foundation

/// A rectangular block of numbers read from nested JSON arrays, flattened row-major.
public struct NestedArray: Sendable {
    public var shape: [Int]
    public var values: [Double]

    /// Reads `json` as an array nested exactly `rank` deep.
    /// - Throws: `InputError` naming `file` and the JSON path of the first ragged row,
    ///   non-number, or non-finite value.
    public init(_ json: Any, rank: Int, file: String, field: String) throws {
        shape = []
        values = []
        var probe: Any = json
        for depth in 0..<rank {
            guard let arr = probe as? [Any] else {
                throw InputError(file: file, place: field + String(repeating: "[0]", count: depth),
                                 "expected an array nested \(rank) deep")
            }
            shape.append(arr.count)
            if arr.isEmpty { break }
            probe = arr[0]
        }
        if shape.count < rank || shape.contains(0) {
            throw InputError(file: file, place: field, "empty array (shape \(shape))")
        }
        values.reserveCapacity(shape.reduce(1, *))
        try flatten(json, depth: 0, path: field, file: file)
    }

    private mutating func flatten(_ node: Any, depth: Int, path: String, file: String) throws {
        if depth == shape.count {
            // Foundation hands numbers and booleans alike as NSNumber; the type code tells them apart.
            guard let n = node as? NSNumber, String(cString: n.objCType) != "c" else {
                throw InputError(file: file, place: path, "expected a number")
            }
            let v = n.doubleValue
            guard v.isFinite else { throw InputError(file: file, place: path, "value is not finite (\(v))") }
            values.append(v)
            return
        }
        guard let arr = node as? [Any] else {
            throw InputError(file: file, place: path, "expected an array of \(shape[depth])")
        }
        guard arr.count == shape[depth] else {
            throw InputError(file: file, place: path,
                             "ragged array: expected \(shape[depth]) entries, found \(arr.count)")
        }
        for (i, child) in arr.enumerated() {
            try flatten(child, depth: depth + 1, path: "\(path)[\(i)]", file: file)
        }
    }

    /// Builds nested arrays of `values` with `shape`, for JSON output.
    public static func nest(_ values: UnsafeBufferPointer<Double>, shape: [Int]) -> Any {
        func build(_ offset: Int, _ d: Int) -> Any {
            if d == shape.count { return values[offset] }
            let stride = shape[(d + 1)...].reduce(1, *)
            return (0..<shape[d]).map { build(offset + $0 * stride, d + 1) }
        }
        return build(0, 0)
    }
}

/// Parses a JSON file, turning every failure into a one-line `InputError`.
public func readJSONObject(path: String) throws -> [String: Any] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw InputError(file: path, "cannot read the file")
    }
    let object: Any
    do {
        object = try JSONSerialization.jsonObject(with: data)
    } catch {
        let text = String(decoding: data.prefix(1 << 20), as: UTF8.self)
        if text.range(of: #"\b(NaN|-?Infinity)\b"#, options: .regularExpression) != nil {
            throw InputError(file: path, "contains NaN or Infinity, which are not valid inputs")
        }
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "not valid JSON"
        throw InputError(file: path, "malformed JSON: \(detail.split(separator: "\n").first ?? "")")
    }
    guard let dict = object as? [String: Any] else {
        throw InputError(file: path, "expected a JSON object at the top level")
    }
    return dict
}
