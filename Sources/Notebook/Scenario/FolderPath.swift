import Foundation

/// Paths written inside a scenario (a `text:` corpus, say) are relative to the scenario's own
/// folder and may not leave it: a scenario someone shares cannot read `~/.ssh` or `../../etc`.
enum FolderPath {
    /// The file `relative` names inside `folder`, after following `..` and symbolic links.
    /// Throws a one-line message when the path is absolute, escapes the folder, or is missing.
    static func resolve(_ relative: String, inside folder: URL) throws -> URL {
        guard !relative.isEmpty else { throw ParameterError("the path is empty") }
        guard !relative.hasPrefix("/"), !relative.hasPrefix("~") else {
            throw ParameterError("path \"\(relative)\" must be relative to the scenario's folder")
        }
        let root = folder.standardizedFileURL.resolvingSymlinksInPath()
        let target = root.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        guard target.path.hasPrefix(rootPath) else {
            throw ParameterError("path \"\(relative)\" leaves the scenario's folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ParameterError("file \"\(relative)\" not found next to the scenario")
        }
        return target
    }

    /// Without a folder (a scenario parsed from a string) only the shape of the path can be
    /// checked: relative, and never climbing out with `..`.
    static func checkShape(_ relative: String) throws {
        guard !relative.isEmpty else { throw ParameterError("the path is empty") }
        guard !relative.hasPrefix("/"), !relative.hasPrefix("~") else {
            throw ParameterError("path \"\(relative)\" must be relative to the scenario's folder")
        }
        var depth = 0
        for part in relative.split(separator: "/") {
            if part == ".." { depth -= 1 } else if part != "." { depth += 1 }
            if depth < 0 { throw ParameterError("path \"\(relative)\" leaves the scenario's folder") }
        }
    }
}
