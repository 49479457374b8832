/// Choosing the capability ladder's rungs from the environment, and parsing the `--color` and
/// `--glyphs` flags that override the choice.
extension Capabilities {
    /// What the terminal described by `environment` can show.
    ///
    /// Colour: a non-empty `NO_COLOR` means mono; `COLORTERM=truecolor` (or `24bit`) means
    /// truecolor; terminfo's colour count ≥ 256 or a `TERM` containing `256color` means 256;
    /// a count ≥ 8 means 16; anything else (no terminfo count included) mono.
    ///
    /// Glyphs: the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG` decides; a UTF-8 locale gets
    /// braille, except on the Linux console (`TERM=linux`), whose fonts lack braille, which gets
    /// half blocks; any other locale gets ASCII.
    ///
    /// `TERM=dumb` overrides everything: mono and ASCII.
    ///
    /// - Parameter terminfoColors: terminfo's `colors` (`tigetnum("colors")`); nil or negative
    ///   when unknown.
    public static func detect(environment: [String: String], terminfoColors: Int?) -> Capabilities {
        let term = environment["TERM"] ?? ""
        if term == "dumb" { return Capabilities(colorDepth: .mono, glyphs: .ascii) }
        return Capabilities(colorDepth: detectColorDepth(environment, term: term, terminfoColors: terminfoColors),
                            glyphs: detectGlyphs(environment, term: term))
    }

    private static func detectColorDepth(_ env: [String: String], term: String, terminfoColors: Int?) -> ColorDepth {
        if let noColor = env["NO_COLOR"], !noColor.isEmpty { return .mono }
        let colorterm = (env["COLORTERM"] ?? "").lowercased()
        if colorterm == "truecolor" || colorterm == "24bit" { return .truecolor }
        let colors = terminfoColors ?? -1
        if colors >= 256 || term.contains("256color") { return .c256 }
        if colors >= 8 { return .c16 }
        return .mono
    }

    private static func detectGlyphs(_ env: [String: String], term: String) -> GlyphSet {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { env[$0] }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        guard lower.contains("utf-8") || lower.contains("utf8") else { return .ascii }
        return term == "linux" ? .halfBlock : .braille
    }
}

/// A `--color` or `--glyphs` value that is not one of the allowed ones.
public struct CapabilityOptionError: Error, Equatable, CustomStringConvertible {
    /// The flag, e.g. `--color`.
    public let option: String
    public let value: String
    public let validValues: [String]

    public var description: String {
        "invalid \(option) value '\(value)': expected one of \(validValues.joined(separator: ", "))"
    }
}

extension ColorDepth {
    /// Parses a `--color` value: `truecolor`, `256`, `16` or `mono` (any case).
    public init(option: String) throws {
        guard let depth = ColorDepth(rawValue: option.lowercased()) else {
            throw CapabilityOptionError(option: "--color", value: option, validValues: Self.allCases.map(\.rawValue))
        }
        self = depth
    }
}

extension GlyphSet {
    /// Parses a `--glyphs` value: `braille`, `block` or `ascii` (any case).
    public init(option: String) throws {
        guard let glyphs = GlyphSet(rawValue: option.lowercased()) else {
            throw CapabilityOptionError(option: "--glyphs", value: option, validValues: Self.allCases.map(\.rawValue))
        }
        self = glyphs
    }
}
