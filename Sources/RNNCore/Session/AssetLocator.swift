import Foundation

/// Finds files under Assets/: beside the source checkout (the way rnnbook is run from a clone),
/// or under RNNBOOK_ASSETS when set.
public enum AssetLocator {
    public static func path(_ relative: String) -> String {
        if let root = ProcessInfo.processInfo.environment["RNNBOOK_ASSETS"] {
            return root + "/" + relative
        }
        // Sources/RNNCore/Session/AssetLocator.swift → repository root.
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("Assets").appendingPathComponent(relative).path
    }
}
