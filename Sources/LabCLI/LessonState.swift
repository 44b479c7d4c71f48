import Foundation
import LabKit

/// Which lessons a learner has read and where they are, kept as a small JSON file in the state directory.
public struct LessonState: Codable, Equatable, Sendable {
    public var current: String?
    public var read: [String] = []

    public init(current: String? = nil, read: [String] = []) {
        self.current = current
        self.read = read
    }

    public static func load(from paths: LabPaths) -> LessonState {
        guard let data = FileManager.default.contents(atPath: paths.lessonStateFile.path),
              let state = try? JSONDecoder().decode(LessonState.self, from: data) else { return LessonState() }
        return state
    }

    /// Saves atomically with owner-only permissions; a failure to save never stops the lesson being shown.
    public func save(to paths: LabPaths) {
        do {
            try paths.ensureStateDirectory()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(self).write(to: paths.lessonStateFile, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: paths.lessonStateFile.path)
        } catch {
            FileHandle.standardError.write(Data("lab: warning: could not save lesson progress: \(error.localizedDescription)\n".utf8))
        }
    }

    public mutating func markRead(_ id: String) {
        current = id
        if !read.contains(id) { read.append(id) }
    }
}
