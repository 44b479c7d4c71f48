import Foundation

/// Where the lab keeps a learner's state: `LAB_HOME`, else `$XDG_STATE_HOME/lab`, else `~/.local/state/lab`.
public struct LabPaths: Sendable, Equatable {
    public var stateDirectory: URL

    public init(stateDirectory: URL) {
        self.stateDirectory = stateDirectory
    }

    /// Resolves the state directory from the environment, the XDG way.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let home = environment["LAB_HOME"], !home.isEmpty {
            stateDirectory = URL(fileURLWithPath: home, isDirectory: true)
        } else if let xdg = environment["XDG_STATE_HOME"], !xdg.isEmpty {
            stateDirectory = URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("lab", isDirectory: true)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            stateDirectory = URL(fileURLWithPath: home, isDirectory: true)
                .appendingPathComponent(".local/state/lab", isDirectory: true)
        }
    }

    public var historyFile: URL { stateDirectory.appendingPathComponent("history") }
    public var databaseFile: URL { stateDirectory.appendingPathComponent("progress.sqlite") }

    /// Creates the state directory (0700) if it is missing; state is private to the learner.
    public func ensureStateDirectory() throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: stateDirectory.path) {
            try fm.createDirectory(at: stateDirectory, withIntermediateDirectories: true,
                                   attributes: [.posixPermissions: 0o700])
        }
    }
}
