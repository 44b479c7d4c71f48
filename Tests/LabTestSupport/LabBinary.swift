import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why running the `lab` executable (or another program) from a test failed.
public enum LabBinaryError: Error, CustomStringConvertible {
    /// No built `lab` executable was found near the test bundle.
    case notBuilt(searched: [String])
    /// The program ran longer than the timeout and was killed.
    case timeout(command: [String], seconds: TimeInterval, stdout: String, stderr: String)

    public var description: String {
        switch self {
        case let .notBuilt(searched):
            return "the lab executable was not found (looked in \(searched.joined(separator: ", "))); run `swift build` first"
        case let .timeout(command, seconds, stdout, stderr):
            return "\(command.joined(separator: " ")) did not finish within \(seconds)s and was killed\n"
                + "stdout:\n\(stdout)\nstderr:\n\(stderr)"
        }
    }
}

/// Finds and runs the built `lab` executable, so CLI tests exercise the real binary in a clean environment.
public enum LabBinary {
    /// Path of the built `lab` executable next to the test bundle (LAB_BINARY overrides); throws telling to run `swift build` if missing.
    public static func url() throws -> URL {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["LAB_BINARY"], fileManager.isExecutableFile(atPath: override) {
            return URL(fileURLWithPath: override)
        }
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
        starts.append(Bundle.main.bundleURL)
        if let first = CommandLine.arguments.first {
            starts.append(URL(fileURLWithPath: first).standardizedFileURL.deletingLastPathComponent())
        }
        starts += Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
        starts.append(repositoryRoot.appendingPathComponent(".build/debug"))

        var searched: [String] = []
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                if !searched.contains(directory.path) {
                    searched.append(directory.path)
                    let candidate = directory.appendingPathComponent("lab")
                    var isDirectory: ObjCBool = false
                    if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                       fileManager.isExecutableFile(atPath: candidate.path) {
                        return candidate
                    }
                }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
        }
        throw LabBinaryError.notBuilt(searched: searched)
    }

    /// The repository root (the directory holding Package.swift, found walking up from this source file).
    public static var repositoryRoot: URL {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// What a finished run printed and how it exited (128+signal if killed).
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs lab with a clean environment (PATH, a temporary HOME, LANG=C.UTF-8, no TERM) plus `environment`, killing it after `timeout`.
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                           currentDirectory: URL? = nil, timeout: TimeInterval = 60) throws -> Result {
        try run(executable: url(), arguments: arguments, stdin: stdin, environment: environment,
                currentDirectory: currentDirectory, timeout: timeout)
    }

    /// A fresh temporary directory (for LAB_HOME state dirs), removed by the caller.
    public static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("lab-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs any program the way `run(_:)` runs lab: stdout and stderr drained concurrently, stdin a pipe or /dev/null.
    package static func run(executable: URL, arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                            currentDirectory: URL? = nil, timeout: TimeInterval = 60) throws -> Result {
        var fullEnvironment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
        ]
        var temporaryHome: URL?
        if environment["HOME"] == nil {
            let home = try temporaryDirectory()
            temporaryHome = home
            fullEnvironment["HOME"] = home.path
        }
        defer { if let temporaryHome { try? FileManager.default.removeItem(at: temporaryHome) } }
        fullEnvironment.merge(environment) { _, new in new }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = fullEnvironment
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let output = Pipe()
        let errorOutput = Pipe()
        process.standardOutput = output
        process.standardError = errorOutput
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }

        try launchWithEmptySignalMask(process)
        let outputReader = FileDescriptorReader(fd: output.fileHandleForReading.fileDescriptor, name: "stdout \(executable.lastPathComponent)")
        let errorReader = FileDescriptorReader(fd: errorOutput.fileHandleForReading.fileDescriptor, name: "stderr \(executable.lastPathComponent)")
        if let input, let stdin { writeInBackground(Array(stdin.utf8), to: input.fileHandleForWriting) }

        let timedOut = exited.wait(timeout: .now() + timeout) == .timedOut
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 10)
        }
        // A grandchild may still hold the pipes open; give it a moment, then take what arrived.
        let drainDeadline = Date().addingTimeInterval(timedOut ? 1 : 5)
        outputReader.waitForEnd(until: drainDeadline)
        errorReader.waitForEnd(until: drainDeadline)
        outputReader.stop()
        errorReader.stop()
        let stdout = String(decoding: outputReader.data, as: UTF8.self)
        let stderr = String(decoding: errorReader.data, as: UTF8.self)
        if timedOut {
            throw LabBinaryError.timeout(command: [executable.path] + arguments, seconds: timeout, stdout: stdout, stderr: stderr)
        }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return Result(status: status, stdout: stdout, stderr: stderr)
    }

    /// Launches from a thread with no blocked signals, since Process passes on the caller's mask and Swift concurrency threads block SIGINT and SIGTERM.
    private static func launchWithEmptySignalMask(_ process: Process) throws {
        let launched = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var failure: Error?
        let thread = Thread {
            var noSignals = sigset_t()
            sigemptyset(&noSignals)
            pthread_sigmask(SIG_SETMASK, &noSignals, nil)
            do { try process.run() } catch { failure = error }
            launched.signal()
        }
        thread.name = "launch \(process.executableURL?.lastPathComponent ?? "")"
        thread.start()
        launched.wait()
        if let failure { throw failure }
    }

    /// Writes stdin on its own thread with SIGPIPE blocked there, so a program that exits without reading cannot kill the tests.
    private static func writeInBackground(_ bytes: [UInt8], to handle: FileHandle) {
        let thread = Thread {
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            let fd = handle.fileDescriptor
            var remaining = bytes[...]
            while !remaining.isEmpty {
                let written = remaining.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if written > 0 {
                    remaining = remaining.dropFirst(written)
                } else if !(written < 0 && errno == EINTR) {
                    break
                }
            }
            try? handle.close()
            var noWait = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipeSignal, nil, &noWait)  // Consume a pending SIGPIPE from a failed write.
        }
        thread.name = "stdin writer"
        thread.start()
    }
}
