import Foundation

/// Golden files: rendered output frozen beside the tests. `LAB_UPDATE_GOLDEN=1` rewrites them; review the diff.
public enum Golden {
    /// The frozen text for `name` in `folder`, after rewriting it first when LAB_UPDATE_GOLDEN=1.
    public static func compare(_ lines: [String], name: String, folder: URL) throws -> (actual: String, expected: String) {
        let text = lines.joined(separator: "\n") + "\n"
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["LAB_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return (text, try String(contentsOf: url, encoding: .utf8))
    }
}
