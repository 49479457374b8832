/// A problem with something the user gave us: a file, a field, a size. The command line prints
/// `description` on one line and exits with code 2.
public struct InputError: Error, CustomStringConvertible, Sendable {
    /// The file involved, when there is one.
    public var file: String?
    /// Where in the file: a tensor name, a JSON path, a line.
    public var place: String?
    public var message: String

    public init(file: String? = nil, place: String? = nil, _ message: String) {
        self.file = file
        self.place = place
        self.message = message
    }

    public var description: String {
        var head = ""
        if let f = file { head += f }
        if let p = place { head += head.isEmpty ? p : ": \(p)" }
        return head.isEmpty ? message : "\(head): \(message)"
    }
}

/// Hard caps that keep a typo from asking for terabytes.
public enum Limits {
    public static let maxHidden = 8192
    public static let maxSequenceLength = 100_000
    public static let maxHeaderBytes = 100 * 1024 * 1024

    public static func checkHidden(_ h: Int, file: String? = nil, place: String? = nil) throws {
        if h > maxHidden { throw InputError(file: file, place: place, "hidden size \(h) exceeds the cap of \(maxHidden)") }
    }
    public static func checkSequenceLength(_ t: Int, file: String? = nil, place: String? = nil) throws {
        if t > maxSequenceLength {
            throw InputError(file: file, place: place, "sequence length \(t) exceeds the cap of \(maxSequenceLength)")
        }
    }
}
