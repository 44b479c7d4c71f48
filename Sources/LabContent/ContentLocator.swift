import Foundation

/// Finds the content folder (the one holding `Lessons/`): `--content`, `LAB_CONTENT`, the working directory
/// and its parents, then the folders above the executable (so `swift run` and a built binary both work).
public struct ContentLocator: Sendable {
    public var explicit: String?
    public var environment: [String: String]
    public var workingDirectory: URL
    public var executable: URL?

    public init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                executable: URL? = Bundle.main.executableURL) {
        self.explicit = explicit
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.executable = executable
    }

    /// The content root, or an error listing every place that was tried.
    public func locate() throws -> URL {
        var searched: [String] = []
        func has(_ url: URL) -> Bool {
            searched.append(url.appendingPathComponent("Lessons").path)
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("Lessons").path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        if let explicit, !explicit.isEmpty {
            let url = URL(fileURLWithPath: explicit, relativeTo: workingDirectory).standardizedFileURL
            if has(url) { return url }
            if url.lastPathComponent == "Lessons", has(url.deletingLastPathComponent()) { return url.deletingLastPathComponent() }
            throw ContentError.lessonsFolderMissing(searched: searched)
        }
        if let env = environment["LAB_CONTENT"], !env.isEmpty {
            let url = URL(fileURLWithPath: env, relativeTo: workingDirectory).standardizedFileURL
            if has(url) { return url }
            throw ContentError.lessonsFolderMissing(searched: searched)
        }
        var candidates: [URL] = []
        var dir = workingDirectory.standardizedFileURL
        for _ in 0..<6 { candidates.append(dir); let up = dir.deletingLastPathComponent(); if up == dir { break }; dir = up }
        if let exe = executable?.resolvingSymlinksInPath() {
            var dir = exe.deletingLastPathComponent()
            for _ in 0..<6 { candidates.append(dir); let up = dir.deletingLastPathComponent(); if up == dir { break }; dir = up }
        }
        for candidate in candidates where has(candidate) { return candidate }
        throw ContentError.lessonsFolderMissing(searched: searched)
    }
}
