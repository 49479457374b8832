#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A regular file opened for reading at explicit offsets.
///
/// POSIX rather than FileHandle, so every failure carries the system's reason, and so a FIFO or a
/// device is refused before `open` could block on it or a read could run forever.
struct BinaryFile {
    let path: String
    let size: Int
    private let fd: Int32

    /// Opens `path` for reading; throws an `InputError` naming the file when it is missing,
    /// unreadable or not a regular file.
    init(path: String) throws {
        self.path = path
        var st = stat()
        guard stat(path, &st) == 0 else { throw InputError(file: path, "cannot open: \(systemReason())") }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw InputError(file: path, "not a regular file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError(file: path, "cannot open: \(systemReason())") }
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            _ = closeDescriptor(fd)
            throw InputError(file: path, "not a regular file")
        }
        self.fd = fd
        size = Int(st.st_size)
    }

    func close() { _ = closeDescriptor(fd) }

    /// Exactly `count` bytes starting at `offset`; a short read means the file shrank or is
    /// damaged and is reported as truncation.
    func read(at offset: Int, count: Int, place: String) throws -> Data {
        var data = Data(count: count)
        var done = 0
        try data.withUnsafeMutableBytes { (raw: UnsafeMutableRawBufferPointer) in
            while done < count {
                let n = pread(fd, raw.baseAddress! + done, count - done, off_t(offset + done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError(file: path, place: place, "read failed: \(systemReason())")
                }
                if n == 0 {
                    throw InputError(file: path, place: place,
                                     "file is truncated: wanted \(count) bytes at offset \(offset), got \(done)")
                }
                done += n
            }
        }
        return data
    }
}

/// Writes a file so that readers see either the old contents or the complete new ones.
///
/// The bytes go to a hidden temporary file in the same directory (so the final `rename(2)` stays
/// on one file system and is atomic), are flushed with `fsync`, and only then replace `path`.
/// On any failure the temporary file is removed and an existing file at `path` is untouched.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        let temp = try createTemporary(in: directory, for: url.lastPathComponent, path: path)
        var fd: Int32? = temp.fd
        do {
            // Keep the permissions of a file we replace, so a save does not widen or narrow them.
            var st = stat()
            if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
                _ = fchmod(temp.fd, st.st_mode & 0o7777)
            }
            try writeAll(bytes, to: temp.fd, path: path)
            guard fsync(temp.fd) == 0 else { throw InputError(file: path, "cannot write: \(systemReason())") }
            fd = nil
            guard closeDescriptor(temp.fd) == 0 else { throw InputError(file: path, "cannot write: \(systemReason())") }
            guard rename(temp.path, path) == 0 else {
                throw InputError(file: path, "cannot replace the file: \(systemReason())")
            }
        } catch {
            if let fd { _ = closeDescriptor(fd) }
            unlink(temp.path)
            throw error
        }
        syncDirectory(directory)
    }

    private static func createTemporary(in directory: String, for name: String, path: String)
        throws -> (fd: Int32, path: String)
    {
        let pid = getpid()
        for attempt in 0..<100 {
            let candidate = directory + "/." + name + ".tmp-\(pid)-\(attempt)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { return (fd, candidate) }
            if errno != EEXIST { throw InputError(file: path, "cannot write: \(systemReason())") }
        }
        throw InputError(file: path, "cannot write: no free temporary file name in \(directory)")
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = writeDescriptor(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError(file: path, "cannot write: \(systemReason())")
                }
                done += n
            }
        }
    }

    /// Makes the rename itself durable; best effort, since some file systems refuse it.
    private static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_CLOEXEC)
        if fd >= 0 {
            _ = fsync(fd)
            _ = closeDescriptor(fd)
        }
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #elseif canImport(Musl)
    return Musl.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

private func writeDescriptor(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, bytes, count)
    #elseif canImport(Musl)
    return Musl.write(fd, bytes, count)
    #else
    return Darwin.write(fd, bytes, count)
    #endif
}

private func systemReason() -> String { String(cString: strerror(errno)) }
