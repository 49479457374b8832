#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Records frames as an asciinema v2 file (`rnnbook open … --record FILE.cast`).
///
/// The file is newline-delimited JSON: a header object, then one `[seconds, "o", data]` event
/// per frame whose `data` is what `ANSIWriter.update` would send a terminal. The first event
/// hides the cursor and paints the whole frame; later ones carry only the changed cells, and a
/// frame of a new size is preceded by a `[seconds, "r", "WxH"]` resize event. Every event is
/// flushed as it is written, so a crash leaves a playable file.
public final class AsciicastWriter {
    public let path: String
    public let depth: ColorDepth
    private var file: UnsafeMutablePointer<FILE>?
    private var previous: Buffer?
    private var size: (width: Int, height: Int)
    private var lastTime = 0.0
    /// Reused every frame: the ANSI bytes and the event line built from them.
    private var frameBytes = OutputBytes()
    private var line = OutputBytes()

    /// Creates (or truncates) the file and writes the header.
    /// - Parameters:
    ///   - width, height: the terminal size at the start, in cells.
    ///   - depth: colours in the recording are folded to this depth.
    ///   - term: the `TERM` recorded in the header's `env`.
    ///   - timestamp: Unix seconds of the start; now when nil.
    public init(path: String, width: Int, height: Int, depth: ColorDepth, term: String = "xterm-256color",
                timestamp: Int? = nil, title: String? = nil) throws {
        self.path = path; self.depth = depth
        size = (max(0, width), max(0, height))
        guard let file = fopen(path, "w") else { throw AsciicastError(path: path, reason: Self.lastError()) }
        self.file = file
        var header = OutputBytes()
        header.append("{\"version\":2,\"width\":"); header.append(size.width)
        header.append(",\"height\":"); header.append(size.height)
        header.append(",\"timestamp\":"); header.append(timestamp ?? Int(time(nil)))
        if let title { header.append(",\"title\":"); Self.appendJSONString(Array(title.utf8), to: &header) }
        header.append(",\"env\":{\"TERM\":"); Self.appendJSONString(Array(term.utf8), to: &header)
        header.append("}}\n")
        try write(header.bytes)
    }

    deinit { if let file { fclose(file) } }

    /// Appends the frame shown `seconds` after the start of the recording. Times earlier than
    /// the last frame's are raised to it (players need them in order); a frame identical to the
    /// previous one writes nothing.
    public func record(_ buffer: Buffer, at seconds: Double) throws {
        guard file != nil else { throw AsciicastError(path: path, reason: "the recording is closed") }
        let time = max(lastTime, seconds.isFinite ? seconds : lastTime)
        lastTime = time
        if buffer.width != size.width || buffer.height != size.height {
            size = (buffer.width, buffer.height)
            var resize = OutputBytes()
            resize.append(size.width); resize.append("x"); resize.append(size.height)
            try writeEvent(at: time, code: "r", data: resize.bytes)
        }
        frameBytes.bytes.removeAll(keepingCapacity: true)
        if previous == nil { frameBytes.append("\u{1B}[?25l") }
        ANSIWriter.writeUpdate(from: previous, to: buffer, depth: depth, into: &frameBytes)
        previous = buffer
        guard !frameBytes.bytes.isEmpty else { return }
        try writeEvent(at: time, code: "o", data: frameBytes.bytes)
    }

    /// Finishes the file. Recording afterwards throws; closing twice does nothing.
    public func close() throws {
        guard let file else { return }
        self.file = nil
        if fclose(file) != 0 { throw AsciicastError(path: path, reason: Self.lastError()) }
    }

    private func writeEvent(at seconds: Double, code: StaticString, data: [UInt8]) throws {
        line.bytes.removeAll(keepingCapacity: true)
        line.append("[")
        line.append(string: NumberFormat.fixed(seconds, decimals: 6, trimZeros: false))
        line.append(",\""); line.append(code); line.append("\",")
        Self.appendJSONString(data, to: &line)
        line.append("]\n")
        try write(line.bytes)
    }

    private func write(_ bytes: [UInt8]) throws {
        guard let file else { throw AsciicastError(path: path, reason: "the recording is closed") }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count, fflush(file) == 0 else { throw AsciicastError(path: path, reason: Self.lastError()) }
    }

    /// A JSON string literal of UTF-8 `bytes`: quote and backslash escaped, control characters
    /// (ESC above all) as `\u00XX`; other bytes, UTF-8 included, are copied as they are.
    static func appendJSONString(_ bytes: [UInt8], to out: inout OutputBytes) {
        let hex = Array("0123456789abcdef".utf8)
        out.append("\"")
        for b in bytes {
            switch b {
            case UInt8(ascii: "\""): out.append("\\\"")
            case UInt8(ascii: "\\"): out.append("\\\\")
            case UInt8(ascii: "\n"): out.append("\\n")
            case UInt8(ascii: "\r"): out.append("\\r")
            case UInt8(ascii: "\t"): out.append("\\t")
            case 0..<0x20:
                out.append("\\u00"); out.append(byte: hex[Int(b >> 4)]); out.append(byte: hex[Int(b & 15)])
            default: out.append(byte: b)
            }
        }
        out.append("\"")
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

/// A recording file that could not be created or written.
public struct AsciicastError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path): cannot record: \(reason)" }
}
