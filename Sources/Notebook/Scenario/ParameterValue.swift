/// A typed parameter value. `description` is the text form that `ParameterSpec.parse` reads
/// back, so values round-trip through `:set`, `--set` and front matter.
public enum ParameterValue: Sendable, Equatable, Hashable, CustomStringConvertible {
    case int(Int)
    case real(Double)
    case bool(Bool)
    case choice(String)
    /// The optional feature is off (no clipping, full BPTT) or falls back to its natural default.
    case none

    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .real(let v): return Self.format(v)
        case .bool(let v): return v ? "true" : "false"
        case .choice(let s): return s
        case .none: return "none"
        }
    }

    public var intValue: Int? { if case .int(let v) = self { return v }; return nil }
    public var realValue: Double? {
        switch self {
        case .real(let v): return v
        case .int(let v): return Double(v)
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let v) = self { return v }; return nil }
    public var choiceValue: String? { if case .choice(let v) = self { return v }; return nil }
    public var isNone: Bool { self == .none }

    /// Short, exact text for a real: `3` rather than `3.0`, `0.1`, `1e-05`.
    public static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }
}
